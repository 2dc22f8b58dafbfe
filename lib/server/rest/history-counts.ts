import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from '@/lib/domain/policy';
import type { ParsedTitle } from '@/lib/domain/titles';
import { HIDDEN_BITS, mayViewDeleted } from '@/lib/domain/visibility';
import { getDb } from '@/lib/server/db';
import { findHistoryPageWithTime, historyFilter, LIVE_REVISIONS } from '@/lib/server/history';
import { credentialsFromRequest } from '@/lib/server/session';
import { conditionalJson, latestOf } from '@/lib/server/rest/conditional';
import { RestError, restErrorResponse } from '@/lib/server/rest/errors';
import { restPageUrl } from '@/lib/server/rest/http';
import { parsePageHistoryCountsPath } from '@/lib/server/rest/paths';
import { isStorableId } from '@/lib/domain/database-integer';

/*
 * GET /w/rest.php/v1/page/{title}/history/counts/{type}, as MediaWiki's PageHistoryCountHandler:
 * { count, limit }, the count capped per type (limit: true when it was), optional from/to
 * revision ids for edits and editors (the revisions strictly between them, in either order).
 * Archived revisions are not counted; a revision whose text is hidden is not counted either, and
 * the author filters also skip hidden authors, exactly where MediaWiki's queries do.
 */

/** PageHistoryCountHandler::COUNT_LIMITS. */
const COUNT_LIMITS = { anonymous: 10_000, bot: 10_000, editors: 25_000, edits: 30_000, minor: 1_000, reverted: 30_000 } as const;
type CountType = keyof typeof COUNT_LIMITS;

/** Old names MediaWiki still answers, with a Deprecation header pointing to the new ones. */
const DEPRECATED_TYPES: Record<string, CountType> = { anonedits: 'anonymous', botedits: 'bot', revertededits: 'reverted' };

const TYPES = [...Object.keys(COUNT_LIMITS), ...Object.keys(DEPRECATED_TYPES)];
const TEXT_VISIBLE = Prisma.sql`r.hidden & ${HIDDEN_BITS.text} = 0`;

function badParameter(errorKey: string, message: string, field: string): RestError {
  return new RestError('VALIDATION', errorKey, message, { fieldErrors: { [field]: message } });
}

function parseType(raw: string): { type: CountType; deprecated: boolean } {
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // Malformed percent-encoding is no type name either: answered below.
  }
  if (name in COUNT_LIMITS) return { type: name as CountType, deprecated: false };
  const renamed = DEPRECATED_TYPES[name];
  if (renamed) return { type: renamed, deprecated: true };
  const message = `The count type must be one of ${TYPES.map((t) => `"${t}"`).join(', ')}, not ${JSON.stringify(name.slice(0, 50))}.`;
  throw badParameter('paramvalidator-badvalue-enumnotmulti', message, 'type');
}

function parseRevisionParam(params: URLSearchParams, name: 'from' | 'to'): number | null {
  const raw = params.get(name);
  if (raw === null) return null;
  if (!/^[+-]?\d{1,30}$/u.test(raw.trim())) {
    throw badParameter('paramvalidator-badinteger', `"${name}" must be a revision id (a whole number), not ${JSON.stringify(raw.slice(0, 50))}.`, name);
  }
  return Number(raw.trim());
}

/** As MediaWiki: from/to only for edits and editors, and then both of them (checked before the page is looked up). */
function parseBounds(type: CountType, params: URLSearchParams): { from: number; to: number } | null {
  const from = parseRevisionParam(params, 'from');
  const to = parseRevisionParam(params, 'to');
  if (!from && !to) return null;
  if (type !== 'edits' && type !== 'editors') {
    throw new RestError(
      'VALIDATION',
      'rest-pagehistorycount-parameters-invalid',
      `"from" and "to" can only be given with the count types "edits" and "editors", not "${type}".`,
    );
  }
  if (!from || !to) throw new RestError('VALIDATION', 'rest-pagehistorycount-parameters-invalid', 'Give both "from" and "to" (two revision ids of the page), or neither.');
  return { from, to };
}

