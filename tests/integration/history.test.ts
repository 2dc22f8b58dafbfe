import { uniqueTitle } from '../support/database';
import { beforeAll, describe, expect, it } from 'vitest';
import { savePage } from '@/lib/server/save-page';
import { ensureSystemUser } from '@/lib/server/users';
import { getDb } from '@/lib/server/db';
import { findHistoryPage, findUserByName, getContributions, getPageHistory, getRecentChanges, type ChangeRow, type ChangesPage } from '@/lib/server/history';
import { parseTitle, type ParsedTitle } from '@/lib/domain/titles';

const ids = (page: ChangesPage | ChangeRow[]) => (Array.isArray(page) ? page : page.rows).map((row) => row.revisionId);
const runId = `${process.pid} ${Date.now().toString(36)}`;

/** Walks a list from its first page to its last (older), then back (newer), checking the cursors on the way. */
async function walk(fetch: (cursor: { olderThan?: number; newerThan?: number }) => Promise<ChangesPage>) {
  const pages: ChangesPage[] = [await fetch({})];
  expect(pages[0]!.newer).toBeNull();
  while (pages.at(-1)!.older !== null) pages.push(await fetch({ olderThan: pages.at(-1)!.older! }));
  const back: ChangesPage[] = [pages.at(-1)!];
  while (back.at(-1)!.newer !== null) back.push(await fetch({ newerThan: back.at(-1)!.newer! }));
  return { pages, back: back.reverse() };
}

