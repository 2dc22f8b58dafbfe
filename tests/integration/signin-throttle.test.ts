import '../support/database';
import { describe, expect, it } from 'vitest';
import { createAccount, verifyCredentials } from '@/lib/server/accounts';
import { LIMITS } from '@/lib/server/throttle';

process.env.NEXTAUTH_SECRET ??= 'test-secret-for-signin-throttle';
const { POST } = await import('@/app/api/auth/[...nextauth]/route');
const { authOptions } = await import('@/lib/server/auth');

let addresses = 0;
const freshIp = () => `203.0.113.${++addresses % 250}`;

type Authorize = (credentials: Record<string, string>, request: { headers: Record<string, string> }) => Promise<{ name?: string | null }>;
// next-auth 4 keeps the function a CredentialsProvider was given in `options`.
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

/** A sign-in as next-auth runs it for the form (the provider's authorize), from `ip`. */
async function attempt(username: string, password: string, ip: string): Promise<string> {
  try {
    const user = await authorize({ username, password }, { headers: { 'x-forwarded-for': ip } });
    return `signed in as ${user.name}`;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The form's POST to next-auth, which answers 429 itself while sign-ins are refused. */
function post(username: string, password: string, ip: string): Promise<Response> {
  const request = new Request('http://localhost:3000/api/auth/callback/credentials', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
    body: new URLSearchParams({ username, password, csrfToken: 'x', json: 'true' }),
  });
  return POST(request, { params: Promise.resolve({ nextauth: ['callback', 'credentials'] }) });
}

const errorOf = async (response: Response) => new URL(((await response.json()) as { url: string }).url).searchParams.get('error');

describe('sign-in throttle over HTTP', () => {
  it('answers 429 with Retry-After and a readable message once 5 sign-ins failed', async () => {
    const account = await createAccount({ username: `Throttled ${process.pid} ${Date.now()}`, password: 'the right passphrase' }, null);
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await verifyCredentials(account.name, 'a wrong passphrase', ip).catch(() => undefined);

    const response = await post(account.name, 'the right passphrase', ip);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await errorOf(response)).toMatch(/Too many failed sign-in attempts/);
  });

  it('slows a guesser spread over many addresses: a per-account limit across all of them', async () => {
    const account = await createAccount({ username: `Spread guess ${process.pid} ${Date.now()}`, password: 'the right passphrase' }, null);
    const limit = LIMITS.signinFailureAccount;
    // Fewer failures per address than the per-address limit ever allows: only the account's own
    // count can stop this guesser.
    const perAddress = LIMITS.signinFailure.hits - 1;
    for (let failed = 0; failed < limit.hits;) {
      const ip = freshIp();
      for (let i = 0; i < perAddress && failed < limit.hits; i++, failed++) {
        expect(await attempt(account.name, `wrong guess ${failed}`, ip), `guess ${failed + 1} of ${limit.hits}`).toMatch(/Incorrect username or password/);
      }
    }
    // Even the right password from an address never seen before is refused now, by next-auth's
    // own path too.
    expect(await attempt(account.name, 'the right passphrase', freshIp())).toMatch(/Too many failed sign-in attempts for this account/);
    const refused = await post(account.name, 'the right passphrase', freshIp());
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(limit.windowSeconds);
    expect(await errorOf(refused)).toMatch(/Too many failed sign-in attempts for this account/);
    // Short enough that a guesser cannot lock the owner out for long; larger than per address.
    expect(limit.windowSeconds).toBeLessThanOrEqual(15 * 60);
    expect(limit.hits).toBeGreaterThan(LIMITS.signinFailure.hits);
  });

  // The refusal is the same for a name nobody has, so it does not tell which accounts exist.
  it('counts failures for names nobody has in the same way', async () => {
    const name = `Nobody spread ${process.pid} ${Date.now()}`;
    const limit = LIMITS.signinFailureAccount;
    for (let i = 0; i < limit.hits; i++) expect(await attempt(name, 'wrong guess', freshIp())).toMatch(/Incorrect username or password/);
    const refused = await post(name, 'any password', freshIp());
    expect(refused.status).toBe(429);
    expect(await errorOf(refused)).toMatch(/Too many failed sign-in attempts for this account/);
  });
});
