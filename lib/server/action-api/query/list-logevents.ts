import 'server-only';
import type { PrefixedParams } from '@/lib/domain/action-api/params';
import { MAX_LIMIT } from '@/lib/domain/history';
import { LOG_ACTIONS, LOG_TYPES, type LogType } from '@/lib/domain/log';
import type { LogEntryRow } from '@/lib/domain/log-entry-text';
import { getDb } from '@/lib/server/db';
import { findUserByName } from '@/lib/server/history';
import { listLogEntries, type LogQuery } from '@/lib/server/log-list';
import type { ApiContext } from '@/lib/server/action-api/module';
import type { ListModule } from '@/lib/server/action-api/query/types';
import { apiTimestamp, idContinue, mwTimestamp, oneNamespace, TIME_DIRECTIONS, titleParam } from '@/lib/server/action-api/query/list-common';
import { NS } from '@/lib/domain/titles';

/*
 * list=logevents (MediaWiki's ApiQueryLogEvents) over Special:Log's query (lib/server/log-list.ts):
 * keyset on the entry id, "<timestamp>|<logid>" continuation. Not a generator, as in MediaWiki.
 * Every reader sees every entry on Special:Log, so nothing is hidden here either.
 */

const PROPS = ['ids', 'title', 'type', 'user', 'userid', 'timestamp', 'comment', 'parsedcomment', 'details', 'tags'] as const;
const ACTIONS = LOG_TYPES.flatMap((type) => LOG_ACTIONS[type].map((action) => `${type}/${action}`));

export const logEventsList: ListModule = {
  prefix: 'le',
  generator: false,
  async run(_context: ApiContext, params: PrefixedParams) {
    const props = new Set(params.has('prop') ? params.list('prop', PROPS) : ['ids', 'title', 'type', 'user', 'timestamp', 'comment', 'details']);
    const type = params.choice('type', LOG_TYPES);
    const typeAction = params.choice('action', ACTIONS);
    const dir = params.choice('dir', TIME_DIRECTIONS, 'older')!;
    const start = params.timestamp('start');
    const end = params.timestamp('end');
    const limit = params.limit('limit', 10, 500, 5000);
    const fromId = idContinue(params);
    const title = params.has('title') ? titleParam(params, 'title') : undefined;
    const namespace = params.has('namespace') ? oneNamespace(params, 'namespace', NS.MAIN) : undefined;
    const userName = params.string('user');

    const performer = userName ? await findUserByName(userName) : null;
    if (userName && !performer) return { items: [] };
    // As MediaWiki, leaction wins over letype.
    const [actionType, action] = typeAction ? (typeAction.split('/') as [LogType, string]) : [type, undefined];
    const query: Omit<LogQuery, 'limit'> = {
      type: actionType,
      action,
      performerId: performer?.id,
      title,
      namespace,
      notAfter: dir === 'older' ? start : end,
      notBefore: dir === 'older' ? end : start,
    };
    const { rows, next } = await walkLog(query, limit, dir, fromId);
    const pageIds = props.has('ids') ? await currentPageIds(rows) : new Map<string, number>();
    return {
      items: rows.map((row) => item(row, props, pageIds.get(`${row.title.namespace}|${row.title.dbKey}`) ?? 0)),
      ...(next ? { continueWith: { continue: next } } : {}),
    };
  },
};

async function walkLog(query: Omit<LogQuery, 'limit'>, limit: number, dir: 'older' | 'newer', fromId?: number): Promise<{ rows: LogEntryRow[]; next?: string }> {
  const rows: LogEntryRow[] = [];
  let cursor = fromId === undefined ? undefined : dir === 'older' ? fromId + 1 : fromId - 1;
  for (;;) {
    const chunk = Math.min(MAX_LIMIT, limit + 1 - rows.length);
    const page = await listLogEntries({ ...query, limit: chunk, ...(dir === 'older' ? { olderThan: cursor } : { newerThan: cursor ?? 0 }) });
    const batch = dir === 'older' ? page.rows : [...page.rows].reverse();
    rows.push(...batch);
    const more = dir === 'older' ? page.older !== null : page.newer !== null;
    if (rows.length > limit || !more || batch.length === 0) break;
    cursor = batch.at(-1)!.id;
  }
  const following = rows[limit];
  return { rows: rows.slice(0, limit), next: following ? `${mwTimestamp(following.createdAt)}|${following.id}` : undefined };
}

/** MediaWiki's pageid: the page that has the entry's title now (0 when none). */
async function currentPageIds(rows: readonly LogEntryRow[]): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const found = await getDb().page.findMany({
    where: { OR: rows.map((row) => ({ namespace: row.title.namespace, title: row.title.dbKey })), latestRevisionId: { not: null } },
    select: { id: true, namespace: true, title: true },
  });
  return new Map(found.map((page) => [`${page.namespace}|${page.title}`, page.id]));
}

function item(row: LogEntryRow, props: ReadonlySet<string>, pageId: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (props.has('ids')) Object.assign(out, { logid: row.id, pageid: pageId, logpage: pageId });
  if (props.has('title')) Object.assign(out, { ns: row.title.namespace, title: row.title.prefixedText });
  if (props.has('type')) Object.assign(out, { type: row.type, action: row.action });
  if (props.has('details')) out.params = details(row);
  if (props.has('user') && row.performer) out.user = row.performer.name;
  if (props.has('userid') && row.performer) out.userid = row.performer.id;
  if (props.has('timestamp')) out.timestamp = apiTimestamp(row.createdAt);
  if (props.has('comment')) out.comment = row.comment;
  if (props.has('tags')) out.tags = [];
  return out;
}

/** MediaWiki's formatParametersForApi for the types it defines; other entries' params as stored. */
function details(row: LogEntryRow): Record<string, unknown> {
  const p = row.params;
  switch (row.type) {
    case 'move':
      return { target_ns: p.targetNamespace, target_title: p.target, ...(p.noredirect === true ? { suppressredirect: true } : {}) };
    case 'rights':
      return { oldgroups: p.oldGroups ?? [], newgroups: p.newGroups ?? [] };
    case 'newusers':
      return { userid: p.userId };
    default:
      return p;
  }
}