describe('page history (keyset pagination over 120 revisions)', () => {
  const REVISIONS = 120;
  let title: ParsedTitle;
  let pageId: number;
  /** Revision ids, oldest first, with what was saved. */
  const saved: { id: number; size: number; minor: boolean }[] = [];
  const newestFirst = () => [...saved].reverse().map((r) => r.id);

  beforeAll(async () => {
    const bot = await ensureSystemUser(`History bot ${runId}`);
    title = parseTitle(uniqueTitle('History test'));
    let base: number | null = null;
    for (let i = 0; i < REVISIONS; i += 1) {
      // Sizes go up and down; revision 60 adds a large block, 61 removes it again.
      const text = `Revision ${i}\n\n${'x'.repeat((i * 37) % 101)}${i === 60 ? 'y'.repeat(800) : ''}`;
      const minor = i > 0 && i % 3 === 0;
      const result = await savePage({ title, text, summary: `edit ${i}`, minor, authorId: bot.id, baseRevisionId: base });
      expect(result.status).toBe('saved');
      base = result.revisionId;
      pageId = result.pageId;
      saved.push({ id: result.revisionId, size: Buffer.byteLength(text, 'utf8'), minor });
    }
  }, 300_000);

  it('finds the page and its latest revision', async () => {
    expect(await findHistoryPage(title)).toEqual({ id: pageId, latestRevisionId: saved.at(-1)!.id });
    expect(await findHistoryPage(parseTitle(uniqueTitle('No such page')))).toBeNull();
  });

  it('shows the 50 newest first, then the next 50 with no overlap or gap, then the remaining 20', async () => {
    const first = await getPageHistory(pageId, { limit: 50 });
    expect(ids(first)).toEqual(newestFirst().slice(0, 50));
    expect(first.newer).toBeNull();
    expect(first.older).toBe(first.rows[49]!.revisionId);

    const second = await getPageHistory(pageId, { limit: 50, olderThan: first.older! });
    expect(ids(second)).toEqual(newestFirst().slice(50, 100));
    expect(second.newer).toBe(second.rows[0]!.revisionId);
    expect(second.older).toBe(second.rows[49]!.revisionId);

    const last = await getPageHistory(pageId, { limit: 50, olderThan: second.older! });
    expect(ids(last)).toEqual(newestFirst().slice(100));
    expect(last.rows).toHaveLength(20);
    expect(last.older).toBeNull();
    expect(last.newer).toBe(last.rows[0]!.revisionId);

    // The newer cursor returns to the previous page exactly, cursors included.
    expect(await getPageHistory(pageId, { limit: 50, newerThan: last.newer! })).toEqual(second);
    expect(await getPageHistory(pageId, { limit: 50, newerThan: second.newer! })).toEqual(first);
  });

  it('has an exact boundary when the history is a multiple of the page size', async () => {
    const first = await getPageHistory(pageId, { limit: 60 });
    const second = await getPageHistory(pageId, { limit: 60, olderThan: first.older! });
    expect(ids(second)).toEqual(newestFirst().slice(60));
    expect(second.older).toBeNull();
    const all = await getPageHistory(pageId, { limit: 120 });
    expect(all.rows).toHaveLength(120);
    expect(all).toMatchObject({ older: null, newer: null });
  });

  it('walks every page in both directions with odd page sizes', async () => {
    const { pages, back } = await walk((cursor) => getPageHistory(pageId, { limit: 7, ...cursor }));
    expect(pages.flatMap(ids)).toEqual(newestFirst());
    expect(pages).toHaveLength(Math.ceil(REVISIONS / 7));
    expect(back).toEqual(pages);
  });

  it('returns nothing past either end, with a cursor back into the list', async () => {
    const beforeFirst = await getPageHistory(pageId, { limit: 10, olderThan: saved[0]!.id });
    expect(beforeFirst.rows).toEqual([]);
    expect(beforeFirst.older).toBeNull();
    if (saved[0]!.id === 1) {
      // On a fresh database nothing can express "from id 1 on" as a positive cursor.
      expect(beforeFirst.newer).toBeNull();
    } else {
      expect(beforeFirst.newer).toBe(saved[0]!.id - 1);
      expect(ids(await getPageHistory(pageId, { limit: 10, newerThan: beforeFirst.newer! }))).toEqual(
        saved
          .slice(0, 10)
          .map((r) => r.id)
          .reverse(),
      );
    }
    // Past the oldest revision of this page, from a later point than its first id: still a way back.
    const pastOldest = await getPageHistory(pageId, { limit: 10, olderThan: saved[1]!.id, minorOnly: true });
    expect(pastOldest).toEqual({ rows: [], older: null, newer: saved[1]!.id - 1 });
    expect(ids(await getPageHistory(pageId, { limit: 2, newerThan: pastOldest.newer!, minorOnly: true }))).toEqual([saved[6]!.id, saved[3]!.id]);

    const afterLast = await getPageHistory(pageId, { limit: 10, newerThan: saved.at(-1)!.id });
    expect(afterLast).toEqual({ rows: [], newer: null, older: saved.at(-1)!.id + 1 });

    // Cursors beyond the int4 range of revision ids are not an error.
    const huge = await getPageHistory(pageId, { limit: 5, olderThan: 99_999_999_999 });
    expect(ids(huge)).toEqual(newestFirst().slice(0, 5));
    expect(huge.newer).toBeNull();
  });

  it('filters minor edits only, paging over them alone', async () => {
    const minors = [...saved]
      .reverse()
      .filter((r) => r.minor)
      .map((r) => r.id);
    expect(minors).toHaveLength(39);
    const { pages, back } = await walk((cursor) => getPageHistory(pageId, { limit: 10, minorOnly: true, ...cursor }));
    expect(pages.flatMap(ids)).toEqual(minors);
    expect(pages.flatMap((p) => p.rows).every((row) => row.minor)).toBe(true);
    expect(pages.map((p) => p.rows.length)).toEqual([10, 10, 10, 9]);
    expect(back).toEqual(pages);
  });

  it('computes each revision’s size change from its parent and flags the creation', async () => {
    const all = (await getPageHistory(pageId, { limit: 500 })).rows.reverse();
    expect(all).toHaveLength(REVISIONS);
    all.forEach((row, i) => {
      expect(row.size).toBe(saved[i]!.size);
      expect(row.minor).toBe(saved[i]!.minor);
      expect(row.summary).toBe(`edit ${i}`);
      expect(row.title.prefixedText).toBe(title.prefixedText);
      expect(row.pageId).toBe(pageId);
      expect(row.isLatest).toBe(i === REVISIONS - 1);
      if (i === 0) {
        expect(row).toMatchObject({ isCreation: true, parentId: null, delta: saved[0]!.size });
      } else {
        expect(row).toMatchObject({ isCreation: false, parentId: saved[i - 1]!.id, delta: saved[i]!.size - saved[i - 1]!.size });
      }
    });
    expect(all[60]!.delta).toBeGreaterThanOrEqual(800);
    expect(all[61]!.delta).toBeLessThanOrEqual(-800);
    expect(all.some((row) => row.delta > 0 && row.delta < 500)).toBe(true);
    expect(all.some((row) => row.delta < 0 && row.delta > -500)).toBe(true);
    expect(all[0]!.createdAt).toBeInstanceOf(Date);
    expect(all[0]!.author.name).toBe(`History bot ${runId}`);
  });

  it('lists the bot’s 120 edits as its contributions, in pages', async () => {
    const bot = await findUserByName(`history_bot_${runId.replace(' ', '_')}`);
    expect(bot?.name).toBe(`History bot ${runId}`);
    const { pages } = await walk((cursor) => getContributions(bot!.id, { limit: 50, ...cursor }));
    expect(pages.map((p) => p.rows.length)).toEqual([50, 50, 20]);
    expect(pages.flatMap(ids)).toEqual(newestFirst());
  });

  it('refuses invalid paging options', async () => {
    for (const options of [{ limit: 0 }, { limit: 501 }, { limit: 2.5 }, { limit: 10, olderThan: 0 }, { limit: 10, olderThan: 5, newerThan: 3 }]) {
      await expect(getPageHistory(pageId, options)).rejects.toMatchObject({ code: 'VALIDATION' });
    }
  });
});

