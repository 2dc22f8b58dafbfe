import type { ViewerDisplay } from '@/lib/domain/display-preferences';
import type { Locale } from '@/lib/i18n/negotiate-locale.mjs';
import type { Actor } from '@/lib/domain/policy';

/**
 * The request a screen or server action sees in the `integration-requests` project: who is signed
 * in, the interface language, the request headers and cookies. Next.js gives these from its own
 * request context (next/headers, next-intl, the session cookie), which a test file has not got;
 * tests/support/request-mocks.ts points those modules here. Every file starts from the defaults
 * (an anonymous English reader with no headers); a test sets what it needs.
 */
export interface FakeRequest {
  locale: Locale;
  /** The signed-in actor; null is the anonymous reader, as the real session gives it. */
  actor: Actor | null;
  /** The viewer's display preferences; null gives the defaults. */
  display: ViewerDisplay | null;
  headers: Record<string, string>;
  cookies: Map<string, string>;
}

export const fakeRequest: FakeRequest = { locale: 'en', actor: null, display: null, headers: {}, cookies: new Map() };

/** Back to the defaults: run before every file, so nothing one file set reaches the next. */
export function resetFakeRequest(): void {
  Object.assign(fakeRequest, { locale: 'en', actor: null, display: null, headers: {}, cookies: new Map() });
}
