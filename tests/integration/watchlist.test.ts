// Watchlists against a real database: watching with and without expiry, the talk page coming
// along, automatic watching by preference, watchers following a move, and Special:Watchlist's
// changes with "since your last visit" marks and MediaWiki's filters.
import { uniqueTitle } from '../support/database';
import { describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { editPage } from '@/lib/server/edit-page';
import { movePage } from '@/lib/server/move-page';
import { deletePage } from '@/lib/server/deletion';
import { countWatchedTitles, getWatchlistChanges, getWatchState, listWatchedTitles, markAllSeen, unwatchPage, watchPage, watchStateForVisit } from '@/lib/server/watchlist';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { parseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { isAppError } from '@/lib/domain/errors';
import type { WatchlistOptions } from '@/lib/domain/watchlist';

let n = 0;
async function user(role: 'registered' | 'admin' = 'registered'): Promise<Actor> {
  const account = await createAccount({ username: `Watcher ${process.pid} ${Date.now()} ${++n}`, password: 'watchlist passphrase', admin: role === 'admin' }, null);
  return { userId: account.id, name: account.name, role, createdAt: new Date(), editCount: 0, blocked: null };
}

async function edit(actor: Actor, title: ParsedTitle, content: string, options: { minor?: boolean } = {}): Promise<number> {
  const page = await getDb().page.findUnique({ where: { namespace_title: { namespace: title.namespace, title: title.dbKey } }, select: { latestRevisionId: true } });
  const outcome = await editPage(
    actor,
    { title, content, summary: `edit by ${actor.name}`, minor: options.minor ?? false, baseRevisionId: page?.latestRevisionId ?? null },
    '192.0.2.1',
  );
  if (outcome.status === 'conflict') throw new Error('unexpected conflict');
  return outcome.revisionId;
}

async function setPreferences(actor: Actor, preferences: Record<string, boolean>): Promise<void> {
  await getDb().user.update({ where: { id: actor.userId! }, data: { preferences } });
}

const DEFAULTS: WatchlistOptions = { days: 7, hideMinor: false, hideOwn: false, allChanges: false };
const list = (actor: Actor, options: Partial<WatchlistOptions> = {}) => getWatchlistChanges(actor, { ...DEFAULTS, ...options, limit: 50 });

describe('watching a page', () => {
  it('watches the page and its talk page together, and unwatching either removes both', async () => {
    const reader = await user();
    const title = parseTitle(uniqueTitle('Watched'));
    const talk = parseTitle(`Talk:${title.text}`);
    expect(await getWatchState(reader.userId!, title)).toEqual({ watched: false, expiresAt: null });
    await watchPage(reader, title, 'infinite');
    expect(await getWatchState(reader.userId!, title)).toEqual({ watched: true, expiresAt: null });
    expect((await getWatchState(reader.userId!, talk)).watched).toBe(true);
    expect(await countWatchedTitles(reader)).toBe(1);
    await unwatchPage(reader, talk);
    expect((await getWatchState(reader.userId!, title)).watched).toBe(false);
  });

  it('a temporary watch ends by itself and disappears from every list', async () => {
    const reader = await user();
    const title = parseTitle(uniqueTitle('Briefly watched'));
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    const state = await watchPage(reader, title, '1 week', eightDaysAgo);
    expect(state.expiresAt!.getTime()).toBe(eightDaysAgo.getTime() + 7 * 86_400_000);
    expect((await getWatchState(reader.userId!, title)).watched).toBe(false);
    expect(await listWatchedTitles(reader)).toEqual([]);
    expect(await countWatchedTitles(reader)).toBe(0);

    const month = await watchPage(reader, title, '1 month');
    expect(month.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 27 * 86_400_000);
    expect(await getWatchState(reader.userId!, title)).toEqual({ watched: true, expiresAt: month.expiresAt });
  });

  it('refuses readers who are not signed in, and special pages', async () => {
    const title = parseTitle(uniqueTitle('Not for anonymous'));
    await expect(watchPage(ANONYMOUS, title, 'infinite')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(list(ANONYMOUS)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const error = await watchPage(await user(), parseTitle('Special:RecentChanges'), 'infinite').catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe('VALIDATION');
  });

  it('a blocked user still keeps their watchlist, as on MediaWiki', async () => {
    const blocked = { ...(await user()), blocked: { reason: 'test', expiresAt: null, sitewide: true, pageIds: [] } };
    const title = parseTitle(uniqueTitle('Watched while blocked'));
    await watchPage(blocked, title, 'infinite');
    expect((await getWatchState(blocked.userId!, title)).watched).toBe(true);
  });
});

describe('automatic watching', () => {
  it('adds pages the user creates and edits, unless their preferences say not to', async () => {
    const author = await user();
    const created = parseTitle(uniqueTitle('Created and watched'));
    await edit(author, created, 'First text.');
    expect((await getWatchState(author.userId!, created)).watched).toBe(true);

    await setPreferences(author, { watchCreations: false, watchEdits: false });
    const other = parseTitle(uniqueTitle('Created unwatched'));
    await edit(author, other, 'Not watched.');
    await edit(author, other, 'Still not watched.');
    expect((await getWatchState(author.userId!, other)).watched).toBe(false);
  });

  it('an edit keeps an existing temporary watch as it is', async () => {
    const author = await user();
    const title = parseTitle(uniqueTitle('Temporarily watched'));
    await edit(author, title, 'One.');
    const { expiresAt } = await watchPage(author, title, '3 months');
    await edit(author, title, 'Two.');
    expect(await getWatchState(author.userId!, title)).toEqual({ watched: true, expiresAt });
  });

  it('a move takes the watchers of the old title to the new one', async () => {
    const author = await user();
    const watcher = await user();
    const from = parseTitle(uniqueTitle('Before the move'));
    const to = parseTitle(uniqueTitle('After the move'));
    await edit(author, from, 'Moving soon.');
    await watchPage(watcher, from, 'infinite');
    await movePage(author, { from, to, reason: 'better name', leaveRedirect: true, moveTalk: true });
    expect((await getWatchState(watcher.userId!, to)).watched).toBe(true);
    expect((await getWatchState(watcher.userId!, from)).watched).toBe(true);
  });
});

describe('Special:Watchlist', () => {
  it('lists others’ changes to watched pages (and their talk pages) as new until the page is visited', async () => {
    const reader = await user();
    const editor = await user();
    const title = parseTitle(uniqueTitle('Followed'));
    const talk = parseTitle(`Talk:${title.text}`);
    const unwatched = parseTitle(uniqueTitle('Not followed'));
    await edit(editor, title, 'Version one.');
    await edit(editor, unwatched, 'Nobody watches this.');
    await watchPage(reader, title, 'infinite');
    const second = await edit(editor, title, 'Version two.');
    const talkRevision = await edit(editor, talk, 'A question.');

    const before = await list(reader);
    expect(before.rows.map((row) => [row.revisionId, row.unseen])).toEqual([
      [talkRevision, true],
      [second, true],
    ]);

    // Visiting the article marks it seen; its talk page keeps its own mark.
    await watchStateForVisit(reader, title, new Date());
    const after = await list(reader);
    expect(after.rows.map((row) => [row.revisionId, row.unseen])).toEqual([
      [talkRevision, true],
      [second, false],
    ]);
    await markAllSeen(reader);
    expect((await list(reader)).rows.every((row) => !row.unseen)).toBe(true);
  });

  it('never marks the viewer’s own edits as new, and hides them on request', async () => {
    const reader = await user();
    const title = parseTitle(uniqueTitle('Own edits'));
    const own = await edit(reader, title, 'Mine.');
    const page = await list(reader);
    expect(page.rows.map((row) => [row.revisionId, row.unseen])).toEqual([[own, false]]);
    expect((await list(reader, { hideOwn: true })).rows).toEqual([]);
  });

  it('shows each page’s latest change unless all changes are asked for, and filters minor edits', async () => {
    const reader = await user();
    const editor = await user();
    const title = parseTitle(uniqueTitle('Many changes'));
    const first = await edit(editor, title, 'One.');
    await watchPage(reader, title, 'infinite');
    const second = await edit(editor, title, 'Two.');
    const minor = await edit(editor, title, 'Two, typo fixed.', { minor: true });
    expect((await list(reader)).rows.map((row) => row.revisionId)).toEqual([minor]);
    expect((await list(reader, { allChanges: true })).rows.map((row) => row.revisionId)).toEqual([minor, second, first]);
    expect((await list(reader, { allChanges: true, hideMinor: true })).rows.map((row) => row.revisionId)).toEqual([second, first]);
    // Only the latest, and it is minor: hiding minor edits leaves nothing for this page (as MediaWiki).
    expect((await list(reader, { hideMinor: true })).rows).toEqual([]);
  });

  it('keeps to the chosen period and leaves out deleted pages', async () => {
    const reader = await user();
    const admin = await user('admin');
    const old = parseTitle(uniqueTitle('Changed long ago'));
    const deleted = parseTitle(uniqueTitle('Deleted later'));
    const oldRevision = await edit(admin, old, 'Ten days ago.');
    await getDb().revision.update({ where: { id: oldRevision }, data: { createdAt: new Date(Date.now() - 10 * 86_400_000) } });
    const gone = await edit(admin, deleted, 'Soon gone.');
    await watchPage(reader, old, 'infinite');
    await watchPage(reader, deleted, 'infinite');
    await deletePage(admin, { title: deleted, reason: 'test', deleteTalk: false, latestRevisionId: gone });
    expect((await list(reader)).rows).toEqual([]);
    expect((await list(reader, { days: 14 })).rows.map((row) => row.revisionId)).toEqual([oldRevision]);
  });

  it('pages through a long watchlist without gaps or repeats', async () => {
    const reader = await user();
    const editor = await user();
    const saved: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const title = parseTitle(uniqueTitle(`Paged ${i}`));
      await watchPage(reader, title, 'infinite');
      saved.push(await edit(editor, title, `Page ${i}.`));
    }
    const first = await getWatchlistChanges(reader, { ...DEFAULTS, limit: 3 });
    const second = await getWatchlistChanges(reader, { ...DEFAULTS, limit: 3, olderThan: first.older! });
    const third = await getWatchlistChanges(reader, { ...DEFAULTS, limit: 3, olderThan: second.older! });
    expect([...first.rows, ...second.rows, ...third.rows].map((row) => row.revisionId)).toEqual([...saved].reverse());
    expect(third.older).toBeNull();
  });
});
