import '../support/database';
import { describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/w/api.php/route';
import { createAccount } from '@/lib/server/accounts';
import { loadActor } from '@/lib/server/actors';
import { createApiToken } from '@/lib/server/api-tokens';
import { createBotPassword, resetBotPassword } from '@/lib/server/bot-passwords';
import { botPasswordSchema } from '@/lib/domain/bot-passwords';
import type { Actor } from '@/lib/domain/policy';

const ORIGIN = 'http://wiki.test';
let accounts = 0;
let addresses = 0;

/** The members of api.php's answers these tests read (an answer has only some of them). */
interface ApiAnswer {
  login: { result: string; reason?: string; token?: string; lguserid?: number; lgusername?: string };
  error: { code: string };
  warnings: { login: { warnings: string } };
  query: { tokens: { logintoken: string; csrftoken: string }; userinfo?: { name: string } };
}

/** A client with a cookie jar, as mwn keeps one: every answer's Set-Cookie is stored, Max-Age=0 removes. */
function client(ip = `192.0.2.${++addresses % 250}`, headers: Record<string, string> = {}) {
  const jar = new Map<string, string>();
  const store = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (attributes.some((attribute) => attribute.trim() === 'Max-Age=0')) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  const send = (method: 'GET' | 'POST', params: Record<string, string>, query: Record<string, string> = {}) => {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const requestHeaders = { 'x-forwarded-for': ip, ...(cookie ? { cookie } : {}), ...headers };
    const body = { format: 'json', formatversion: '2', ...params };
    const request =
      method === 'GET'
        ? new Request(`${ORIGIN}/w/api.php?${new URLSearchParams(body)}`, { headers: requestHeaders })
        : new Request(`${ORIGIN}/w/api.php?${new URLSearchParams(query)}`, { method: 'POST', body: new URLSearchParams(body), headers: requestHeaders });
    return (method === 'GET' ? GET(request) : POST(request)).then(store);
  };
  const json = async (response: Promise<Response>) => (await response).json() as Promise<ApiAnswer>;
  return {
    jar,
    get: (params: Record<string, string>) => json(send('GET', params)),
    post: (params: Record<string, string>, query?: Record<string, string>) => json(send('POST', params, query)),
    async loginToken(): Promise<string> {
      return (await this.get({ action: 'query', meta: 'tokens', type: 'login' })).query.tokens.logintoken;
    },
    async login(lgname: string, lgpassword: string) {
      return this.post({ action: 'login', lgname, lgpassword, lgtoken: await this.loginToken() });
    },
    async whoami(): Promise<string | undefined> {
      return (await this.get({ action: 'query', meta: 'userinfo' })).query?.userinfo?.name;
    },
  };
}

async function botOwner(grants: string[] = ['editpage']): Promise<{ actor: Actor; loginName: string; password: string }> {
  const account = await createAccount({ username: `Login owner ${process.pid} ${Date.now()} ${++accounts}`, password: 'action login tests passphrase' }, null);
  const actor = (await loadActor(account.id))!;
  const issued = await createBotPassword(actor, botPasswordSchema.parse({ appId: 'mwn', grants }));
  return { actor, ...issued };
}

const WRONG = 'Incorrect username or password entered. Please try again.';

describe('action=login with a bot password', () => {
  it('answers Success with the user id and name, and the session cookie makes later requests that user', async () => {
    const { actor, loginName, password } = await botOwner();
    const bot = client();
    expect(await bot.login(loginName, password)).toEqual({ login: { result: 'Success', lguserid: actor.userId, lgusername: actor.name } });
    expect(bot.jar.has('wiki_api_session')).toBe(true);
    expect(await bot.whoami()).toBe(actor.name);
  });

  it('accepts the older form: the account name with "appid@password"', async () => {
    const { actor, password } = await botOwner();
    expect((await client().login(actor.name!, `mwn@${password}`)).login).toMatchObject({ result: 'Success', lgusername: actor.name });
  });

  it('refuses a wrong password, a main-account password and an unknown account, without a cookie', async () => {
    const { actor, loginName } = await botOwner();
    const bot = client();
    expect(await bot.login(loginName, 'c'.repeat(32))).toEqual({ login: { result: 'Failed', reason: WRONG } });
    expect(await bot.login(`Nobody ${Date.now()}@mwn`, 'c'.repeat(32))).toEqual({ login: { result: 'Failed', reason: WRONG } });
    const main = await bot.login(actor.name!, 'action login tests passphrase');
    expect(main.login.result).toBe('Failed');
    expect(main.login.reason).toMatch(/Special:BotPasswords/);
    expect(bot.jar.has('wiki_api_session')).toBe(false);
    expect(await bot.whoami()).not.toBe(actor.name);
  });

  it('answers WrongToken for a wrong token, NeedToken with a token for none, and sessionlost without the cookie', async () => {
    const { loginName, password } = await botOwner();
    const bot = client();
    await bot.loginToken();
    expect(await bot.post({ action: 'login', lgname: loginName, lgpassword: password, lgtoken: 'abc+\\' })).toEqual({ login: { result: 'WrongToken' } });

    const fresh = client();
    const needToken = await fresh.post({ action: 'login', lgname: loginName, lgpassword: password });
    expect(needToken.login).toMatchObject({ result: 'NeedToken', token: expect.stringMatching(/\+\\$/) });
    expect(needToken.warnings.login.warnings).toMatch(/Fetching a token via action=login is deprecated/);
    expect((await fresh.post({ action: 'login', lgname: loginName, lgpassword: password, lgtoken: needToken.login.token! })).login.result).toBe('Success');

    const token = await client().loginToken();
    expect((await client().post({ action: 'login', lgname: loginName, lgpassword: password, lgtoken: token })).login).toEqual({
      result: 'Failed',
      reason: 'Unable to continue login. Your session most likely timed out.',
    });
  });

  it('must be posted, with the password and token in the body', async () => {
    const { loginName, password } = await botOwner();
    const bot = client();
    expect((await bot.get({ action: 'login', lgname: loginName, lgpassword: password })).error.code).toBe('mustbeposted');
    const token = await bot.loginToken();
    const answer = await bot.post({ action: 'login', lgname: loginName }, { lgpassword: password, lgtoken: token });
    expect(answer.error.code).toBe('mustpostparams');
  });

  it('is throttled after 5 failures from one address, with MediaWiki wording, even for the right password', async () => {
    const { loginName, password } = await botOwner();
    const bot = client();
    for (let i = 0; i < 5; i++) expect((await bot.login(loginName, 'd'.repeat(32))).login.reason).toBe(WRONG);
    const answer = await bot.login(loginName, password);
    expect(answer.login.result).toBe('Failed');
    expect(answer.login.reason).toMatch(/^You have made too many recent login attempts\. Please wait \d+ (minutes|seconds) before trying again\.$/);
    // Another address is not held back by this one's failures.
    expect((await client().login(loginName, password)).login.result).toBe('Success');
  });

  it("answers Aborted inside a bot password session (mwn's text) and inside a bearer token session", async () => {
    const { actor, loginName, password } = await botOwner();
    const bot = client();
    await bot.login(loginName, password);
    expect((await bot.login(loginName, password)).login).toEqual({
      result: 'Aborted',
      reason: 'Cannot log in when using MediaWiki\\Session\\BotPasswordSessionProvider sessions.',
    });
    const { token } = await createApiToken(actor.userId!, 'login test');
    const bearer = client(undefined, { authorization: `Bearer ${token}` });
    expect((await bearer.login(loginName, password)).login).toEqual({
      result: 'Aborted',
      reason: 'Cannot log in when using MediaWiki\\Extension\\OAuth\\SessionProvider sessions.',
    });
  });
});

describe('action=logout and ending sessions', () => {
  it('logout with the csrf token ends the session; without it, it is refused', async () => {
    const { actor, loginName, password } = await botOwner();
    const bot = client();
    await bot.login(loginName, password);
    expect((await bot.post({ action: 'logout' })).error.code).toBe('missingparam');
    const csrf = (await bot.get({ action: 'query', meta: 'tokens' })).query.tokens.csrftoken;
    const copied = bot.jar.get('wiki_api_session')!;
    expect(await bot.post({ action: 'logout', token: csrf })).toEqual({});
    expect(bot.jar.has('wiki_api_session')).toBe(false);
    expect(await bot.whoami()).not.toBe(actor.name);
    // A copy of the cookie kept from before the logout no longer signs anyone in.
    const replay = client();
    replay.jar.set('wiki_api_session', copied);
    expect(await replay.whoami()).not.toBe(actor.name);
  });

  it('a reset password ends the sessions signed in with the old one', async () => {
    const { actor, loginName, password } = await botOwner();
    const bot = client();
    await bot.login(loginName, password);
    expect(await bot.whoami()).toBe(actor.name);
    await resetBotPassword(actor, 'mwn');
    expect(await bot.whoami()).not.toBe(actor.name);
    expect((await bot.get({ action: 'query', meta: 'userinfo', assert: 'user' })).error.code).toBe('assertuserfailed');
  });
});

describe('what a bot password session may do', () => {
  it('edits only with its grants, and marks its edits bot only with "highvolume", whatever the account may do', async () => {
    const { getDb } = await import('@/lib/server/db');
    const edit = async (bot: ReturnType<typeof client>, title: string) => {
      const csrf = (await bot.get({ action: 'query', meta: 'tokens' })).query.tokens.csrftoken;
      return (await bot.post({ action: 'edit', title, text: 'Checked.', bot: '1', token: csrf })) as ApiAnswer & { edit?: { newrevid: number } };
    };
    const markedBot = async (revisionId: number) => (await getDb().revision.findUniqueOrThrow({ where: { id: revisionId }, select: { bot: true } })).bot;
    const title = `Grant check ${process.pid} ${Date.now()}`;

    // Read-only: the account could edit, its bot password may not.
    const reader = await botOwner([]);
    const readOnly = client();
    await readOnly.login(reader.loginName, reader.password);
    expect((await edit(readOnly, title)).error.code).toBe('permissiondenied');

    // A bot account: without "highvolume" its edits are a person's, with it they are marked bot.
    for (const [grants, expected] of [
      [['editpage', 'createeditmovepage'], false],
      [['editpage', 'createeditmovepage', 'highvolume'], true],
    ] as const) {
      const owner = await botOwner([...grants]);
      await getDb().user.update({ where: { id: owner.actor.userId! }, data: { isBot: true } });
      const bot = client();
      await bot.login(owner.loginName, owner.password);
      const saved = await edit(bot, `${title} ${grants.length}`);
      expect(saved.edit?.newrevid, JSON.stringify(saved)).toBeGreaterThan(0);
      expect(await markedBot(saved.edit!.newrevid)).toBe(expected);
    }
  });
});
