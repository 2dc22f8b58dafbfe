import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { getDb } from '@/lib/server/db';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { usernameKey } from '@/lib/domain/accounts';
import { MAX_LIMIT, type ChangeRow, type ChangesPage } from '@/lib/domain/history';
import { isKnownNamespace, makeParsedTitle, type ParsedTitle } from '@/lib/domain/titles';
import type { UserSummary } from '@/lib/domain/wiki';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { HIDDEN_BITS, mayViewDeleted, redactSummaryAndAuthor, revisionMarks } from '@/lib/domain/visibility';

export type { ChangeRow, ChangesPage } from '@/lib/domain/history';

/**
 * Lists of revisions: a page's history, Special:RecentChanges and Special:Contributions.
 *
 * Every list is ordered by revision id and paged by KEYSET (`id < cursor` / `id > cursor`), never
 * by OFFSET: the database walks an index from the cursor and stops after `limit + 1` rows, so the
 * 1000th page costs what the first does, and rows saved meanwhile neither shift nor repeat rows
 * on the pages a reader is turning. Each call is one SQL statement: the rows, plus (when a cursor
 * was given) an EXISTS probe at the cursor that says whether there is anything on its other side.
 *
 * Why revision id order is time order here: the id comes from the revisions sequence in the very
 * INSERT that stores the revision, and created_at is stamped for that same INSERT (Prisma fills
 * `@default(now())` from the app server's clock when it sends the statement), inside the save
 * transaction that holds the page row's lock (lib/server/save-page.ts). So within one page, saves
 * are serialized and a page's ids, its parent chain and its timestamps all agree. Across pages,
 * two saves running at the same moment may commit in the opposite order of their ids, but only
 * within the few milliseconds their transactions overlap, below the minute precision shown on
 * screen. Ordering by id rather than created_at is also the safer choice: ids are unique (a
 * timestamp with millisecond precision can tie, and would need a tie-breaker in every cursor),
 * never affected by clock skew between app servers, and served directly by the primary-key index.
 * The one consequence of commit order differing from id order: a revision committed just after a
 * reader loaded a page of recent changes can carry an id below the `newer` cursor, so paging newer
 * skips it; the first page always shows it.
 */

export interface PagingOptions {
  /** Rows per page, 1…500. */
  limit: number;
  /** Only revisions with a smaller id (the next older page). */
  olderThan?: number;
  /** Only revisions with a larger id (the next newer page). */
  newerThan?: number;
}

export interface HistoryOptions extends PagingOptions {
  /** Only minor edits. */
  minorOnly?: boolean;
  /** Only one kind of edit (MediaWiki's REST history filters); see historyFilter. */
  only?: HistoryFilter;
}

export type HistoryFilter = 'minor' | 'bot' | 'reverted' | 'anonymous';

/**
 * Authors that are IP addresses (anonymous edits, lib/server/users.ts anonymousAuthorId): names
 * shaped as accounts.ts looksLikeIpAddress says, which no account can register. No password and
 * no system account, so that nothing but those rows can match.
 */
export const ANONYMOUS_AUTHOR = Prisma.sql`EXISTS (SELECT 1 FROM users au WHERE au.id = r.author_id AND au.password_hash IS NULL AND NOT au.is_system
  AND (au.name ~* '^[0-9]{1,3}[.][0-9]{1,3}[.][0-9]{1,3}[.]([0-9]{1,3}|xxx)$' OR (au.name LIKE '%:%' AND au.name ~* '^[0-9a-f:.]+$')))`;

/**
 * The condition of a history filter. As MediaWiki's PageHistoryHandler, the author filters leave
 * out edits whose author is hidden from the reader: listing them would tell who made them.
 */
export function historyFilter(filter: HistoryFilter, viewer: Actor): Prisma.Sql[] {
  const authorVisible = mayViewDeleted(viewer) ? [] : [Prisma.sql`r.hidden & ${HIDDEN_BITS.author} = 0`];
  switch (filter) {
    case 'minor':
      return [Prisma.sql`r.minor`];
    case 'reverted':
      // MediaWiki's revert tags (mw-rollback, mw-undo) mark the reverting edit, not the ones it took back.
      return [Prisma.sql`r.reverts`];
    case 'bot':
      return [Prisma.sql`r.bot`, ...authorVisible];
    case 'anonymous':
      return [ANONYMOUS_AUTHOR, ...authorVisible];
  }
}

export interface RecentChangesOptions extends PagingOptions {
  hideMinor?: boolean;
  /** Leave out this user's edits ("Hide my edits"). */
  hideUserId?: number;
  /** Only page creations. */
  onlyNew?: boolean;
  /**
   * Bots' edits are left out unless true (MediaWiki's hidebots=1 default on Special:RecentChanges
   * and its feed; the Action API's rcshow=bot/!bot sets it explicitly).
   */
  includeBots?: boolean;
  /** Only bots' edits (rcshow=bot); implies includeBots. */
  onlyBots?: boolean;
}

