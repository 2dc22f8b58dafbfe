import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { getDb } from '@/lib/server/db';
import { listChanges, LIVE_REVISIONS, type PagingOptions } from '@/lib/server/history';
import type { Transaction } from '@/lib/server/transaction';
import { assertCan, type Actor } from '@/lib/domain/policy';
import { isTalkNamespace } from '@/lib/domain/talk';
import { isKnownNamespace, makeParsedTitle, type ParsedTitle } from '@/lib/domain/titles';
import type { ChangeRow, ChangesPage } from '@/lib/domain/history';
import { readPreferences } from '@/lib/domain/preferences';
import {
  AUTO_WATCH_PREFERENCE,
  compareTitles,
  isUnseenChange,
  NOT_WATCHED,
  WATCHLIST_HIDE_BOTS_DEFAULT,
  watchedTitleOf,
  watchExpiryDate,
  watchStateOf,
  type AutoWatchReason,
  type WatchExpiry,
  type WatchlistOptions,
  type WatchState,
} from '@/lib/domain/watchlist';

/*
 * The watchlist's data (docs/watchlist.md). Rows are keyed by the SUBJECT title (lib/domain/watchlist
 * reduces every title first); expired rows are ignored by every read and deleted when their owner
 * next changes the watchlist, so no job has to sweep them.
 */

type Client = Transaction | ReturnType<typeof getDb>;

/** Which of the row's two visit times a title's page uses. */
function seenColumn(title: ParsedTitle): Prisma.Sql {
  return isTalkNamespace(title.namespace) ? Prisma.sql`talk_seen_at` : Prisma.sql`seen_at`;
}

/** Whether `userId` watches `title` (or its subject/talk counterpart), and until when. */
export async function getWatchState(userId: number, title: ParsedTitle, client: Client = getDb()): Promise<WatchState> {
  const key = watchedTitleOf(title);
  const rows = await client.$queryRaw<{ expires_at: Date | null }[]>`
    SELECT expires_at FROM watchlist WHERE user_id = ${userId} AND namespace = ${key.namespace} AND title = ${key.dbKey}`;
  return watchStateOf(rows[0] ? { expiresAt: rows[0].expires_at } : null);
}

/**
 * The watch star's state for a page view, which is also the viewer's visit: a watched page whose
 * latest change (`latestChangeAt`) is newer than their last visit is marked seen. The write happens
 * only then, so reading an unchanged page costs one indexed read.
 */
export async function watchStateForVisit(actor: Actor, title: ParsedTitle, latestChangeAt: Date | null): Promise<WatchState | undefined> {
  if (actor.userId === null || title.namespace < 0) return undefined;
  const key = watchedTitleOf(title);
  const seen = seenColumn(title);
  const rows = await getDb().$queryRaw<{ expires_at: Date | null; seen_at: Date }[]>`
    SELECT expires_at, ${seen} AS seen_at FROM watchlist WHERE user_id = ${actor.userId} AND namespace = ${key.namespace} AND title = ${key.dbKey}`;
  const row = rows[0];
  const state = watchStateOf(row ? { expiresAt: row.expires_at } : null);
  if (state.watched && row && latestChangeAt !== null && latestChangeAt.getTime() > row.seen_at.getTime()) {
    await getDb().$executeRaw`
      UPDATE watchlist SET ${seen} = now() WHERE user_id = ${actor.userId} AND namespace = ${key.namespace} AND title = ${key.dbKey}`;
  }
  return state;
}

