import '../support/database';
import { describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { loadActor } from '@/lib/server/actors';
import { botSessionCookieValue, botSessionOf } from '@/lib/server/action-api/bot-session';
import { createBotPassword, deleteBotPassword, getBotPassword, listBotPasswords, resetBotPassword, updateBotPasswordGrants, verifyBotLogin } from '@/lib/server/bot-passwords';
import { getDb } from '@/lib/server/db';
import { botPasswordDeleteSchema, botPasswordSchema } from '@/lib/domain/bot-passwords';
import { isAppError } from '@/lib/domain/errors';
import { englishText } from '@/lib/domain/error-messages';
import { ANONYMOUS, can, type Actor } from '@/lib/domain/policy';

let accounts = 0;
let addresses = 0;
const freshIp = () => `198.51.100.${++addresses % 250}`;

async function owner(): Promise<Actor> {
  const account = await createAccount({ username: `Bp owner ${process.pid} ${Date.now()} ${++accounts}`, password: 'bot password tests passphrase' }, null);
  return (await loadActor(account.id))!;
}

/** What a rejected call says (its English text), or "resolved". */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; text: string } | 'resolved'> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { code: error.code, text: englishText(error.text) };
  }
}

const input = (appId: string, grants: string[] = []) => botPasswordSchema.parse({ appId, grants });

