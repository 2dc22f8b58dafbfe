import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { ApiError } from '@/lib/domain/action-api/errors';
import type { PrefixedParams } from '@/lib/domain/action-api/params';
import { DEFAULT_REVISION_PROPS, REVISION_PROPS, revisionObject } from '@/lib/domain/action-api/revision-object';
import { HIDDEN_BITS, mayViewDeleted } from '@/lib/domain/visibility';
import type { ChangeRow } from '@/lib/domain/history';
import { findUserByName, LIVE_REVISIONS, listChanges } from '@/lib/server/history';
import { existingPages } from '@/lib/server/action-api/query/pageset';
import { revisionExtras } from '@/lib/server/action-api/query/page-rows';
import type { ApiContext } from '@/lib/server/action-api/module';
import type { PropModule, QueryPageResult } from '@/lib/server/action-api/query/types';
import { isStorableId } from '@/lib/domain/database-integer';

/*
 * prop=revisions (MediaWiki's ApiQueryRevisions). Two modes as MediaWiki's: without the list
 * options, the latest revision of each page (or the revisions revids= named); with them
 * (rvlimit, rvstart/rvend, rvstartid/rvendid, rvdir=newer, rvuser, rvexcludeuser) one page's
 * history. Rows come from the history's own query (lib/server/history.ts listChanges), so
 * archived revisions never appear and hidden parts are withheld exactly as on the history page.
 */

const ENUM_PARAMS = ['limit', 'startid', 'endid', 'start', 'end', 'user', 'excludeuser'] as const;
/** MediaWiki's limits: 50 (500 for bots and administrators) with content, else 500 (the history query's cap). */
const CONTENT_LIMIT = 50;
const CONTENT_LIMIT_HIGH = 500;
const LIMIT = 500;

function mwTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function continueOf(row: ChangeRow): string {
  return `${mwTimestamp(row.createdAt)}|${row.revisionId}`;
}

/** rvcontinue: "<timestamp>|<revid>" in enumeration mode (MediaWiki's), a revision id otherwise. */
function continueRevision(params: PrefixedParams): number | undefined {
  const raw = params.string('continue');
  if (raw === undefined || raw === '') return undefined;
  const match = /^(?:\d{14}\|)?(\d{1,10})$/.exec(raw.trim());
  if (!match || !isStorableId(Number(match[1])))
    throw new ApiError('badcontinue', 'Invalid continue param. You should pass the original value returned by the previous query.', { module: 'revisions' });
  return Number(match[1]);
}

async function listed(
  context: ApiContext,
  filters: Prisma.Sql[],
  direction: 'older' | 'newer',
  from: number | undefined,
  limit: number,
): Promise<{ rows: ChangeRow[]; next?: ChangeRow }> {
  const viewer = context.session.actor;
  const cursor = direction === 'older' ? { olderThan: from === undefined ? undefined : from + 1 } : { newerThan: from === undefined ? 0 : from - 1 };
  const page = await listChanges([LIVE_REVISIONS, ...filters], { limit, ...cursor }, viewer);
  const rows = direction === 'newer' ? [...page.rows].reverse() : page.rows;
  const more = direction === 'older' ? page.older : page.newer;
  if (more === null || rows.length === 0) return { rows };
  // The first revision of the next batch: MediaWiki's rvcontinue names it (inclusive).
  const last = rows.at(-1)!.revisionId;
  const after = await listChanges([LIVE_REVISIONS, ...filters], { limit: 1, ...(direction === 'older' ? { olderThan: last } : { newerThan: last }) }, viewer);
  return { rows, next: after.rows[0] };
}

async function userFilter(context: ApiContext, params: PrefixedParams): Promise<Prisma.Sql[] | null> {
  const given = params.atMostOne('user', 'excludeuser');
  if (given === undefined) return [];
  // atMostOne names the parameter in full ("rvuser").
  const which = given === params.name('user') ? 'user' : 'excludeuser';
  const user = await findUserByName(params.string(which) ?? '');
  const authorVisible = mayViewDeleted(context.session.actor) ? [] : [Prisma.sql`r.hidden & ${HIDDEN_BITS.author} = 0`];
  if (which === 'user') return user ? [Prisma.sql`r.author_id = ${user.id}`, ...authorVisible] : null;
  return user ? [Prisma.sql`r.author_id <> ${user.id}`] : [];
}