/** Watches `title` (and its talk page) until `expiry`, or changes an existing watch's expiry. */
export async function watchPage(actor: Actor, title: ParsedTitle, expiry: WatchExpiry, now: Date = new Date()): Promise<WatchState> {
  assertCan(actor, 'editmywatchlist');
  const key = watchedTitleOf(title);
  const expiresAt = watchExpiryDate(expiry, now);
  await getDb().$executeRaw`
    INSERT INTO watchlist (user_id, namespace, title, expires_at, seen_at, talk_seen_at, added_at)
    VALUES (${actor.userId}, ${key.namespace}, ${key.dbKey}, ${expiresAt}, ${now}, ${now}, ${now})
    ON CONFLICT (user_id, namespace, title) DO UPDATE SET expires_at = EXCLUDED.expires_at,
      -- A watch that had expired starts afresh, as a new one would.
      seen_at = CASE WHEN watchlist.expires_at <= ${now} THEN EXCLUDED.seen_at ELSE watchlist.seen_at END,
      talk_seen_at = CASE WHEN watchlist.expires_at <= ${now} THEN EXCLUDED.talk_seen_at ELSE watchlist.talk_seen_at END,
      added_at = CASE WHEN watchlist.expires_at <= ${now} THEN EXCLUDED.added_at ELSE watchlist.added_at END`;
  await removeExpired(actor.userId!, now);
  return { watched: true, expiresAt };
}

export async function unwatchPage(actor: Actor, title: ParsedTitle): Promise<WatchState> {
  assertCan(actor, 'editmywatchlist');
  const key = watchedTitleOf(title);
  await getDb().$executeRaw`DELETE FROM watchlist WHERE user_id = ${actor.userId} AND namespace = ${key.namespace} AND title = ${key.dbKey}`;
  return NOT_WATCHED;
}

async function removeExpired(userId: number, now: Date, client: Client = getDb()): Promise<void> {
  await client.$executeRaw`DELETE FROM watchlist WHERE user_id = ${userId} AND expires_at <= ${now}`;
}

/**
 * Adds `titles` to the author's watchlist when their preference for `reason` says so (MediaWiki's
 * watchcreations, watchdefault, watchmoves, watchuploads), inside the write's transaction. An
 * existing watch keeps its expiry; either way the author has now seen the page as it is.
 */
export async function autoWatch(tx: Transaction, userId: number, titles: readonly ParsedTitle[], reason: AutoWatchReason): Promise<void> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { preferences: true, isSystem: true } });
  if (!user || user.isSystem) return;
  const watch = readPreferences(user.preferences)[AUTO_WATCH_PREFERENCE[reason]];
  for (const title of titles) {
    if (title.namespace < 0) continue;
    const key = watchedTitleOf(title);
    const seen = seenColumn(title);
    if (watch) {
      await tx.$executeRaw`
        INSERT INTO watchlist (user_id, namespace, title) VALUES (${userId}, ${key.namespace}, ${key.dbKey})
        ON CONFLICT (user_id, namespace, title) DO UPDATE SET ${seen} = now(),
          expires_at = CASE WHEN watchlist.expires_at <= now() THEN NULL ELSE watchlist.expires_at END`;
    } else {
      await tx.$executeRaw`UPDATE watchlist SET ${seen} = now() WHERE user_id = ${userId} AND namespace = ${key.namespace} AND title = ${key.dbKey}`;
    }
  }
}

/**
 * A move takes its watchers along, as MediaWiki's WatchedItemStore::duplicateAllAssociatedEntries:
 * everyone watching the old title also watches the new one, with the same expiry.
 */
export async function copyWatchers(tx: Transaction, from: ParsedTitle, to: ParsedTitle): Promise<void> {
  const source = watchedTitleOf(from);
  const target = watchedTitleOf(to);
  if (source.namespace === target.namespace && source.dbKey === target.dbKey) return;
  await tx.$executeRaw`
    INSERT INTO watchlist (user_id, namespace, title, expires_at, seen_at, talk_seen_at, added_at)
    SELECT user_id, ${target.namespace}, ${target.dbKey}, expires_at, seen_at, talk_seen_at, now()
    FROM watchlist WHERE namespace = ${source.namespace} AND title = ${source.dbKey} AND (expires_at IS NULL OR expires_at > now())
    ON CONFLICT (user_id, namespace, title) DO NOTHING`;
}

export interface WatchedTitle {
  title: ParsedTitle;
  expiresAt: Date | null;
  /** Whether the subject page exists (Special:EditWatchlist shows red links for the others). */
  exists: boolean;
}

