import '../support/database';
import { describe, expect, it } from 'vitest';
import { createAccount, endSessions, setPassword, verifyCredentials } from '@/lib/server/accounts';
import { createApiToken, revokeApiToken, userIdForToken } from '@/lib/server/api-tokens';
import { getDb } from '@/lib/server/db';

const PASSWORD = 'a long and unusual passphrase';
let n = 0;
const freshName = () => `Fan ${process.pid} ${Date.now()} ${++n}`;
const freshIp = () => `10.${n % 250}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe('accounts', () => {
  it('stores only a salted slow hash and accepts the full password (no truncation)', async () => {
    const long = 'x'.repeat(100) + 'TAIL-DIFFERENT-' + 'y'.repeat(3000);
    const account = await createAccount({ username: freshName(), password: long }, null);
    const row = await getDb().user.findUniqueOrThrow({ where: { id: account.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain(long.slice(0, 20));
    await expect(verifyCredentials(account.name, long, freshIp())).resolves.toMatchObject({ id: account.id });
    await expect(verifyCredentials(account.name, long.slice(0, -1), freshIp())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('makes usernames unique case-insensitively and upper-cases the first letter', async () => {
    const name = `fan lower ${Date.now()}`;
    const account = await createAccount({ username: name, password: PASSWORD }, null);
    expect(account.name).toBe(name[0]!.toUpperCase() + name.slice(1));
    await expect(createAccount({ username: name.toUpperCase(), password: PASSWORD }, null)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/already taken/),
    });
  });

  it('refuses weak passwords with a message saying what to fix', async () => {
    await expect(createAccount({ username: freshName(), password: 'short' }, null)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('locks sign-in for a username and IP after 5 failures in 5 minutes', async () => {
    const account = await createAccount({ username: freshName(), password: PASSWORD }, null);
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await expect(verifyCredentials(account.name, 'wrong password!!', ip)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const locked = await verifyCredentials(account.name, PASSWORD, ip).catch((e: unknown) => e);
    expect(locked).toMatchObject({ code: 'RATE_LIMITED' });
    expect((locked as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(200);
    // Another address is not affected.
    await expect(verifyCredentials(account.name, PASSWORD, freshIp())).resolves.toMatchObject({ id: account.id });
  });

  it('counts a sign-in with an overlong name or address as a wrong password, not a server error', async () => {
    const name = `${freshName()} ${'x'.repeat(400)}`;
    const address = `2001:db8::${'f'.repeat(300)}`;
    for (let i = 0; i < 5; i++) await expect(verifyCredentials(name, 'wrong password!!', address)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verifyCredentials(name, 'wrong password!!', address)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('allows 6 new accounts per IP per day', async () => {
    const ip = freshIp();
    for (let i = 0; i < 6; i++) await createAccount({ username: freshName(), password: PASSWORD }, ip);
    await expect(createAccount({ username: freshName(), password: PASSWORD }, ip)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('allows as many new accounts per IP per day as WIKI_ACCOUNT_CREATION_LIMIT says', async () => {
    const previous = process.env.WIKI_ACCOUNT_CREATION_LIMIT;
    process.env.WIKI_ACCOUNT_CREATION_LIMIT = '2';
    try {
      const ip = freshIp();
      for (let i = 0; i < 2; i++) await createAccount({ username: freshName(), password: PASSWORD }, ip);
      await expect(createAccount({ username: freshName(), password: PASSWORD }, ip)).rejects.toMatchObject({
        code: 'RATE_LIMITED',
        message: expect.stringContaining('at most 2 in a day'),
      });
    } finally {
      if (previous === undefined) delete process.env.WIKI_ACCOUNT_CREATION_LIMIT;
      else process.env.WIKI_ACCOUNT_CREATION_LIMIT = previous;
    }
  });

  it('ends sessions on password change and sign-out by bumping the session version', async () => {
    const account = await createAccount({ username: freshName(), password: PASSWORD }, null);
    await setPassword(account.name, 'another long passphrase here');
    await endSessions(account.id);
    const row = await getDb().user.findUniqueOrThrow({ where: { id: account.id } });
    expect(row.sessionVersion).toBe(account.sessionVersion + 2);
  });

  it('issues API tokens that are stored hashed and stop working when revoked', async () => {
    const account = await createAccount({ username: freshName(), password: PASSWORD }, null);
    const { id, token } = await createApiToken(account.id, 'bot');
    expect(await getDb().apiToken.count({ where: { tokenHash: token } })).toBe(0);
    expect(await userIdForToken(token)).toBe(account.id);
    expect(await revokeApiToken(id)).toBe(true);
    expect(await userIdForToken(token)).toBeNull();
  });
});
