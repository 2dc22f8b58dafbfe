import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import '../support/database';
import { newEditor, type TestEditor } from '../support/rest-client';
import { GET, POST } from '@/app/w/api.php/route';
import { createAccount } from '@/lib/server/accounts';
import { createApiToken } from '@/lib/server/api-tokens';
import { getDb } from '@/lib/server/db';
import { tokenFor } from '@/lib/server/action-api/tokens';

/* action=query's meta modules: tokens, userinfo and siteinfo, as a bot reads them. */

const ORIGIN = 'http://wiki.test';
type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function api(query: string, token?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'x-forwarded-for': '203.0.113.9' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await GET(new Request(`${ORIGIN}/w/api.php?action=query&format=json&formatversion=2&${query}`, { headers }));
  expect(response.status).toBe(200);
  return (await response.json()) as Answer;
}

let editor: TestEditor;
let admin: { token: string; id: number };
let bot: { token: string; id: number };

beforeAll(async () => {
  editor = await newEditor();
  const stamp = `${process.pid} ${Date.now().toString(36)}`;
  const adminAccount = await createAccount({ username: `Query admin ${stamp}`, password: 'query admin passphrase 8841', admin: true }, null);
  admin = { id: adminAccount.id, token: (await createApiToken(adminAccount.id, 'query test')).token };
  const botAccount = await createAccount({ username: `Query bot ${stamp}`, password: 'query bot passphrase 8841' }, null);
  await getDb().user.update({ where: { id: botAccount.id }, data: { isBot: true } });
  bot = { id: botAccount.id, token: (await createApiToken(botAccount.id, 'query test')).token };
});

const bearerSeed = (token: string) => `bearer|${createHash('sha256').update(token).digest('hex')}`;

describe('meta=tokens', () => {
  it('gives an anonymous session the bare "+\\" csrf token by default', async () => {
    const answer = await api('meta=tokens');
    expect(answer).toEqual({ batchcomplete: true, query: { tokens: { csrftoken: '+\\' } } });
  });

  it('gives a signed-in session its own csrf token, which action modules accept', async () => {
    const answer = await api('meta=tokens&type=csrf|watch|rollback', editor.token);
    const seed = bearerSeed(editor.token);
    expect(answer.query.tokens).toEqual({ csrftoken: tokenFor('csrf', seed), watchtoken: tokenFor('watch', seed), rollbacktoken: tokenFor('rollback', seed) });
    expect(answer.query.tokens.csrftoken).toMatch(/^[0-9a-f]{32}\+\\$/);
  });

  it('sets the login cookie with a login token and warns about unknown types', async () => {
    const response = await POST(
      new Request(`${ORIGIN}/w/api.php`, {
        method: 'POST',
        body: new URLSearchParams({ action: 'query', meta: 'tokens', type: 'login|bogus', format: 'json', formatversion: '2' }),
      }),
    );
    const answer = (await response.json()) as Answer;
    expect(answer.query.tokens.logintoken).toMatch(/\+\\$/);
    expect(answer.query.tokens).not.toHaveProperty('bogustoken');
    expect(answer.warnings.tokens.warnings).toBe('Unrecognized value for parameter "type": bogus.');
    expect(response.headers.get('set-cookie')).toContain('wiki_api_login=');
  });
});