interface ChangeQueryRow {
  id: number;
  page_id: number;
  parent_id: number | null;
  namespace: number;
  title: string;
  created_at: Date;
  author_id: number;
  author_name: string;
  summary: string;
  minor: boolean;
  size: number;
  parent_size: number | null;
  is_latest: boolean;
  hidden: number;
  bot: boolean;
}

/**
 * Lists show the live wiki: revisions archived by a page deletion are left out for everyone (an
 * administrator finds them on Special:Undelete), as MediaWiki removes a deleted page's changes.
 */
export const LIVE_REVISIONS = Prisma.sql`NOT r.archived`;

/** A page's history, newest first. */
export async function getPageHistory(pageId: number, options: HistoryOptions, viewer: Actor = ANONYMOUS): Promise<ChangesPage> {
  const filters = [Prisma.sql`r.page_id = ${pageId}`, LIVE_REVISIONS];
  if (options.minorOnly) filters.push(Prisma.sql`r.minor`);
  if (options.only) filters.push(...historyFilter(options.only, viewer));
  return listChanges(filters, options, viewer);
}

/** Every page's edits, newest first (Special:RecentChanges). */
export async function getRecentChanges(options: RecentChangesOptions, viewer: Actor = ANONYMOUS): Promise<ChangesPage> {
  const filters: Prisma.Sql[] = [LIVE_REVISIONS];
  if (options.hideMinor) filters.push(Prisma.sql`NOT r.minor`);
  if (options.hideUserId !== undefined) filters.push(Prisma.sql`r.author_id <> ${options.hideUserId}`);
  if (options.onlyNew) filters.push(Prisma.sql`r.parent_id IS NULL`);
  if (options.onlyBots) filters.push(Prisma.sql`r.bot`);
  else if (!options.includeBots) filters.push(Prisma.sql`NOT r.bot`);
  return listChanges(filters, options, viewer);
}

/** One user's edits, newest first (Special:Contributions); edits whose author was hidden only for administrators. */
export async function getContributions(userId: number, options: PagingOptions, viewer: Actor = ANONYMOUS): Promise<ChangesPage> {
  const filters = [Prisma.sql`r.author_id = ${userId}`, LIVE_REVISIONS];
  if (!mayViewDeleted(viewer)) filters.push(Prisma.sql`r.hidden & ${HIDDEN_BITS.author} = 0`);
  return listChanges(filters, options, viewer);
}

/** The account with this name, spelled in any way that normalizes to it ("foo_bar" → "Foo bar"). */
export async function findUserByName(name: string): Promise<UserSummary | null> {
  const key = usernameKey(name);
  if (key === '') return null;
  return getDb().user.findUnique({ where: { nameKey: key }, select: { id: true, name: true } });
}

/** The page a history belongs to, or null when the title does not exist. */
export async function findHistoryPage(title: ParsedTitle): Promise<{ id: number; latestRevisionId: number } | null> {
  const page = await getDb().page.findUnique({
    where: { namespace_title: { namespace: title.namespace, title: title.dbKey } },
    select: { id: true, latestRevisionId: true },
  });
  return page?.latestRevisionId ? { id: page.id, latestRevisionId: page.latestRevisionId } : null;
}

/** The page a history belongs to with its latest revision's time (REST's Last-Modified), or null. */
export async function findHistoryPageWithTime(title: ParsedTitle): Promise<{ id: number; latestRevisionId: number; latestRevisionAt: Date } | null> {
  const page = await getDb().page.findUnique({
    where: { namespace_title: { namespace: title.namespace, title: title.dbKey } },
    select: { id: true, latestRevision: { select: { id: true, createdAt: true } } },
  });
  const latest = page?.latestRevision;
  return page && latest ? { id: page.id, latestRevisionId: latest.id, latestRevisionAt: latest.createdAt } : null;
}

function assertPaging(options: PagingOptions): void {
  if (!Number.isSafeInteger(options.limit) || options.limit < 1 || options.limit > MAX_LIMIT) {
    throw new AppError('VALIDATION', errorMessage('history.limit', { max: MAX_LIMIT }));
  }
  // newerThan 0: from the very first revision (the Action API's dir=newer without a cursor).
  for (const [cursor, min] of [
    [options.olderThan, 1],
    [options.newerThan, 0],
  ] as const) {
    if (cursor !== undefined && (!Number.isSafeInteger(cursor) || cursor < min)) {
      throw new AppError('VALIDATION', errorMessage('history.pagingCursor'));
    }
  }
  if (options.olderThan !== undefined && options.newerThan !== undefined) {
    throw new AppError('VALIDATION', errorMessage('history.olderAndNewer'));
  }
}

/**
 * The shared keyset query, one statement. Walking newer (`newerThan`) reads ascending from the
 * cursor and reverses, so both directions stop after limit + 1 index entries; the extra row says
 * whether there is more in the walking direction. The other direction is known without looking on
 * the first page (nothing is newer than the newest) and otherwise is an EXISTS probe at the cursor,
 * evaluated in the same statement (the probe row is LEFT JOINed, so it comes back even when the
 * page is empty). `filters` refer to the revision as `r` only: the probe has no other table.
 */
