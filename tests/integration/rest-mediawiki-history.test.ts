import { uniqueTitle } from '../support/database';
import { beforeAll, describe, expect, it } from 'vitest';
import { newEditor, pagePath, readJson, REST, restRequest, type TestEditor } from '../support/rest-client';
import { GET as pageGET } from '@/app/w/rest.php/v1/page/[...path]/route';
import { createAccount } from '@/lib/server/accounts';
import { createApiToken } from '@/lib/server/api-tokens';
import { getDb } from '@/lib/server/db';
import { deletePage } from '@/lib/server/deletion';
import { editPage } from '@/lib/server/edit-page';
import { rollback } from '@/lib/server/revert';
import { setRevisionVisibility } from '@/lib/server/revision-visibility';
import { savePage } from '@/lib/server/save-page';
import { anonymousAuthorId } from '@/lib/server/users';
import { deletePageSchema, revisionVisibilitySchema } from '@/lib/domain/deletion';
import type { Actor } from '@/lib/domain/policy';
import { parseTitle } from '@/lib/domain/titles';

/*
 * Ports of MediaWiki's tests/api-testing/REST/PageHistory.js (history counts and history filters),
 * rewritten for this wiki. The page's history is made as MediaWiki's test makes it: a bot
 * account's edits marked bot, an administrator's rollback of the bot's edits and an undo of its
 * last one, which MediaWiki's revert tags (and this wiki's revisions.reverts) mark as "reverted".
 */

interface Count {
  count: number;
  limit: boolean;
}
interface History {
  revisions: { id: number; comment: string; minor: boolean; user: { id: number | null; name: string } }[];
  latest: string;
  older?: string;
  newer?: string;
}

const countPath = (title: string, type: string, query = '') => `${pagePath(title)}/history/counts/${type}${query}`;
const get = (path: string, headers: Record<string, string> = {}) => pageGET(restRequest(path, { headers }));

async function counted(title: string, type: string, query = ''): Promise<Count> {
  const response = await get(countPath(title, type, query));
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get('cache-control')).toBe('max-age=60');
  return readJson<Count>(response);
}

async function expectError(response: Response, status: number, errorKey: string): Promise<void> {
  const body = await readJson<{ errorKey: string; httpCode: number; messageTranslations: { en: string } }>(response);
  expect({ status: response.status, errorKey: body.errorKey }, body.messageTranslations?.en).toEqual({ status, errorKey });
  expect(body.httpCode).toBe(status);
}

async function history(title: string, query = '', token?: string): Promise<History> {
  const response = await pageGET(restRequest(`${pagePath(title)}/history${query}`, { token }));
  expect(response.status, await response.clone().text()).toBe(200);
  return readJson<History>(response);
}

async function latestRevisionId(title: string): Promise<number | null> {
  const page = await getDb().page.findFirst({ where: { namespace: parseTitle(title).namespace, title: parseTitle(title).dbKey }, select: { latestRevisionId: true } });
  return page?.latestRevisionId ?? null;
}

/** Saves on top of the page's latest revision, as `authorId` (asking for the bot mark with `bot`). */
async function save(title: string, authorId: number, text: string, summary: string, minor = false, bot = false): Promise<number> {
  const result = await savePage({ title: parseTitle(title), text, summary, minor, authorId, baseRevisionId: await latestRevisionId(title), bot });
  if (result.status !== 'saved') throw new Error(`expected "${summary}" to be saved, got ${result.status}`);
  return result.revisionId;
}

let alice: TestEditor;
let robby: TestEditor;
let mindy: TestEditor;
let admin: Actor & { userId: number };
let adminToken: string;
let anonId: number;
const title = uniqueTitle('PageHistory');
/** Newest first, as MediaWiki's test keeps edits.all. */
const all: { id: number; comment: string; minor: boolean }[] = [];
const ids = { anon: [] as number[], bot: [] as number[], reverted: [] as number[], minor: [] as number[] };

function record(id: number, comment: string, minor: boolean): number {
  all.unshift({ id, comment, minor });
  if (minor) ids.minor.unshift(id);
  return id;
}

