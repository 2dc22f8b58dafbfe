import 'server-only';
import { getDb } from '@/lib/server/db';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { MAX_LIMIT } from '@/lib/domain/history';
import type { LogType } from '@/lib/domain/log';
import type { LogEntryRow, LogPage } from '@/lib/domain/log-entry-text';
import { isKnownNamespace, makeParsedTitle, NS, type ParsedTitle } from '@/lib/domain/titles';

export interface LogQuery {
  type?: LogType;
  /** Only entries by this user (the performer). */
  performerId?: number;
  /** Only entries about this page. */
  title?: ParsedTitle;
  /** The Action API's filters (list=logevents): one action of the type, a namespace, a time window. */
  action?: string;
  namespace?: number;
  notBefore?: Date;
  notAfter?: Date;
  limit: number;
  /** Keyset cursors: entry ids, as the history pages' revision ids. */
  olderThan?: number;
  newerThan?: number;
}

function filters(query: LogQuery) {
  return {
    ...(query.type ? { type: query.type } : {}),
    ...(query.performerId !== undefined ? { actorId: query.performerId } : {}),
    ...(query.title ? { namespace: query.title.namespace, title: query.title.dbKey } : {}),
    ...(query.action !== undefined ? { action: query.action } : {}),
    ...(query.namespace !== undefined && !query.title ? { namespace: query.namespace } : {}),
    ...(query.notBefore || query.notAfter ? { createdAt: { ...(query.notBefore ? { gte: query.notBefore } : {}), ...(query.notAfter ? { lte: query.notAfter } : {}) } } : {}),
  };
}

/**
 * Special:Log: entries newest first, filtered by type, performer and page, paged by keyset on the
 * entry id (log_entries has an index per filter, each ending in id DESC), never by OFFSET. Walking
 * newer reads ascending from the cursor and reverses; one extra row says whether there is more.
 */
export async function listLogEntries(query: LogQuery): Promise<LogPage> {
  const { limit, olderThan, newerThan } = query;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new AppError('VALIDATION', errorMessage('history.limit', { max: MAX_LIMIT }));
  }
  if (olderThan !== undefined && newerThan !== undefined) throw new AppError('VALIDATION', errorMessage('history.olderAndNewer'));
  const where = filters(query);
  const walkingNewer = newerThan !== undefined;
  const cursor = walkingNewer ? { id: { gt: newerThan } } : olderThan !== undefined ? { id: { lt: olderThan } } : {};
  const rows = await getDb().logEntry.findMany({
    where: { ...where, ...cursor },
    orderBy: { id: walkingNewer ? 'asc' : 'desc' },
    take: limit + 1,
    select: {
      id: true,
      type: true,
      action: true,
      createdAt: true,
      namespace: true,
      title: true,
      comment: true,
      params: true,
      actor: { select: { id: true, name: true } },
    },
  });
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (walkingNewer) page.reverse();

  // Whether anything lies on the other side of the cursor (nothing is newer than the first page).
  const back = walkingNewer ? { id: { lte: newerThan } } : olderThan !== undefined ? { id: { gte: olderThan } } : null;
  const beyond = back === null ? false : (await getDb().logEntry.findFirst({ where: { ...where, ...back }, select: { id: true } })) !== null;

  const first = page[0]?.id;
  const last = page.at(-1)?.id;
  const hasOlder = walkingNewer ? beyond : more;
  const hasNewer = walkingNewer ? more : beyond;
  return {
    rows: page.map(toRow),
    // On an empty page the links start just beyond the cursor itself, so no entry is skipped.
    older: !hasOlder ? null : (last ?? newerThan! + 1),
    newer: !hasNewer ? null : (first ?? olderThan! - 1),
  };
}

function toRow(row: {
  id: number;
  type: string;
  action: string;
  createdAt: Date;
  namespace: number;
  title: string;
  comment: string;
  params: unknown;
  actor: { id: number; name: string } | null;
}): LogEntryRow {
  const params = typeof row.params === 'object' && row.params !== null && !Array.isArray(row.params) ? (row.params as Record<string, unknown>) : {};
  return {
    id: row.id,
    type: row.type,
    action: row.action,
    createdAt: row.createdAt,
    performer: row.actor,
    title: makeParsedTitle(isKnownNamespace(row.namespace) ? row.namespace : NS.MAIN, row.title),
    comment: row.comment,
    params,
  };
}
