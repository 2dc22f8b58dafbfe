import 'server-only';
import type { ParsedTitle } from '@/lib/domain/titles';
import type { ChangeRow } from '@/lib/domain/history';
import { getDb } from '@/lib/server/db';
import { findHistoryPageWithTime, getPageHistory, type HistoryFilter } from '@/lib/server/history';
import { credentialsFromRequest } from '@/lib/server/session';
import { RestError, restErrorResponse } from '@/lib/server/rest/errors';
import { restPageUrl } from '@/lib/server/rest/http';
import { conditionalJson } from '@/lib/server/rest/conditional';
import { mediaWikiTimestamp } from '@/lib/server/rest/page-object';
import { parsePageHistoryPath } from '@/lib/server/rest/paths';
import { restUser, type RestUser } from '@/lib/server/rest/revision';
import { MAX_DATABASE_INTEGER } from '@/lib/domain/database-integer';

/**
 * GET /w/rest.php/v1/page/{title}/history, as MediaWiki's PageHistoryHandler
 * (https://www.mediawiki.org/wiki/API:REST_API/Reference#Get_page_history): 20 revisions newest
 * first, paged by revision id with `older_than` / `newer_than`, and the addresses of the newest,
 * next older and next newer page of results. `older` / `newer` are left out when there is nothing
 * more in that direction, so a client can follow them until they disappear.
 */

/** MediaWiki's REVISIONS_RETURN_LIMIT: the page size is fixed, there is no limit parameter. */
export const HISTORY_PAGE_SIZE = 20;

/**
 * MediaWiki's filters: edits by IP addresses, bots' edits (revisions.bot), edits taken back by a
 * later revert (revisions.reverted) and minor edits.
 */
const MEDIAWIKI_FILTERS: readonly HistoryFilter[] = ['anonymous', 'bot', 'reverted', 'minor'];

export interface RestHistoryRevision {
  id: number;
  timestamp: string;
  minor: boolean;
  size: number;
  comment: string;
  user: RestUser;
  /** Bytes added (negative: removed) compared with the previous revision; null for the page's first revision, as MediaWiki. */
  delta: number | null;
}

export interface RestHistory {
  revisions: RestHistoryRevision[];
  latest: string;
  older?: string;
  newer?: string;
}

interface HistoryQuery {
  olderThan?: number;
  newerThan?: number;
}

function badParameter(errorKey: string, message: string, field: string): RestError {
  return new RestError('VALIDATION', errorKey, message, { fieldErrors: { [field]: message } });
}

/**
 * A cursor as MediaWiki's integer parameter: any whole number is well-formed; below 1 is out of
 * range. Ids too large to be a revision are well-formed and in range: they are answered with 404
 * by the check that the revision belongs to the page, as any other id that is not a revision.
 */
function parseCursor(params: URLSearchParams, name: 'older_than' | 'newer_than'): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const text = raw.trim();
  if (!/^[+-]?\d{1,30}$/u.test(text)) {
    throw badParameter('paramvalidator-badinteger', `"${name}" must be a revision id (a whole number), not ${JSON.stringify(raw.slice(0, 50))}.`, name);
  }
  const value = Number(text);
  if (value < 1) throw badParameter('rest-pagehistory-param-range-error', `"${name}" must be a revision id of 1 or more, not ${text}.`, name);
  return value;
}

/**
 * An unknown filter is a 400 naming the four, checked once the page is known to exist: a client
 * asking about a page that is not there hears that first (404), whatever else it got wrong.
 */
function parseFilter(params: URLSearchParams): HistoryFilter | null {
  const filter = params.get('filter');
  if (filter === null) return null;
  const known = MEDIAWIKI_FILTERS.find((name) => name === filter);
  if (known) return known;
  throw badParameter(
    'paramvalidator-badvalue-enumnotmulti',
    `"filter" must be one of ${MEDIAWIKI_FILTERS.map((f) => `"${f}"`).join(', ')}, not ${JSON.stringify(filter.slice(0, 50))}.`,
    'filter',
  );
}