/** A bound must be a live revision of this page (MediaWiki: 404 rest-nonexistent-revision). */
async function boundRevision(pageId: number, id: number): Promise<number> {
  const found = isStorableId(id) && (await getDb().revision.findFirst({ where: { id, pageId, archived: false }, select: { id: true } }));
  if (!found) throw new RestError('NOT_FOUND', 'rest-nonexistent-revision', `There is no revision ${id} of this page to count from or to.`);
  return id;
}

function conditions(type: CountType, pageId: number, viewer: Actor): Prisma.Sql[] {
  const base = [Prisma.sql`r.page_id = ${pageId}`, LIVE_REVISIONS];
  switch (type) {
    case 'edits':
      return [...base, TEXT_VISIBLE];
    case 'editors':
      // MediaWiki's countAuthorsBetween: an author hidden from the reader is not counted.
      return mayViewDeleted(viewer) ? base : [...base, Prisma.sql`r.hidden & ${HIDDEN_BITS.author} = 0`];
    case 'anonymous':
    case 'bot':
      // getAnonCount / getBotCount: neither text nor author hidden, for every reader.
      return [...base, Prisma.sql`r.hidden & ${HIDDEN_BITS.text | HIDDEN_BITS.author} = 0`, ...historyFilter(type, viewer)];
    case 'minor':
    case 'reverted':
      return [...base, TEXT_VISIBLE, ...historyFilter(type, viewer)];
  }
}

/** Counts at most limit + 1 rows (to know whether the cap was reached), as MediaWiki's queries. */
async function count(type: CountType, pageId: number, viewer: Actor, bounds: { from: number; to: number } | null): Promise<number> {
  const where = conditions(type, pageId, viewer);
  if (bounds) {
    const [low, high] = bounds.from < bounds.to ? [bounds.from, bounds.to] : [bounds.to, bounds.from];
    where.push(Prisma.sql`r.id > ${low} AND r.id < ${high}`);
  }
  const selected = type === 'editors' ? Prisma.sql`DISTINCT r.author_id` : Prisma.sql`1`;
  const rows = await getDb().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (SELECT ${selected} FROM revisions r WHERE ${Prisma.join(where, ' AND ')} LIMIT ${COUNT_LIMITS[type] + 1}) counted`;
  return Number(rows[0]?.n ?? 0);
}

/** The latest change that can alter a count: a new revision, or a logged action on the page (revision hiding, deletion). */
async function lastModified(title: ParsedTitle, latestRevisionAt: Date): Promise<Date | null> {
  const logged = await getDb().logEntry.aggregate({ where: { namespace: title.namespace, title: title.dbKey }, _max: { createdAt: true } });
  return latestOf(latestRevisionAt, logged._max.createdAt);
}

export async function getHistoryCount(request: Request): Promise<Response> {
  try {
    const path = parsePageHistoryCountsPath(request);
    if (!path) throw new RestError('NOT_FOUND', 'rest-no-match', 'History counts are at /w/rest.php/v1/page/{title}/history/counts/{type}.');
    const { title, canonical } = path;
    const url = new URL(request.url);
    const { type, deprecated } = parseType(path.type);
    const bounds = parseBounds(type, url.searchParams);
    if (!canonical) {
      const target = `${restPageUrl(request, title, `/history/counts/${type}`)}${url.search}`;
      return new Response(null, { status: 301, headers: { location: target, 'cache-control': 'no-cache' } });
    }
    const page = await findHistoryPageWithTime(title);
    if (!page) throw new RestError('NOT_FOUND', 'rest-nonexistent-title', `The page "${title.prefixedText}" does not exist, so it has no history to count.`);
    const checked = bounds && { from: await boundRevision(page.id, bounds.from), to: await boundRevision(page.id, bounds.to) };
    const { actor } = await credentialsFromRequest(request);
    const n = await count(type, page.id, actor, checked);
    const cap = COUNT_LIMITS[type];
    const headers: Record<string, string> = deprecated
      ? { deprecation: 'version="v1"', link: '<https://www.mediawiki.org/wiki/API:REST/History_API#Get_page_history_counts>; rel="deprecation"' }
      : {};
    // No ETag, as MediaWiki: Last-Modified (revisions and the page's log) is the validator.
    return conditionalJson(request, { count: Math.min(n, cap), limit: n > cap }, 'counts', await lastModified(title, page.latestRevisionAt), { etag: false, headers });
  } catch (error) {
    return restErrorResponse(error, request);
  }
}