/** Everything `actor` watches, sorted by namespace and title (Special:EditWatchlist). */
export async function listWatchedTitles(actor: Actor): Promise<WatchedTitle[]> {
  assertCan(actor, 'viewmywatchlist');
  const rows = await getDb().$queryRaw<{ namespace: number; title: string; expires_at: Date | null; exists: boolean }[]>`
    SELECT w.namespace, w.title, w.expires_at,
      EXISTS (SELECT 1 FROM pages p WHERE p.namespace = w.namespace AND p.title = w.title AND p.latest_revision_id IS NOT NULL) AS exists
    FROM watchlist w WHERE w.user_id = ${actor.userId} AND (w.expires_at IS NULL OR w.expires_at > now())`;
  return rows
    .filter((row) => isKnownNamespace(row.namespace))
    .map((row) => ({ title: makeParsedTitle(row.namespace as Parameters<typeof makeParsedTitle>[0], row.title), expiresAt: row.expires_at, exists: row.exists }))
    .sort((a, b) => compareTitles(a.title, b.title));
}

/** Removes `titles` (subject titles) from the watchlist; returns how many were watched. */
export async function unwatchTitles(actor: Actor, titles: readonly ParsedTitle[]): Promise<number> {
  assertCan(actor, 'editmywatchlist');
  const keys = titles.map(watchedTitleOf);
  return getDb().$executeRaw`
    DELETE FROM watchlist w USING unnest(${keys.map((key) => key.namespace)}::int[], ${keys.map((key) => key.dbKey)}::text[]) AS t(namespace, title)
    WHERE w.user_id = ${actor.userId} AND w.namespace = t.namespace AND w.title = t.title`;
}

/**
 * Special:EditWatchlist/raw: the watchlist becomes exactly `titles`, in one transaction. Titles
 * already watched keep their expiry and visit times; new ones are permanent.
 */
export async function replaceWatchlist(actor: Actor, titles: readonly ParsedTitle[]): Promise<{ added: ParsedTitle[]; removed: ParsedTitle[] }> {
  assertCan(actor, 'editmywatchlist');
  const userId = actor.userId!;
  const keys = titles.map(watchedTitleOf);
  const namespaces = keys.map((key) => key.namespace);
  const dbKeys = keys.map((key) => key.dbKey);
  return getDb().$transaction(async (tx) => {
    await removeExpired(userId, new Date(), tx);
    const removed = await tx.$queryRaw<{ namespace: number; title: string }[]>`
      DELETE FROM watchlist w WHERE w.user_id = ${userId}
        AND NOT EXISTS (SELECT 1 FROM unnest(${namespaces}::int[], ${dbKeys}::text[]) AS t(namespace, title) WHERE t.namespace = w.namespace AND t.title = w.title)
      RETURNING w.namespace, w.title`;
    const added = await tx.$queryRaw<{ namespace: number; title: string }[]>`
      INSERT INTO watchlist (user_id, namespace, title)
      SELECT ${userId}, t.namespace, t.title FROM unnest(${namespaces}::int[], ${dbKeys}::text[]) AS t(namespace, title)
      ON CONFLICT (user_id, namespace, title) DO NOTHING
      RETURNING namespace, title`;
    const asTitles = (rows: { namespace: number; title: string }[]) =>
      rows
        .filter((row) => isKnownNamespace(row.namespace))
        .map((row) => makeParsedTitle(row.namespace as Parameters<typeof makeParsedTitle>[0], row.title))
        .sort(compareTitles);
    return { added: asTitles(added), removed: asTitles(removed) };
  });
}

/** A watchlist line: a change, and whether it is new to the viewer since their last visit to that page. */
export type WatchlistRow = ChangeRow & { unseen: boolean };
export type WatchlistPage = Omit<ChangesPage, 'rows'> & { rows: WatchlistRow[] };

/**
 * Special:Watchlist: changes to the pages `actor` watches (subject and talk) within the last
 * `options.days`, newest first, keyset-paged like recent changes, with MediaWiki's filters.
 * Hidden revisions are redacted exactly as on recent changes for this viewer; deleted pages'
 * revisions are left out.
 */