function parseHistoryQuery(params: URLSearchParams): HistoryQuery {
  const olderThan = parseCursor(params, 'older_than');
  const newerThan = parseCursor(params, 'newer_than');
  if (olderThan !== undefined && newerThan !== undefined) {
    throw new RestError('VALIDATION', 'rest-pagehistory-incompatible-params', 'Give either "older_than" or "newer_than", not both.');
  }
  return { olderThan, newerThan };
}

/** MediaWiki answers 404 when the cursor is not a revision of this page. */
async function assertRevisionOfPage(title: ParsedTitle, pageId: number, revisionId: number): Promise<void> {
  const found = revisionId <= MAX_DATABASE_INTEGER && (await getDb().revision.findFirst({ where: { id: revisionId, pageId, archived: false }, select: { id: true } }));
  if (!found) {
    throw new RestError(
      'NOT_FOUND',
      'rest-nonexistent-title-revision',
      `Revision ${revisionId} is not a revision of the page "${title.prefixedText}". Use the "older" and "newer" addresses of a previous answer to turn pages.`,
    );
  }
}

function toRestRevision(row: ChangeRow): RestHistoryRevision {
  return {
    id: row.revisionId,
    timestamp: mediaWikiTimestamp(row.createdAt),
    minor: row.minor,
    size: row.size,
    comment: row.summary,
    user: restUser(row.author),
    delta: row.isCreation ? null : row.delta,
  };
}

function historyUrl(request: Request, title: ParsedTitle, query: [string, string | number][]): string {
  const search = query.map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`).join('&');
  return restPageUrl(request, title, '/history') + (search ? `?${search}` : '');
}

export async function getHistory(request: Request): Promise<Response> {
  try {
    const { title, canonical } = parsePageHistoryPath(request);
    const url = new URL(request.url);
    if (!canonical) {
      const target = `${restPageUrl(request, title, '/history')}${url.search}`;
      return new Response(null, { status: 301, headers: { location: target, 'cache-control': 'no-cache' } });
    }
    const query = parseHistoryQuery(url.searchParams);
    const page = await findHistoryPageWithTime(title);
    if (!page) {
      throw new RestError('NOT_FOUND', 'rest-nonexistent-title', `The page "${title.prefixedText}" does not exist, so it has no history.`);
    }
    const filter = parseFilter(url.searchParams);
    const cursor = query.olderThan ?? query.newerThan;
    if (cursor !== undefined) await assertRevisionOfPage(title, page.id, cursor);

    const { actor } = await credentialsFromRequest(request);
    const options = { limit: HISTORY_PAGE_SIZE, olderThan: query.olderThan, newerThan: query.newerThan, only: filter ?? undefined };
    const result = await getPageHistory(page.id, options, actor);

    // MediaWiki keeps the filter on every address it hands out.
    const filterParam: [string, string][] = filter ? [['filter', filter]] : [];
    const body: RestHistory = { revisions: result.rows.map(toRestRevision), latest: historyUrl(request, title, filterParam) };
    // As MediaWiki: no rows, no paging addresses (the client has walked off either end).
    if (result.rows.length > 0) {
      if (result.older !== null) body.older = historyUrl(request, title, [...filterParam, ['older_than', result.older]]);
      if (result.newer !== null) body.newer = historyUrl(request, title, [...filterParam, ['newer_than', result.newer]]);
    }
    // As MediaWiki's: the ETag follows the page's latest revision (a filtered list may not show it), Last-Modified its time.
    return conditionalJson(request, body, 'revalidate', page.latestRevisionAt, { version: String(page.latestRevisionId) });
  } catch (error) {
    return restErrorResponse(error, request);
  }
}

/** PUT on …/history: histories are written by editing the page, not directly. */
export async function refuseHistoryWrite(): Promise<Response> {
  return restErrorResponse(
    new RestError(
      'NOT_FOUND',
      'rest-no-match',
      'PUT is only possible on /w/rest.php/v1/page/{title}, not on its /history. A title ending in "/history" must be sent with "/" encoded as %2F.',
    ),
  );
}