async function edit(authorId: number, text: string, comment: string, minor = false, bot = false): Promise<number> {
  return record(await save(title, authorId, text, comment, minor, bot), comment, minor);
}

beforeAll(async () => {
  [alice, robby, mindy] = [await newEditor(), await newEditor(), await newEditor()];
  const account = await createAccount({ username: `History admin ${process.pid} ${Date.now()}`, password: 'history counts passphrase 42', admin: true }, null);
  admin = { userId: account.id, name: account.name, role: 'admin', createdAt: new Date(0), editCount: 100, blocked: null };
  adminToken = (await createApiToken(account.id, 'history test')).token;
  anonId = await anonymousAuthorId('203.0.113.77');

  await edit(alice.id, 'Counting 1', 'creating page');
  for (const [text, comment] of [
    ['Counting 1 2', 'anon edit 1'],
    ['Counting 1 2 3', 'anon edit 2'],
  ])
    ids.anon.unshift(await edit(anonId, text!, comment!));
  // Robby is in the bot group (as `npm run wiki -- user:bot` makes it) and asks for the bot mark.
  await getDb().user.update({ where: { id: robby.id }, data: { isBot: true } });
  for (const [text, comment] of [
    ['Counting 1 2 3 4', 'bot edit 1'],
    ['Counting 1 2 3 4 5', 'bot edit 2'],
  ])
    ids.bot.unshift(await edit(robby.id, text!, comment!, false, true));
  // An administrator rolls back both bot edits: a minor edit, marked as a revert.
  const pageId = (await getDb().page.findFirst({ where: { title: parseTitle(title).dbKey }, select: { id: true } }))!.id;
  const rolledBack = await rollback(admin, pageId, ids.bot[0]!);
  ids.reverted.unshift(record(rolledBack.revisionId, rolledBack.summary, true));
  ids.bot.unshift(await edit(robby.id, 'Counting 1 2 3 4', 'bot edit 3', true, true));
  ids.bot.unshift(await edit(robby.id, 'Counting 1 2 3 4 555', 'bot edit 4', false, true));
  // And undoes the last bot edit, as the web editor's undo does.
  const undone = await editPage(
    admin,
    {
      title: parseTitle(title),
      content: 'Counting 1 2 3 4',
      summary: 'undo bot edit 4',
      minor: false,
      baseRevisionId: ids.bot[0]!,
      undo: { undoId: ids.bot[0]!, undoAfterId: null },
    },
    '127.0.0.1',
  );
  if (undone.status !== 'saved') throw new Error(`the undo was not saved: ${undone.status}`);
  ids.reverted.unshift(record(undone.revisionId, 'undo bot edit 4', false));
});