export async function getWatchlistChanges(actor: Actor, options: WatchlistOptions & PagingOptions, now: Date = new Date()): Promise<WatchlistPage> {
  assertCan(actor, 'viewmywatchlist');
  const userId = actor.userId!;
  const since = new Date(now.getTime() - options.days * 86_400_000);
  // The watched pages: subject and talk page as two equality joins on pages' (namespace, title)
  // key. One join on `namespace IN (w.namespace, w.namespace + 1)` could not use that key: it
  // probed all of the user's watchlist rows for every candidate revision (0.3 s for 2,000 watched
  // pages on the benchmark's 100,000 revisions, docs/benchmark.md). Only each page's latest change
  // (MediaWiki's default) is then the set of those pages' latest revisions: at most one per page,
  // however long their histories.
  const watched = Prisma.sql`w.user_id = ${userId} AND (w.expires_at IS NULL OR w.expires_at > ${now})`;
  const column = options.allChanges ? Prisma.sql`wp.id` : Prisma.sql`wp.latest_revision_id`;
  const filters: Prisma.Sql[] = [
    LIVE_REVISIONS,
    Prisma.sql`r.created_at > ${since}`,
    Prisma.sql`${options.allChanges ? Prisma.sql`r.page_id` : Prisma.sql`r.id`} IN (
      SELECT ${column} FROM watchlist w JOIN pages wp ON wp.namespace = w.namespace AND wp.title = w.title WHERE ${watched}
      UNION ALL
      SELECT ${column} FROM watchlist w JOIN pages wp ON wp.namespace = w.namespace + 1 AND wp.title = w.title WHERE ${watched})`,
  ];
  if (options.hideMinor) filters.push(Prisma.sql`NOT r.minor`);
  if (options.hideOwn) filters.push(Prisma.sql`r.author_id <> ${userId}`);
  if (options.hideBots ?? WATCHLIST_HIDE_BOTS_DEFAULT) filters.push(Prisma.sql`NOT r.bot`);
  const changes = await listChanges(filters, options, actor);
  return { ...changes, rows: await withUnseenMarks(userId, changes.rows) };
}

async function withUnseenMarks(userId: number, rows: ChangeRow[]): Promise<WatchlistRow[]> {
  if (rows.length === 0) return [];
  const subjects = rows.map((row) => watchedTitleOf(row.title));
  const seen = await getDb().$queryRaw<{ namespace: number; title: string; seen_at: Date; talk_seen_at: Date }[]>`
    SELECT namespace, title, seen_at, talk_seen_at FROM watchlist
    WHERE user_id = ${userId} AND (namespace, title) IN (SELECT * FROM unnest(${subjects.map((key) => key.namespace)}::int[], ${subjects.map((key) => key.dbKey)}::text[]))`;
  const byKey = new Map(seen.map((row) => [`${row.namespace}:${row.title}`, row]));
  return rows.map((row, index) => {
    const visit = byKey.get(`${subjects[index]!.namespace}:${subjects[index]!.dbKey}`);
    const seenAt = visit ? (isTalkNamespace(row.title.namespace) ? visit.talk_seen_at : visit.seen_at) : null;
    return { ...row, unseen: isUnseenChange({ createdAt: row.createdAt, authorId: row.author.id }, seenAt, userId) };
  });
}

/** "Mark all pages as seen": every watched page counts as visited now. */
export async function markAllSeen(actor: Actor): Promise<void> {
  assertCan(actor, 'viewmywatchlist');
  await getDb().$executeRaw`UPDATE watchlist SET seen_at = now(), talk_seen_at = now() WHERE user_id = ${actor.userId}`;
}

/** How many titles `actor` watches (not counting talk pages, as MediaWiki counts). */
export async function countWatchedTitles(actor: Actor): Promise<number> {
  assertCan(actor, 'viewmywatchlist');
  const rows = await getDb().$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM watchlist WHERE user_id = ${actor.userId} AND (expires_at IS NULL OR expires_at > now())`;
  return Number(rows[0]?.count ?? 0);
}
