// Issue 14 against the real production server (npm start): the per-account sign-in limit over
// next-auth's own HTTP path, and the sign-up form refusing a name that looks like an existing one.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { useWikiInBrowser } from '../support/e2e-suite';
import type { RunningWiki } from '../support/wiki-server';
import { TEST_PASSWORD, waitForHydration } from '../support/browser';
import { LIMITS } from '@/lib/server/throttle';

const TARGET = 'Spread Target';
const PASSWORD = 'the target passphrase 4821';
// TRUST_PROXY: the wiki believes X-Forwarded-For, so one test can come from many addresses.
const suite = useWikiInBrowser({ users: [{ name: TARGET, password: PASSWORD }], env: { TRUST_PROXY: '1' } });
let wiki: RunningWiki;
let browser: Browser;

beforeAll(() => {
  wiki = suite.wiki();
  browser = suite.browser();
});

/** One sign-in over HTTP as the form sends it (CSRF token first), from `ip`. */
async function signIn(username: string, password: string, ip: string): Promise<{ status: number; retryAfter: string | null; error: string | null }> {
  const base = wiki.baseUrl;
  const headers = { 'x-forwarded-for': ip };
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password, csrfToken, callbackUrl: `${base}/wiki/Main_Page`, json: 'true' }),
  });
  const { url } = (await response.json()) as { url: string };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), error: new URL(url).searchParams.get('error') };
}

describe('account abuse against the running wiki', () => {
  it('stops a guesser spread over many addresses once the account has had its share of failures', async () => {
    const perAddress = LIMITS.signinFailure.hits - 1; // never enough for the per-address limit
    let address = 0;
    for (let failed = 0; failed < LIMITS.signinFailureAccount.hits; address++) {
      for (let i = 0; i < perAddress && failed < LIMITS.signinFailureAccount.hits; i++, failed++) {
        const attempt = await signIn(TARGET, `guess number ${failed}`, `198.18.0.${address}`);
        expect(attempt.status, `guess ${failed + 1}`).toBe(401);
      }
    }
    const refused = await signIn(TARGET, PASSWORD, '198.18.1.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(LIMITS.signinFailureAccount.windowSeconds);
    expect(refused.error).toMatch(/Too many failed sign-in attempts for this account/);
  });

  it('refuses a sign-up name that looks like an existing account, naming it and keeping the text', async () => {
    const page = await browser.newPage();
    const lookalike = 'Spread Tаrget'; // Cyrillic а
    await page.goto(`${wiki.baseUrl}/wiki/Special:CreateAccount`);
    await waitForHydration(page.getByRole('button', { name: 'Create your account' }));
    await page.getByLabel('Username').fill(lookalike);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByLabel('Confirm password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create your account' }).click();
    await page.getByText(`looks too much like the existing account "${TARGET}"`).first().waitFor();
    expect(await page.getByLabel('Username').inputValue()).toBe(lookalike);
    await page.close();
  });
});
