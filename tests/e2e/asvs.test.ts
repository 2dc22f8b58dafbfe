import { describe, expect, it } from 'vitest';
import { useWikiInBrowser } from '../support/e2e-suite';
import { failOnPageErrors, signUp, TEST_PASSWORD } from '../support/browser';
import { MAX_FORM_BODY_BYTES } from '@/lib/domain/http-security';

/*
 * ASVS checks that need the real server: next-auth's cookies and redirects, and what reaches
 * Next.js's Server Action handler. The rest is in tests/integration/asvs.test.ts.
 */
// TRUST_PROXY: one test plays a TLS-terminating proxy (X-Forwarded-Proto: https).
const suite = useWikiInBrowser({ env: { TRUST_PROXY: 'true' } });
failOnPageErrors(suite);
const USER = 'Cookie Checker';

interface SignIn {
  status: number;
  url: string | undefined;
  cookies: string[];
}

/** Signs in over plain HTTP as the sign-in form does (CSRF token first), with extra headers. */
async function signIn(options: { callbackUrl?: string; headers?: Record<string, string>; cookie?: string; origin?: string } = {}): Promise<SignIn> {
  const base = suite.wiki().baseUrl;
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: options.headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: options.origin ?? base,
      cookie: [...csrfCookies, ...(options.cookie ? [options.cookie] : [])].join('; '),
      ...options.headers,
    },
    body: new URLSearchParams({ username: USER, password: TEST_PASSWORD, csrfToken, callbackUrl: options.callbackUrl ?? `${base}/wiki/Main_Page`, json: 'true' }),
  });
  const body = response.headers.get('content-type')?.includes('json') ? ((await response.json()) as { url?: string }) : {};
  return { status: response.status, url: body.url, cookies: response.headers.getSetCookie() };
}

const sessionCookieOf = (result: SignIn) => result.cookies.find((c) => /^(?:__Secure-)?next-auth\.session-token=/u.test(c));

describe('ASVS checks against the running wiki', () => {
  it('issues a fresh HttpOnly, SameSite=Lax session cookie at every sign-in, Secure over https', async () => {
    const context = await suite.browser().newContext();
    await signUp(await context.newPage(), suite.wiki().baseUrl, USER);
    await context.close();

    // A cookie planted before sign-in (session fixation) is replaced, never adopted.
    const first = await signIn({ cookie: 'next-auth.session-token=planted-by-attacker' });
    const cookie = sessionCookieOf(first);
    expect(cookie).toMatch(/^next-auth\.session-token=(?!planted)/u);
    expect(cookie).toMatch(/;\s*HttpOnly/iu);
    expect(cookie).toMatch(/;\s*SameSite=Lax/iu);
    expect(cookie).not.toMatch(/;\s*Secure/iu); // npm start serves http://localhost: a Secure cookie would never come back
    const second = sessionCookieOf(await signIn());
    expect(second!.split(';')[0]).not.toBe(cookie!.split(';')[0]);

    // Behind a TLS-terminating proxy the address is https: Secure, with the __Secure- prefix.
    const overHttps = sessionCookieOf(await signIn({ headers: { 'x-forwarded-proto': 'https' } }));
    expect(overHttps).toMatch(/^__Secure-next-auth\.session-token=.*;\s*Secure/iu);
  });

  it('sends people back after sign-in only to this site (next-auth callbackUrl)', async () => {
    const base = suite.wiki().baseUrl;
    for (const callbackUrl of ['https://evil.example/wiki/Main_Page', '//evil.example/x', 'javascript:alert(1)']) {
      const result = await signIn({ callbackUrl });
      expect(new URL(result.url ?? '', base).origin, callbackUrl).toBe(base);
    }
  });

  it('refuses foreign-origin Server Actions, sign-in and sign-out with 403 (not Next.js’s 500)', async () => {
    const base = suite.wiki().baseUrl;
    const foreign = { origin: 'https://evil.example' };
    const action = await fetch(`${base}/wiki/Main_Page?action=edit`, {
      method: 'POST',
      headers: { ...foreign, 'next-action': '7f0123456789abcdef', accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8' },
      body: '[]',
    });
    expect(action.status).toBe(403);
    expect((await signIn({ origin: 'https://evil.example' })).status).toBe(403);
    const signOut = await fetch(`${base}/api/auth/signout`, {
      method: 'POST',
      headers: { ...foreign, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'csrfToken=x',
    });
    expect(signOut.status).toBe(403);
  });

  it('answers 413 to a Server Action body over the limit', async () => {
    const base = suite.wiki().baseUrl;
    const response = await fetch(`${base}/wiki/Main_Page?action=edit`, {
      method: 'POST',
      headers: { origin: base, 'next-action': '7f0123456789abcdef', 'content-type': 'text/plain;charset=UTF-8' },
      body: 'x'.repeat(MAX_FORM_BODY_BYTES + 1),
    });
    expect(response.status).toBe(413);
  });

  it('changes the password only with the current one, through Special:ChangePassword', async () => {
    const base = suite.wiki().baseUrl;
    const context = await suite.browser().newContext();
    const page = await context.newPage();
    // A name of its own per attempt: on CI a failed test runs once more, on the same wiki.
    const name = `Password Changer ${Date.now() % 1_000_000}`;
    await signUp(page, base, name);
    const oldCookies = await context.cookies();
    await page.goto(`${base}/wiki/Special:ChangePassword`);
    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password', { exact: true }).fill('brand new fan passphrase 2026');
    await page.getByLabel('Confirm new password').fill('brand new fan passphrase 2026');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your current password is not correct.').first().waitFor();

    await page.getByLabel('Current password').fill(TEST_PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill('brand new fan passphrase 2026');
    await page.getByLabel('Confirm new password').fill('brand new fan passphrase 2026');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL(/\/wiki\/Main_Page$/u);
    await page.getByRole('navigation', { name: 'Personal tools' }).getByText(name).waitFor();

    // The session from before the change is over.
    const replay = await suite.browser().newContext();
    await replay.addCookies(oldCookies);
    const replayed = await replay.newPage();
    await replayed.goto(`${base}/wiki/Main_Page`);
    expect(await replayed.getByRole('navigation', { name: 'Personal tools' }).textContent()).not.toContain(name);
    await replay.close();
    await context.close();
  });
});