describe('GET /page/{title}/history/counts/{type} (PageHistory.js)', () => {
  it('ports "Should get total number of edits" (twice: the second answer is the same)', async () => {
    for (let i = 0; i < 2; i++) expect(await counted(title, 'edits')).toEqual({ count: 9, limit: false });
  });

  it('ports the anonymous, bot, reverted and minor counts, and "Should get total number of unique editors"', async () => {
    expect(await counted(title, 'anonymous')).toEqual({ count: 2, limit: false });
    expect(await counted(title, 'bot')).toEqual({ count: 4, limit: false });
    expect(await counted(title, 'reverted')).toEqual({ count: 2, limit: false });
    expect(await counted(title, 'minor')).toEqual({ count: 2, limit: false });
    expect(await counted(title, 'editors')).toEqual({ count: 4, limit: false });
  });

  it('ports "…edits / unique editors between revisions, normal order" and "reverse order" (both ends excluded)', async () => {
    const [from, to] = [all[1]!.id, all[all.length - 2]!.id];
    for (const query of [`?from=${from}&to=${to}`, `?from=${to}&to=${from}`]) {
      expect(await counted(title, 'edits', query)).toEqual({ count: 5, limit: false });
      expect(await counted(title, 'editors', query)).toEqual({ count: 3, limit: false });
    }
  });

  it('answers the deprecated type names with a Deprecation header, as MediaWiki', async () => {
    const response = await get(countPath(title, 'anonedits'));
    expect(await readJson<Count>(response)).toEqual({ count: 2, limit: false });
    expect(response.headers.get('deprecation')).toBe('version="v1"');
  });

  it('ports "Should return 400 for invalid parameter" and "404 for title that does not exist", in MediaWiki\'s order', async () => {
    const missing = uniqueTitle('Random');
    await expectError(await get(countPath(title, 'editts')), 400, 'paramvalidator-badvalue-enumnotmulti');
    await expectError(await get(countPath(missing, 'edits')), 404, 'rest-nonexistent-title');
    // Parameters are validated before the page is looked up.
    await expectError(await get(countPath(missing, 'editts')), 400, 'paramvalidator-badvalue-enumnotmulti');
    await expectError(await get(countPath(missing, 'bot', `?from=${all[1]!.id}&to=${all[2]!.id}`)), 400, 'rest-pagehistorycount-parameters-invalid');
    await expectError(await get(countPath(title, 'edits', `?from=${all[1]!.id}`)), 400, 'rest-pagehistorycount-parameters-invalid');
    await expectError(await get(countPath(title, 'edits', '?from=abc&to=1')), 400, 'paramvalidator-badinteger');
    const other = uniqueTitle('Other page');
    const foreign = await save(other, alice.id, 'x', 'other');
    await expectError(await get(countPath(title, 'edits', `?from=${foreign}&to=${all[0]!.id}`)), 404, 'rest-nonexistent-revision');
  });

  it("caps each count at MediaWiki's limit and says so (minor: 1000)", async () => {
    const capped = uniqueTitle('Many minor');
    const first = await save(capped, alice.id, 'start', 'start', true);
    await getDb().$executeRaw`
      INSERT INTO revisions (page_id, author_id, summary, minor, size, sha1, content_id, created_at)
      SELECT r.page_id, r.author_id, 'bulk', true, r.size, r.sha1, r.content_id, r.created_at FROM revisions r, generate_series(1, 1000) WHERE r.id = ${first}`;
    expect(await counted(capped, 'minor')).toEqual({ count: 1000, limit: true });
    expect(await counted(capped, 'edits')).toEqual({ count: 1001, limit: false });
  });

  it('ports "Revision deletion and un-deletion": hidden edits and authors are not counted; Last-Modified follows the log', async () => {
    const doomed = uniqueTitle('PageHistoryDelete');
    const one = await save(doomed, robby.id, 'Delete Me 1', 'edit 1');
    const two = await save(doomed, mindy.id, 'Counting 1', 'edit 2');
    // Both edits an hour ago, so that the hiding logged now is clearly the latest change.
    await getDb().revision.updateMany({ where: { id: { in: [one, two] } }, data: { createdAt: new Date(Date.now() - 3_600_000) } });
    expect(await counted(doomed, 'edits')).toEqual({ count: 2, limit: false });

    const visibility = (hide: 'on' | '') =>
      setRevisionVisibility(
        admin,
        revisionVisibilitySchema.parse({ revisionId: String(one), hideText: hide, hideSummary: hide, hideAuthor: hide, reason: 'test', seenHidden: hide ? '0' : '7' }),
      );
    await visibility('on');
    expect(await counted(doomed, 'edits')).toEqual({ count: 1, limit: false });
    expect(await counted(doomed, 'editors')).toEqual({ count: 1, limit: false });
    const response = await get(countPath(doomed, 'edits'));
    expect(Date.parse(response.headers.get('last-modified')!)).toBeGreaterThan(Date.now() - 600_000);
    expect(response.headers.get('etag')).toBeNull();

    await visibility('');
    expect(await counted(doomed, 'edits')).toEqual({ count: 2, limit: false });
    expect(await counted(doomed, 'editors')).toEqual({ count: 2, limit: false });

    // "Should return 404 for deleted page" (edits and editors).
    await deletePage(admin, deletePageSchema.parse({ title: doomed, reason: 'test', latestRevisionId: String(two) }));
    await expectError(await get(countPath(doomed, 'edits')), 404, 'rest-nonexistent-title');
    await expectError(await get(countPath(doomed, 'editors')), 404, 'rest-nonexistent-title');
  });
});