describe('meta=userinfo', () => {
  it('names an anonymous caller by address', async () => {
    const answer = await api('meta=userinfo&uiprop=groups|rights');
    expect(answer.query.userinfo).toMatchObject({ id: 0, name: '203.0.113.9', anon: true, groups: ['*'] });
    expect(answer.query.userinfo.rights).toContain('read');
    expect(answer.query.userinfo.rights).toContain('createaccount');
    expect(answer.query.userinfo.rights).not.toContain('edit');
  });

  it('gives a new account the user group and its rights, not apihighlimits', async () => {
    const answer = await api('meta=userinfo&uiprop=groups|rights|editcount|registrationdate', editor.token);
    const info = answer.query.userinfo;
    expect(info).toMatchObject({ id: editor.id, name: editor.name, groups: ['*', 'user'], editcount: 0 });
    expect(info).not.toHaveProperty('anon');
    expect(info.registrationdate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(info.rights).toEqual(expect.arrayContaining(['read', 'edit', 'createpage', 'move', 'upload', 'writeapi']));
    expect(info.rights).not.toEqual(expect.arrayContaining(['delete']));
    expect(info.rights).not.toContain('apihighlimits');
    expect(info.rights).not.toContain('editsemiprotected');
  });

  it('gives an administrator sysop and the administrators’ rights with high limits', async () => {
    const info = (await api('meta=userinfo&uiprop=groups|rights', admin.token)).query.userinfo;
    expect(info.groups).toEqual(['*', 'user', 'autoconfirmed', 'sysop']);
    expect(info.rights).toEqual(expect.arrayContaining(['delete', 'undelete', 'protect', 'block', 'rollback', 'editprotected', 'apihighlimits']));
    expect(info.rights).not.toContain('bot');
  });

  it('gives a bot account the bot group, the bot right and apihighlimits', async () => {
    const info = (await api('meta=userinfo&uiprop=groups|rights', bot.token)).query.userinfo;
    expect(info.groups).toEqual(['*', 'user', 'bot']);
    expect(info.rights).toEqual(expect.arrayContaining(['bot', 'apihighlimits', 'edit']));
  });

  it('answers only id and name without uiprop, and shows a block with blockinfo', async () => {
    expect((await api('meta=userinfo', editor.token)).query.userinfo).toEqual({ id: editor.id, name: editor.name });
    await getDb().block.create({ data: { userId: editor.id, byId: admin.id, reason: 'testing blockinfo', expiresAt: null } });
    try {
      const info = (await api('meta=userinfo&uiprop=blockinfo', editor.token)).query.userinfo;
      expect(info).toMatchObject({ blockreason: 'testing blockinfo', blockexpiry: 'infinite', blockpartial: false });
    } finally {
      await getDb().block.delete({ where: { userId: editor.id } });
    }
  });
});

describe('meta=siteinfo', () => {
  it('answers general facts as a MediaWiki 1.39 would, naming this wiki', async () => {
    const general = (await api('meta=siteinfo')).query.general;
    expect(general).toMatchObject({
      mainpage: 'Main Page',
      base: `${ORIGIN}/wiki/Main_Page`,
      sitename: expect.any(String),
      generator: 'MediaWiki 1.39.0',
      lang: 'en',
      case: 'first-letter',
      articlepath: '/wiki/$1',
      scriptpath: '/w',
      server: ORIGIN,
      servername: 'wiki.test',
      writeapi: true,
      timezone: 'UTC',
      maxuploadsize: expect.any(Number),
      legaltitlechars: expect.stringContaining('A-Z'),
    });
    expect(general.wikiengine).toContain('MediaWiki Action API compatible');
  });

  it('lists the namespaces keyed by id, the aliases and real counts', async () => {
    const before = (await api('meta=siteinfo&siprop=statistics')).query.statistics;
    const answer = await api('meta=siteinfo&siprop=namespaces|namespacealiases|statistics|nosuch');
    expect(answer.query.namespaces['0']).toEqual({ id: 0, case: 'first-letter', name: '', subpages: false, content: true, nonincludable: false });
    expect(answer.query.namespaces['6']).toMatchObject({ id: 6, name: 'File', canonical: 'File', content: false });
    expect(answer.query.namespaces['-1']).toMatchObject({ name: 'Special' });
    expect(Object.keys(answer.query.namespaces)).toEqual(expect.arrayContaining(['1', '2', '3', '7', '10', '11', '14', '15']));
    expect(answer.query.namespacealiases).toContainEqual({ id: 6, alias: 'Image' });
    expect(answer.query.statistics).toMatchObject({ users: expect.any(Number), admins: expect.any(Number), edits: expect.any(Number) });
    expect(answer.query.statistics.users).toBeGreaterThanOrEqual(3);
    expect(answer.query.statistics.admins).toBeGreaterThanOrEqual(1);
    expect(answer.query.statistics.pages).toBe(before.pages);
    expect(answer.warnings.siteinfo.warnings).toBe('Unrecognized value for parameter "siprop": nosuch.');
  });

  it('answers tokens, siteinfo and userinfo in one request, as mwn asks after login', async () => {
    const answer = await api(
      'meta=tokens|siteinfo|userinfo&type=csrf|createaccount|login|patrol|rollback|userrights|watch&siprop=general|namespaces|namespacealiases&uiprop=rights',
      bot.token,
    );
    expect(Object.keys(answer.query.tokens).sort()).toEqual([
      'createaccounttoken',
      'csrftoken',
      'logintoken',
      'patroltoken',
      'rollbacktoken',
      'userrightstoken',
      'watchtoken',
    ]);
    expect(answer.query.userinfo.rights).toContain('apihighlimits');
    expect(answer.query.general.legaltitlechars).toBeTruthy();
    expect(answer.batchcomplete).toBe(true);
  });
});