export async function listChanges(filters: Prisma.Sql[], options: PagingOptions, viewer: Actor): Promise<ChangesPage> {
  assertPaging(options);
  const { limit, olderThan, newerThan } = options;
  const walkingNewer = newerThan !== undefined;
  const direction = walkingNewer ? Prisma.sql`ASC` : Prisma.sql`DESC`;

  // ::bigint: a cursor beyond the int4 range ("older=99999999999") must mean "before everything
  // newer than that", not fail the query; int4/int8 comparisons still use the indexes.
  const where = [...filters];
  let beyond = Prisma.sql`false`;
  if (olderThan !== undefined) {
    where.push(Prisma.sql`r.id < ${olderThan}::bigint`);
    beyond = Prisma.sql`EXISTS (SELECT 1 FROM revisions r ${conditions([...filters, Prisma.sql`r.id >= ${olderThan}::bigint`])})`;
  }
  if (newerThan !== undefined) {
    where.push(Prisma.sql`r.id > ${newerThan}::bigint`);
    beyond = Prisma.sql`EXISTS (SELECT 1 FROM revisions r ${conditions([...filters, Prisma.sql`r.id <= ${newerThan}::bigint`])})`;
  }

  const fetched = await getDb().$queryRaw<(Partial<ChangeQueryRow> & { beyond_cursor: boolean })[]>`
    WITH probe AS (SELECT ${beyond} AS beyond_cursor),
    listed AS (
      SELECT r.id, r.page_id, parent.id AS parent_id, p.namespace, p.title, r.created_at,
             r.author_id, u.name AS author_name, r.summary, r.minor, r.size, r.hidden, r.bot,
             parent.size AS parent_size, (p.latest_revision_id = r.id) AS is_latest
      FROM revisions r
      JOIN pages p ON p.id = r.page_id
      JOIN users u ON u.id = r.author_id
      -- A recreated page's first revision has an archived parent: listed as a creation, like on MediaWiki.
      LEFT JOIN revisions parent ON parent.id = r.parent_id AND NOT parent.archived
      ${conditions(where)}
      ORDER BY r.id ${direction}
      LIMIT ${limit + 1}
    )
    SELECT listed.*, probe.beyond_cursor FROM probe LEFT JOIN listed ON true
    ORDER BY listed.id ${direction}`;

  // Is there anything on the far side of the cursor we came from?
  const beyondCursor = fetched[0]?.beyond_cursor === true;
  const listed = fetched.filter((row): row is ChangeQueryRow & { beyond_cursor: boolean } => row.id !== null && row.id !== undefined);
  const more = listed.length > limit;
  const page = listed.slice(0, limit);
  if (walkingNewer) page.reverse();
  const viewDeleted = mayViewDeleted(viewer);
  const rows = page.map((row) => toChangeRow(row, viewDeleted));

  const newest = rows[0]?.revisionId;
  const oldest = rows.at(-1)?.revisionId;
  if (walkingNewer) {
    return {
      rows,
      newer: more && newest !== undefined ? newest : null,
      // Nothing shown: the older page starts at the cursor itself (id < cursor + 1).
      older: beyondCursor ? (oldest ?? newerThan + 1) : null,
    };
  }
  return {
    rows,
    older: more && oldest !== undefined ? oldest : null,
    // Nothing shown: the newer page starts at the cursor itself (id > cursor − 1). For cursor 1 that
    // would be 0, which is no revision id: null, and the view's "newest" link leads back instead.
    newer: beyondCursor ? (newest ?? (olderThan !== undefined && olderThan > 1 ? olderThan - 1 : null)) : null,
  };
}

function conditions(where: Prisma.Sql[]): Prisma.Sql {
  return where.length === 0 ? Prisma.empty : Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}`;
}

function toChangeRow(row: ChangeQueryRow, viewDeleted: boolean): ChangeRow {
  const namespace = Number(row.namespace);
  if (!isKnownNamespace(namespace)) {
    throw new AppError('INTERNAL', `Page ${row.page_id} is in unknown namespace ${namespace}`);
  }
  const size = Number(row.size);
  const isCreation = row.parent_id === null;
  const change: ChangeRow = {
    revisionId: Number(row.id),
    pageId: Number(row.page_id),
    parentId: row.parent_id === null ? null : Number(row.parent_id),
    title: makeParsedTitle(namespace, row.title),
    createdAt: new Date(row.created_at),
    author: { id: Number(row.author_id), name: row.author_name },
    summary: row.summary,
    minor: row.minor,
    size,
    // A parent always exists (revisions are never deleted); 0 keeps the type honest if one ever is.
    delta: isCreation ? size : size - Number(row.parent_size ?? 0),
    isCreation,
    isLatest: row.is_latest === true,
    ...(row.bot === true ? { bot: true } : {}),
  };
  const hidden = Number(row.hidden);
  if (hidden === 0) return change;
  const marks = revisionMarks({ hidden, archived: false }, viewDeleted)!;
  return { ...redactSummaryAndAuthor(change, marks), visibility: marks };
}