describe('recent changes and contributions', () => {
  let alice: { id: number; name: string };
  let bob: { id: number; name: string };
  /** r1: Alice creates P1; r2: Bob, minor edit of P1; r3: Alice edits P1; r4: Bob creates P2. */
  let r1: number, r2: number, r3: number, r4: number;

  beforeAll(async () => {
    alice = await ensureSystemUser(`Alice ${runId}`);
    bob = await ensureSystemUser(`Bob ${runId}`);
    const p1 = parseTitle(uniqueTitle('RC one'));
    const p2 = parseTitle(uniqueTitle('RC two'));
    r1 = (await savePage({ title: p1, text: 'first', summary: 'new', minor: false, authorId: alice.id, baseRevisionId: null })).revisionId;
    r2 = (await savePage({ title: p1, text: 'first, fixed', summary: 'typo', minor: true, authorId: bob.id, baseRevisionId: r1 })).revisionId;
    r3 = (await savePage({ title: p1, text: 'first', summary: 'revert', minor: false, authorId: alice.id, baseRevisionId: r2 })).revisionId;
    r4 = (await savePage({ title: p2, text: 'second page', summary: '', minor: false, authorId: bob.id, baseRevisionId: null })).revisionId;
  });

  // Integration test files run one after another, so these four are the newest revisions in the database.
  it('lists every page’s edits, newest first', async () => {
    const changes = await getRecentChanges({ limit: 4 });
    expect(ids(changes)).toEqual([r4, r3, r2, r1]);
    expect(changes.newer).toBeNull();
    expect(changes.rows.map((row) => row.author.name)).toEqual([bob.name, alice.name, bob.name, alice.name]);
    expect(changes.rows.map((row) => row.delta)).toEqual([11, -7, 7, 5]);
    expect(changes.rows.map((row) => row.isCreation)).toEqual([true, false, false, true]);
    expect(changes.rows.map((row) => row.isLatest)).toEqual([true, true, false, false]);
  });

  it('hides minor edits', async () => {
    const changes = await getRecentChanges({ limit: 3, hideMinor: true });
    expect(ids(changes)).toEqual([r4, r3, r1]);
    const many = await getRecentChanges({ limit: 200, hideMinor: true });
    expect(many.rows.every((row) => !row.minor)).toBe(true);
  });

  it('shows only page creations', async () => {
    const changes = await getRecentChanges({ limit: 2, onlyNew: true });
    expect(ids(changes)).toEqual([r4, r1]);
    const many = await getRecentChanges({ limit: 200, onlyNew: true });
    expect(many.rows.every((row) => row.isCreation && row.parentId === null && row.delta === row.size)).toBe(true);
  });

  it('hides one user’s edits, alone or with other filters', async () => {
    expect(ids(await getRecentChanges({ limit: 2, hideUserId: bob.id }))).toEqual([r3, r1]);
    expect(ids(await getRecentChanges({ limit: 1, hideUserId: alice.id, onlyNew: true }))).toEqual([r4]);
    const many = await getRecentChanges({ limit: 200, hideUserId: bob.id });
    expect(many.rows.some((row) => row.author.id === bob.id)).toBe(false);
  });

  it('pages through recent changes exactly as an ORDER BY id DESC would', async () => {
    const truth = await getDb().revision.findMany({ orderBy: { id: 'desc' }, take: 40, select: { id: true } });
    const pages: ChangesPage[] = [await getRecentChanges({ limit: 8 })];
    for (let i = 1; i < 5; i += 1) pages.push(await getRecentChanges({ limit: 8, olderThan: pages.at(-1)!.older! }));
    expect(pages.flatMap(ids)).toEqual(truth.map((r) => r.id));
    expect(await getRecentChanges({ limit: 8, newerThan: pages[2]!.newer! })).toEqual(pages[1]);
    expect(await getRecentChanges({ limit: 8, newerThan: pages[1]!.newer! })).toEqual(pages[0]);

    const minorTruth = await getDb().revision.findMany({ where: { minor: false }, orderBy: { id: 'desc' }, take: 15, select: { id: true } });
    const a = await getRecentChanges({ limit: 5, hideMinor: true });
    const b = await getRecentChanges({ limit: 5, hideMinor: true, olderThan: a.older! });
    const c = await getRecentChanges({ limit: 5, hideMinor: true, olderThan: b.older! });
    expect([a, b, c].flatMap(ids)).toEqual(minorTruth.map((r) => r.id));
  });

  it('lists only that user’s contributions, marking revisions that are still current', async () => {
    const mine = await getContributions(alice.id, { limit: 50 });
    expect(ids(mine)).toEqual([r3, r1]);
    expect(mine).toMatchObject({ older: null, newer: null });
    expect(mine.rows.map((row) => row.isLatest)).toEqual([true, false]);
    expect(ids(await getContributions(bob.id, { limit: 50 }))).toEqual([r4, r2]);

    const firstPage = await getContributions(bob.id, { limit: 1 });
    expect(ids(firstPage)).toEqual([r4]);
    expect(firstPage.older).toBe(r4);
    const secondPage = await getContributions(bob.id, { limit: 1, olderThan: firstPage.older! });
    expect(secondPage).toMatchObject({ older: null, newer: r2 });
    expect(ids(secondPage)).toEqual([r2]);
    expect(await getContributions(bob.id, { limit: 1, newerThan: secondPage.newer! })).toEqual(firstPage);
  });

  it('finds users by any spelling of their name', async () => {
    expect(await findUserByName(alice.name)).toEqual(alice);
    expect(await findUserByName(alice.name.toLowerCase().replaceAll(' ', '_'))).toEqual(alice);
    expect(await findUserByName(`Nobody ${runId}`)).toBeNull();
    expect(await findUserByName('   ')).toBeNull();
  });
});