describe('GET /page/{title}/history?filter= (PageHistory.js)', () => {
  it('ports "Should get all revisions" and the anonymous, bot, reverted and minor filters', async () => {
    expect((await history(title)).revisions.map((r) => r.id)).toEqual(all.map((r) => r.id));
    for (const [filter, expected] of Object.entries(ids)) {
      const name = filter === 'anon' ? 'anonymous' : filter;
      const body = await history(title, `?filter=${name}`);
      expect(
        body.revisions.map((r) => r.id),
        name,
      ).toEqual(expected);
      expect(body.latest).toBe(`${REST}${pagePath(title)}/history?filter=${name}`);
    }
    const anon = await history(title, '?filter=anonymous');
    expect(anon.revisions.every((r) => r.user.id === null && r.user.name === '203.0.113.77')).toBe(true);
  });

  it('ports "Should get revisions using both filter and newer_than|older_than parameters"', async () => {
    const body = await history(title, `?newer_than=${all[3]!.id}&filter=bot`);
    expect(body.revisions.map((r) => r.id)).toEqual(ids.bot.slice(0, 2));
    expect(body.older).toBe(`${REST}${pagePath(title)}/history?filter=bot&older_than=${ids.bot[1]}`);
  });

  it('ports "400 for invalid filter parameter" and "404 for title that does not exist"', async () => {
    await expectError(await get(`${pagePath(title)}/history?filter=anon`), 400, 'paramvalidator-badvalue-enumnotmulti');
    await expectError(await get(`${pagePath(uniqueTitle('Random'))}/history?filter=bot`), 404, 'rest-nonexistent-title');
    // A page that does not exist is said first, before what is wrong with the filter.
    await expectError(await get(`${pagePath(uniqueTitle('Random'))}/history?filter=anon`), 404, 'rest-nonexistent-title');
  });

  it('leaves an edit whose author is hidden out of the anonymous filter, except for administrators', async () => {
    const page = uniqueTitle('Hidden anon');
    await save(page, alice.id, 'a', 'first');
    const anonEdit = await save(page, anonId, 'b', 'anon');
    await save(page, alice.id, 'c', 'last');
    await setRevisionVisibility(
      admin,
      revisionVisibilitySchema.parse({ revisionId: String(anonEdit), hideText: '', hideSummary: '', hideAuthor: 'on', reason: 'x', seenHidden: '0' }),
    );
    expect((await history(page, '?filter=anonymous')).revisions).toEqual([]);
    expect((await history(page, '?filter=anonymous', adminToken)).revisions.map((r) => r.id)).toEqual([anonEdit]);
  });

  it('ports "Should update cache control headers": ETag and Last-Modified follow the latest edit even when filtered out', async () => {
    const page = uniqueTitle('Random');
    await save(page, alice.id, 'Old Content', 'make page');
    const [a, b] = [await get(`${pagePath(page)}/history?filter=bot`), await get(`${pagePath(page)}/history?filter=bot`)];
    expect(a.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'));
    expect(a.headers.get('last-modified')).toBe(b.headers.get('last-modified'));
    await getDb().revision.updateMany({ where: { page: { title: parseTitle(page).dbKey } }, data: { createdAt: new Date(Date.now() - 3_600_000) } });
    const second = await save(page, alice.id, 'New Content', 'poke page');
    const c = await get(`${pagePath(page)}/history?filter=bot`);
    const saved = await getDb().revision.findUniqueOrThrow({ where: { id: second }, select: { createdAt: true } });
    expect(c.headers.get('last-modified')).toBe(new Date(Math.floor(saved.createdAt.getTime() / 1000) * 1000).toUTCString());
    expect(c.headers.get('etag')).not.toBe(a.headers.get('etag'));
    expect(await readJson<History>(c)).toMatchObject({ revisions: [] });
  });
});