describe('managing bot passwords', () => {
  it('creates one whose password is shown once, lists it, changes its grants and deletes it', async () => {
    const actor = await owner();
    const issued = await createBotPassword(actor, input('my bot', ['editpage', 'highvolume']));
    expect(issued.loginName).toBe(`${actor.name}@my bot`);
    expect(issued.password).toMatch(/^[0-9a-v]{32}$/);

    const [listed] = await listBotPasswords(actor);
    expect(listed).toMatchObject({ appId: 'my bot', grants: ['basic', 'highvolume', 'editpage'], lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(issued.password);

    await updateBotPasswordGrants(actor, input('my bot', ['createeditmovepage']));
    expect((await getBotPassword(actor, 'my bot')).grants).toEqual(['basic', 'createeditmovepage']);

    await deleteBotPassword(actor, 'my bot');
    expect(await listBotPasswords(actor)).toEqual([]);
    expect(await refusal(deleteBotPassword(actor, 'my bot'))).toEqual({ code: 'NOT_FOUND', text: 'You have no bot password named "my bot".' });
  });

  it('refuses a second bot password with the same name, naming it', async () => {
    const actor = await owner();
    await createBotPassword(actor, input('twice'));
    expect(await refusal(createBotPassword(actor, input('twice')))).toEqual({
      code: 'VALIDATION',
      text: 'You already have a bot password named "twice". Choose another name, or change that one.',
    });
    // Another account may use the same name.
    expect(await refusal(createBotPassword(await owner(), input('twice')))).toBe('resolved');
  });

  it('refuses an invalid application id, an unknown grant and an unconfirmed delete before any call', () => {
    const bad = botPasswordSchema.safeParse({ appId: 'a/b', grants: [] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/"a\/b" cannot be a bot name/);
    expect(botPasswordSchema.safeParse({ appId: 'x'.repeat(33), grants: [] }).success).toBe(false);
    expect(botPasswordSchema.safeParse({ appId: ' padded', grants: [] }).success).toBe(false);
    expect(botPasswordSchema.safeParse({ appId: 'ok', grants: ['sudo'] }).error?.issues[0]?.message).toBe('"sudo" is not a grant this wiki offers.');
    expect(botPasswordDeleteSchema.safeParse({ appId: 'ok' }).success).toBe(false);
    expect(botPasswordDeleteSchema.safeParse({ appId: 'ok', confirm: 'yes' }).success).toBe(true);
  });

  it('is only for the signed-in owner in a browser session: not visitors, not bot sessions; a blocked owner may only delete', async () => {
    expect(await refusal(listBotPasswords(ANONYMOUS))).toMatchObject({ code: 'UNAUTHENTICATED' });

    const actor = await owner();
    const issued = await createBotPassword(actor, input('manager', ['editpage', 'delete']));
    const row = await getDb().botPassword.findFirstOrThrow({ where: { userId: actor.userId!, appId: 'manager' } });
    const session = (await botSessionOf(await botSessionCookieValue(row.id)))!;
    expect(await refusal(createBotPassword(session.actor, input('escalate', ['protect'])))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(resetBotPassword(session.actor, 'manager'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(issued.password).toBeTruthy();

    const blocked: Actor = { ...actor, blocked: { reason: 'test', expiresAt: null, sitewide: true, pageIds: [] } };
    expect(await refusal(createBotPassword(blocked, input('while blocked')))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(updateBotPasswordGrants(blocked, input('manager', ['protect'])))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await listBotPasswords(blocked)).toHaveLength(1);
    expect(await refusal(deleteBotPassword(blocked, 'manager'))).toBe('resolved');
  });

  it('gives a session only what its grants allow, never more than the account', async () => {
    const actor = await owner();
    await createBotPassword(actor, input('editor', ['editpage']));
    const row = await getDb().botPassword.findFirstOrThrow({ where: { userId: actor.userId!, appId: 'editor' } });
    const { actor: bot } = (await botSessionOf(await botSessionCookieValue(row.id)))!;
    expect(can(bot, 'edit').allowed).toBe(true);
    expect(can(bot, 'read').allowed).toBe(true);
    expect(can(bot, 'move')).toMatchObject({ allowed: false, reason: 'not-permitted' });
    expect(can(bot, 'upload').allowed).toBe(false);
    expect(can(bot, 'editmywatchlist').allowed).toBe(false);
    // A grant narrows rights, it never adds one: "delete" does not make a registered user an administrator.
    await updateBotPasswordGrants(actor, input('editor', ['delete']));
    const { actor: widened } = (await botSessionOf(await botSessionCookieValue(row.id)))!;
    expect(can(widened, 'delete').allowed).toBe(false);
    expect(can(widened, 'edit').allowed).toBe(false);
  });
});

describe('verifyBotLogin', () => {
  it('signs in with "Name@appid" (any case of the first letter, underscores for spaces) and records the use', async () => {
    const actor = await owner();
    const { password } = await createBotPassword(actor, input('login'));
    const name = actor.name!.replaceAll(' ', '_');
    const login = await verifyBotLogin(`${name.charAt(0).toLowerCase()}${name.slice(1)}@login`, password, freshIp());
    expect(login).toMatchObject({ userId: actor.userId, userName: actor.name });
    expect((await getBotPassword(actor, 'login')).lastUsedAt).toBeInstanceOf(Date);
  });

  it('refuses a wrong password, an unknown app id and an unknown account alike', async () => {
    const actor = await owner();
    const { password } = await createBotPassword(actor, input('alike'));
    const wrong = 'Incorrect username or password entered. Please try again.';
    expect(await refusal(verifyBotLogin(`${actor.name}@alike`, 'a'.repeat(32), freshIp()))).toEqual({ code: 'UNAUTHENTICATED', text: wrong });
    expect(await refusal(verifyBotLogin(`${actor.name}@other`, password, freshIp()))).toEqual({ code: 'UNAUTHENTICATED', text: wrong });
    expect(await refusal(verifyBotLogin(`Nobody ${Date.now()}@alike`, password, freshIp()))).toEqual({ code: 'UNAUTHENTICATED', text: wrong });
  });

  it('ends old sessions when the password is reset, and the old password stops working', async () => {
    const actor = await owner();
    const first = await createBotPassword(actor, input('reset me'));
    const login = await verifyBotLogin(first.loginName, first.password, freshIp());
    const cookie = await botSessionCookieValue(login.botPasswordId);
    expect(await botSessionOf(cookie)).not.toBeNull();

    const second = await resetBotPassword(actor, 'reset me');
    expect(second.password).not.toBe(first.password);
    expect(await botSessionOf(cookie)).toBeNull();
    expect(await refusal(verifyBotLogin(first.loginName, first.password, freshIp()))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refusal(verifyBotLogin(second.loginName, second.password, freshIp()))).toBe('resolved');
  });

  it('shares the sign-in throttle: after 5 failures from one address even the right password is refused', async () => {
    const actor = await owner();
    const { loginName, password } = await createBotPassword(actor, input('throttled'));
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await verifyBotLogin(loginName, 'b'.repeat(32), ip).catch(() => undefined);
    expect(await refusal(verifyBotLogin(loginName, password, ip))).toMatchObject({ code: 'RATE_LIMITED' });
    // The account's own password form is throttled the same way (the counters are shared).
    const { verifyCredentials } = await import('@/lib/server/accounts');
    expect(await refusal(verifyCredentials(actor.name!, 'bot password tests passphrase', ip))).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('lets a system account or one without a password never sign in', async () => {
    const actor = await owner();
    const { loginName, password } = await createBotPassword(actor, input('orphan'));
    await getDb().user.update({ where: { id: actor.userId! }, data: { passwordHash: null } });
    expect(await refusal(verifyBotLogin(loginName, password, freshIp()))).toMatchObject({ code: 'UNAUTHENTICATED' });
    await getDb().user.update({ where: { id: actor.userId! }, data: { passwordHash: 'x', isSystem: true } });
    expect(await refusal(verifyBotLogin(loginName, password, freshIp()))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
