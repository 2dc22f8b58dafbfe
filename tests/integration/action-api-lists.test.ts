// list=recentchanges, list=usercontribs and list=logevents of /w/api.php through the route
// handler: MediaWiki's fields and defaults, filters, keyset continuation that neither repeats nor
// skips rows while edits land between batches, hidden parts, and MediaWiki's error codes.
import { uniqueTitle } from '../support/database';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { loadActor } from '@/lib/server/actors';
import { createApiToken } from '@/lib/server/api-tokens';
import { getDb } from '@/lib/server/db';
import { editPage } from '@/lib/server/edit-page';
import { movePage } from '@/lib/server/move-page';
import { setRevisionVisibility } from '@/lib/server/revision-visibility';
import { changeUserRoleFromMaintenance } from '@/lib/server/user-rights';
import { revisionVisibilitySchema } from '@/lib/domain/deletion';
import { userRightsSchema } from '@/lib/domain/user-rights';
import { parseTitle } from '@/lib/domain/titles';
import type { Actor } from '@/lib/domain/policy';
import { GET } from '@/app/w/api.php/route';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let accounts = 0;
async function account(options: { admin?: boolean; bot?: boolean } = {}): Promise<Actor> {
  accounts += 1;
  const name = `Lister ${process.pid} ${Date.now().toString(36)} ${accounts}`;
  const created = await createAccount({ username: name, password: `Granite-Walnut-${accounts}-harbor-delta-5120`, admin: options.admin }, null);
  if (options.bot) await changeUserRoleFromMaintenance(null, userRightsSchema.parse({ target: name, bot: true, reason: 'test bot' }));
  return (await loadActor(created.id))!;
}

async function edit(actor: Actor, title: string, content: string, options: { minor?: boolean; bot?: boolean; summary?: string } = {}): Promise<number> {
  const t = parseTitle(title);
  const page = await getDb().page.findUnique({ where: { namespace_title: { namespace: t.namespace, title: t.dbKey } }, select: { latestRevisionId: true } });
  const outcome = await editPage(
    actor,
    { title: t, content, summary: options.summary ?? 'list test', minor: options.minor ?? false, baseRevisionId: page?.latestRevisionId ?? null, bot: options.bot },
    '192.0.2.9',
  );
  if (outcome.status === 'conflict' || outcome.status === 'unchanged') throw new Error(`unexpected ${outcome.status}`);
  return outcome.revisionId;
}

