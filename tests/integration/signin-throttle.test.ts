import '../support/database';
import { describe, expect, it } from 'vitest';
import { createAccount, verifyCredentials } from '@/lib/server/accounts';

process.env.NEXTAUTH_SECRET ??= 'test-secret-for-signin-throttle';
const { POST } = await import('@/app/api/auth/[...nextauth]/route');

describe('sign-in throttle over HTTP', () => {
  it('answers 429 with Retry-After and a readable message once 5 sign-ins failed', async () => {
    const account = await createAccount({ username: `Throttled ${process.pid} ${Date.now()}`, password: 'the right passphrase' }, null);
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 5; i++) await verifyCredentials(account.name, 'a wrong passphrase', ip).catch(() => undefined);

    const request = new Request('http://localhost:3000/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
      body: new URLSearchParams({ username: account.name, password: 'the right passphrase', csrfToken: 'x', json: 'true' }),
    });
    const response = await POST(request, { params: Promise.resolve({ nextauth: ['callback', 'credentials'] }) });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await response.json()) as { url: string };
    expect(new URL(body.url).searchParams.get('error')).toMatch(/Too many failed sign-in attempts/);
  });
});
