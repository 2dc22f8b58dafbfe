import { vi } from 'vitest';
import { resetFakeRequest } from './request-fake';

/*
 * Setup file of the `integration-requests` project (vitest.config.ts): the modules through which
 * Next.js hands a screen or server action its request (next/headers, next/cache, next-intl's locale,
 * the session) answer from tests/support/request-fake.ts instead. Declared once here rather than
 * in each file, the mocks let these files share one module registry per worker, as the other
 * integration files do: a vi.mock of its own would need a fresh registry, and so the server layer
 * loaded again (about 4 CPU-seconds) for every file.
 */
vi.mock('next-intl/server', async () => {
  const { fakeRequest } = await import('./request-fake');
  // getRequestConfig is an identity in next-intl: lib/i18n/request.ts's default export stays callable.
  return { getLocale: async () => fakeRequest.locale, getRequestConfig: (create: unknown) => create };
});

vi.mock('next/headers', async () => {
  const { fakeRequest } = await import('./request-fake');
  return {
    headers: async () => new Headers(fakeRequest.headers),
    cookies: async () => ({
      get: (name: string) => (fakeRequest.cookies.has(name) ? { name, value: fakeRequest.cookies.get(name)! } : undefined),
      set: (name: string, value: string) => void fakeRequest.cookies.set(name, value),
    }),
  };
});

// Screens are rendered once per call here: there is no cache to revalidate.
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

vi.mock('@/lib/server/session', async (importOriginal) => {
  const { fakeRequest } = await import('./request-fake');
  const { ANONYMOUS } = await import('@/lib/domain/policy');
  const { DEFAULT_DISPLAY } = await import('@/lib/domain/display-preferences');
  return {
    ...(await importOriginal<typeof import('@/lib/server/session')>()),
    getActor: async () => fakeRequest.actor ?? ANONYMOUS,
    getViewerDisplay: async () => fakeRequest.display ?? DEFAULT_DISPLAY,
  };
});

resetFakeRequest();