async function api(params: Record<string, string>, token?: string): Promise<Json> {
  const query = new URLSearchParams({ action: 'query', format: 'json', formatversion: '2', ...params });
  const response = await GET(new Request(`http://wiki.test/w/api.php?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }));
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

let writer: Actor;
let bot: Actor;
let admin: Actor;
let adminToken: string;
const pages = { a: uniqueTitle('Rc A'), b: uniqueTitle('Rc B'), talk: `Talk:${uniqueTitle('Rc talk')}` };
const revs: Record<string, number> = {};

beforeAll(async () => {
  [writer, bot, admin] = [await account(), await account({ bot: true }), await account({ admin: true })];
  adminToken = (await createApiToken(admin.userId!, 'lists')).token;
  revs.a1 = await edit(writer, pages.a, 'first text of A', { summary: 'create A' });
  revs.a2 = await edit(writer, pages.a, 'second, longer text of A', { minor: true, summary: 'tweak A' });
  revs.b1 = await edit(bot, pages.b, 'a bot page', { bot: true, summary: 'bot creation' });
  revs.t1 = await edit(writer, pages.talk, 'talking', { summary: 'talk' });
  revs.secret = await edit(writer, pages.a, 'third text of A', { summary: 'nasty summary' });
  await setRevisionVisibility(
    admin,
    revisionVisibilitySchema.parse({ revisionId: String(revs.secret), hideText: '', hideSummary: 'on', hideAuthor: 'on', reason: 'abuse', seenHidden: '0' }),
  );
});

describe('list=recentchanges', () => {
  it("lists the newest changes first with MediaWiki's default props, bots included", async () => {
    const body = await api({ list: 'recentchanges', rclimit: '50' });
    const mine = (body.query.recentchanges as Json[]).filter((rc) => Object.values(revs).includes(rc.revid));
    expect(mine.map((rc) => rc.revid)).toEqual([revs.secret, revs.t1, revs.b1, revs.a2, revs.a1]);
    expect(mine.at(-1)).toEqual({
      type: 'new',
      ns: 0,
      title: pages.a,
      pageid: expect.any(Number),
      revid: revs.a1,
      old_revid: 0,
      rcid: revs.a1,
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    expect(body.batchcomplete).toBe(true);
  });

  it('filters by show, type, namespace and user; hides what the reader may not see', async () => {
    const props = { rcprop: 'ids|user|userid|comment|flags|sizes', rclimit: '50' };
    const ids = async (extra: Record<string, string>) =>
      ((await api({ list: 'recentchanges', ...props, ...extra })).query.recentchanges as Json[]).map((rc) => rc.revid).filter((id) => Object.values(revs).includes(id));
    expect(await ids({ rcshow: 'minor' })).toEqual([revs.a2]);
    expect(await ids({ rcshow: 'bot' })).toEqual([revs.b1]);
    expect(await ids({ rcshow: '!bot', rctype: 'new' })).toEqual([revs.t1, revs.a1]);
    expect(await ids({ rcnamespace: '1' })).toEqual([revs.t1]);
    expect(await ids({ rcuser: writer.name! })).toEqual([revs.t1, revs.a2, revs.a1]);
    expect(await ids({ rcexcludeuser: writer.name! })).toEqual([revs.b1]);
    expect(await ids({ rctoponly: '1', rcnamespace: '0' })).toEqual([revs.secret, revs.b1]);
    expect(await ids({ rctype: 'log' })).toEqual([]);

    const row = async (token?: string) => ((await api({ list: 'recentchanges', ...props }, token)).query.recentchanges as Json[]).find((rc) => rc.revid === revs.secret)!;
    const anonymous = await row();
    expect(anonymous).toMatchObject({ userhidden: true, commenthidden: true, minor: false, bot: false, new: false });
    expect(anonymous).not.toHaveProperty('user');
    expect(anonymous).not.toHaveProperty('comment');
    expect(await row(adminToken)).toMatchObject({ userhidden: true, user: writer.name, commenthidden: true, comment: 'nasty summary' });
    const botRow = ((await api({ list: 'recentchanges', ...props, rcshow: 'bot' })).query.recentchanges as Json[])[0];
    expect(botRow).toMatchObject({ user: bot.name, userid: bot.userId, bot: true, new: true, oldlen: 0, newlen: 10, comment: 'bot creation' });
  });

  it('continues with rccontinue without repeats or gaps while edits land between batches, both ways', async () => {
    for (const dir of ['older', 'newer']) {
      const seen: number[] = [];
      let next: Json = {};
      let extra = 0;
      do {
        const body = await api({ list: 'recentchanges', rclimit: '2', rcdir: dir, rcuser: writer.name!, ...next });
        seen.push(...(body.query.recentchanges as Json[]).map((rc) => rc.revid));
        next = body.continue ?? {};
        if (next.rccontinue) expect(next.rccontinue).toMatch(/^\d{14}\|\d+$/);
        if (extra++ === 0) await edit(writer, uniqueTitle('Rc late'), 'written between batches');
      } while (next.rccontinue);
      expect(new Set(seen).size).toBe(seen.length);
      const expected = [revs.a1, revs.a2, revs.t1];
      expect(seen.filter((id) => expected.includes(id))).toEqual(dir === 'older' ? [...expected].reverse() : expected);
      // Walking newer reaches the edit made meanwhile; walking older began before it.
      expect(seen.length).toBe(dir === 'older' ? 3 : 5);
    }
  });

  it("refuses bad parameters with MediaWiki's codes", async () => {
    expect((await api({ list: 'recentchanges', rclimit: 'lots' })).error.code).toBe('badinteger');
    expect((await api({ list: 'recentchanges', rcdir: 'sideways' })).error.code).toBe('badvalue');
    expect((await api({ list: 'recentchanges', rcshow: 'minor|!minor' })).error.code).toBe('show');
    expect((await api({ list: 'recentchanges', rccontinue: 'garbage' })).error.code).toBe('badcontinue');
    expect((await api({ list: 'recentchanges', rcstart: 'yesterday' })).error.code).toBe('badtimestamp');
    expect((await api({ list: 'recentchanges', rcuser: 'A', rcexcludeuser: 'B' })).error.code).toBe('invalidparammix');
    const capped = await api({ list: 'recentchanges', rclimit: '501' });
    expect(capped.warnings.main.warnings).toContain('"rclimit" may not be over 500');
  });

  it('is a generator', async () => {
    const body = await api({ generator: 'recentchanges', grcnamespace: '1', grclimit: '5' });
    expect((body.query.pages as Json[]).map((page) => page.title)).toContain(pages.talk);
  });
});

describe('list=usercontribs', () => {
  it("lists one user's edits with MediaWiki's fields, continues, and hides hidden authors' edits", async () => {
    const body = await api({ list: 'usercontribs', ucuser: writer.name!, uclimit: '2', ucdir: 'newer', ucprop: 'ids|title|timestamp|comment|size|sizediff|flags' });
    expect(body.query.usercontribs[0]).toEqual({
      userid: writer.userId,
      user: writer.name,
      pageid: expect.any(Number),
      revid: revs.a1,
      parentid: 0,
      ns: 0,
      title: pages.a,
      timestamp: expect.any(String),
      new: true,
      minor: false,
      top: false,
      comment: 'create A',
      size: 15,
      sizediff: 15,
    });
    expect(body.continue.uccontinue).toMatch(/^\d{14}\|\d+$/);
    const rest = await api({ list: 'usercontribs', ucuser: writer.name!, uclimit: '50', ucdir: 'newer', uccontinue: body.continue.uccontinue });
    const all = [...body.query.usercontribs, ...rest.query.usercontribs].map((row: Json) => row.revid);
    expect(all.slice(0, 3)).toEqual([revs.a1, revs.a2, revs.t1]);
    expect(all).not.toContain(revs.secret);
    const forAdmin = await api({ list: 'usercontribs', ucuser: writer.name!, uclimit: '50' }, adminToken);
    expect((forAdmin.query.usercontribs as Json[]).find((row) => row.revid === revs.secret)).toMatchObject({ userhidden: true, commenthidden: true });
  });

  it('filters with ucshow and ucnamespace, several users, and refuses what MediaWiki refuses', async () => {
    const ids = async (extra: Record<string, string>) =>
      ((await api({ list: 'usercontribs', uclimit: '50', ...extra })).query.usercontribs as Json[]).map((row) => row.revid).filter((id) => Object.values(revs).includes(id));
    expect(await ids({ ucuser: writer.name!, ucshow: 'minor' })).toEqual([revs.a2]);
    expect(await ids({ ucuser: writer.name!, ucshow: 'new', ucnamespace: '1' })).toEqual([revs.t1]);
    expect(await ids({ ucuser: `${writer.name}|${bot.name}`, ucshow: 'top' })).toEqual([revs.t1, revs.b1]);
    expect(await ids({ ucuserids: String(bot.userId) })).toEqual([revs.b1]);
    expect(await ids({ ucuserprefix: `lister_${process.pid}_` })).toEqual([revs.t1, revs.b1, revs.a2, revs.a1]);
    expect((await api({ list: 'usercontribs' })).error.code).toBe('missingparam');
    expect((await api({ list: 'usercontribs', ucuser: 'X', ucuserids: '1' })).error.code).toBe('invalidparammix');
    expect((await api({ list: 'usercontribs', ucuser: 'X', ucshow: 'top|!top' })).error.code).toBe('show');
    expect((await api({ generator: 'usercontribs' })).error.code).toBe('badvalue');
  });
});

describe('list=logevents', () => {
  it("lists entries with MediaWiki's fields, filters by type, action and user, and continues", async () => {
    const from = uniqueTitle('Moved from');
    const to = uniqueTitle('Moved to');
    await edit(writer, from, 'to be moved');
    for (const [source, target] of [
      [from, to],
      [to, `${to} again`],
    ] as [string, string][]) {
      await movePage(admin, { from: parseTitle(source), to: parseTitle(target), reason: 'tidy', leaveRedirect: true, moveTalk: false });
    }
    const body = await api({ list: 'logevents', letype: 'move', leuser: admin.name!, lelimit: '1' });
    expect(body.query.logevents[0]).toEqual({
      logid: expect.any(Number),
      pageid: expect.any(Number),
      logpage: expect.any(Number),
      ns: 0,
      title: to,
      type: 'move',
      action: 'move',
      params: { target_ns: 0, target_title: `${to} again` },
      user: admin.name,
      timestamp: expect.any(String),
      comment: 'tidy',
    });
    const second = await api({ list: 'logevents', letype: 'move', leuser: admin.name!, lelimit: '1', lecontinue: body.continue.lecontinue });
    expect(second.query.logevents[0].title).toBe(from);
    expect(second.continue).toBeUndefined();
    const byAction = await api({ list: 'logevents', leaction: 'move/move', letitle: from });
    expect(byAction.query.logevents).toHaveLength(1);
    expect((await api({ list: 'logevents', letype: 'nonsense' })).error.code).toBe('badvalue');
    expect((await api({ list: 'logevents', letitle: 'Bad[title' })).error.code).toBe('invalidtitle');
  });
});