export const revisionsProp: PropModule = {
  prefix: 'rv',
  async run(context, params, pages) {
    const props = new Set<string>(params.has('prop') ? params.list('prop', REVISION_PROPS) : DEFAULT_REVISION_PROPS);
    const slotsAsked = params.list('slots');
    const slots = slotsAsked.length > 0;
    if (slotsAsked.some((slot) => slot !== 'main' && slot !== '*')) {
      context.warn({
        code: 'unrecognizedvalues',
        text: `Unrecognized value for parameter "rvslots": ${slotsAsked.filter((s) => s !== 'main' && s !== '*').join(', ')}. This wiki's pages have one slot, "main".`,
        module: 'revisions',
      });
    }
    if (props.has('content') && !slots) {
      context.warn({
        code: 'deprecation',
        text: 'Because "rvslots" was not specified, a legacy format has been used for the output. This format is deprecated, and in the future the new format will always be used.',
        module: 'revisions',
      });
    }
    const withContent = props.has('content');
    const direction = params.choice('dir', ['older', 'newer'] as const, 'older')!;
    const enumMode = ENUM_PARAMS.some((name) => params.has(name)) || direction === 'newer';
    const targets = existingPages(pages);
    const fromContinue = continueRevision(params);

    let rows: ChangeRow[];
    let stopAt: string | undefined;
    if (enumMode) {
      const names = ENUM_PARAMS.map((name) => params.name(name)).join('", "');
      if (targets.some(({ set }) => set.revids !== undefined)) {
        throw new ApiError('invalidparammix', `The "revids" parameter may not be used with the list options ("${names}" and "${params.name('dir')}=newer").`, {
          module: 'revisions',
        });
      }
      if (targets.length > 1) {
        throw new ApiError(
          'invalidparammix',
          `"titles", "pageids" or a generator was used to supply multiple pages, but the "${names}" and "${params.name('dir')}=newer" parameters may only be used on a single page.`,
          { module: 'revisions' },
        );
      }
      const limit = params.limit('limit', 10, withContent ? CONTENT_LIMIT : LIMIT, withContent ? CONTENT_LIMIT_HIGH : LIMIT);
      params.atMostOne('startid', 'start');
      params.atMostOne('endid', 'end');
      const target = targets[0];
      const users = await userFilter(context, params);
      if (!target || users === null) return undefined;
      const filters = [Prisma.sql`r.page_id = ${target.row.id}`, ...users];
      const [start, end] = [params.timestamp('start'), params.timestamp('end')];
      const [startId, endId] = [params.integer('startid', { min: 0 }), params.integer('endid', { min: 0 })];
      const older = direction === 'older';
      if (start) filters.push(older ? Prisma.sql`r.created_at <= ${start}` : Prisma.sql`r.created_at >= ${start}`);
      if (end) filters.push(older ? Prisma.sql`r.created_at >= ${end}` : Prisma.sql`r.created_at <= ${end}`);
      if (endId !== undefined) filters.push(older ? Prisma.sql`r.id >= ${endId}` : Prisma.sql`r.id <= ${endId}`);
      const result = await listed(context, filters, direction, fromContinue ?? startId, limit);
      rows = result.rows;
      if (result.next) stopAt = continueOf(result.next);
      await attach(rows, target.page, props, slots, withContent);
      return stopAt ? { continue: stopAt } : undefined;
    }

    // One revision per page (or those revids= named), in revision id order so that rvcontinue can resume.
    const wanted = targets
      .flatMap(({ page, set }) => (set.revids ?? [set.lastrevid!]).map((id) => ({ id, page })))
      .filter(({ id }) => fromContinue === undefined || id >= fromContinue)
      .sort((a, b) => a.id - b.id);
    const max = withContent ? (params.highLimits ? CONTENT_LIMIT_HIGH : CONTENT_LIMIT) : LIMIT;
    const batch = wanted.slice(0, max);
    if (wanted.length > max) stopAt = String(wanted[max]!.id);
    if (batch.length === 0) return undefined;
    const page = await listChanges([LIVE_REVISIONS, Prisma.sql`r.id IN (${Prisma.join(batch.map(({ id }) => id))})`], { limit: batch.length }, context.session.actor);
    const byId = new Map(page.rows.map((row) => [row.revisionId, row]));
    for (const target of targets) {
      const own = batch
        .filter(({ page: p }) => p === target.page)
        .map(({ id }) => byId.get(id))
        .filter((row): row is ChangeRow => row !== undefined);
      if (own.length > 0) await attach(own, target.page, props, slots, withContent);
    }
    return stopAt ? { continue: stopAt } : undefined;
  },
};

async function attach(rows: ChangeRow[], page: QueryPageResult, props: ReadonlySet<string>, slots: boolean, withContent: boolean): Promise<void> {
  if (rows.length === 0) return;
  const extras = await revisionExtras(
    rows.map((row) => row.revisionId),
    withContent,
  );
  const existing = (page.revisions as unknown[] | undefined) ?? [];
  page.revisions = [
    ...existing,
    ...rows.map((row) => {
      const extra = extras.get(row.revisionId);
      return revisionObject(
        {
          id: row.revisionId,
          parentId: row.parentId,
          minor: row.minor,
          author: row.author,
          createdAt: row.createdAt,
          size: row.size,
          sha1: extra?.sha1 ?? '',
          summary: row.summary,
          text: row.visibility?.withheld.text ? null : (extra?.text ?? null),
          reverted: extra?.reverted ?? false,
          visibility: row.visibility,
        },
        props,
        slots,
      );
    }),
  ];
}
