import 'server-only';
import { ATOM_CONTENT_TYPE, buildChangesFeed, FEED_LIMIT, historyFeedHref, recentChangesFeedHref, renderAtom, type FeedChange } from '@/lib/domain/atom';
import { AppError, INTERNAL_ERROR, toAppError } from '@/lib/domain/errors';
import { englishText } from '@/lib/domain/error-messages';
import { errorResponse } from '@/lib/domain/error-response.mjs';
import { historyHref } from '@/lib/domain/history';
import { titleFromSegments } from '@/lib/domain/route-title';
import { NS, type ParsedTitle } from '@/lib/domain/titles';
import { findHistoryPage, getPageHistory, getRecentChanges } from '@/lib/server/history';
import { requestOrigin } from '@/lib/server/rest/http';
import { getSiteName } from '@/lib/server/site';

/*
 * The Atom feeds of /wiki/Special:RecentChanges?feed=atom and /wiki/<Title>?action=history&feed=atom.
 * proxy.ts rewrites those addresses to the route handlers under /w/feeds/, which call these.
 */

/** Feed readers poll; a minute of staleness is what MediaWiki's feed cache allows too. */
const CACHE_CONTROL = 'public, max-age=60';

function atomResponse(xml: string): Response {
  return new Response(xml, {
    status: 200,
    headers: { 'content-type': ATOM_CONTENT_TYPE, 'cache-control': CACHE_CONTROL, 'x-content-type-options': 'nosniff' },
  });
}

/**
 * Errors as plain text: a feed reader shows the message, a browser too. A bug is logged and
 * answered without its details. `headers`: the private watchlist feed's (lib/server/watchlist-feed.ts).
 */
export function feedErrorResponse(error: unknown, headers: Record<string, string> = { 'x-content-type-options': 'nosniff' }): Response {
  const appError = toAppError(error);
  if (!appError || appError.code === 'INTERNAL' || appError.code === 'DATABASE_UNAVAILABLE') console.error(error);
  const known = appError !== null && appError.code !== 'INTERNAL';
  const status = appError ? appError.status : 500;
  const message = known ? appError.message : englishText(INTERNAL_ERROR);
  return errorResponse(`${message}\n`, {
    status,
    contentType: 'text/plain; charset=utf-8',
    retryAfterSeconds: appError?.retryAfterSeconds,
    headers,
  });
}

/** GET /w/feeds/recentchanges: the newest edits to every page; bots' edits only with `hidebots=0`, as on Special:RecentChanges. */
export async function recentChangesFeed(request: Request): Promise<Response> {
  try {
    const includeBots = new URL(request.url).searchParams.get('hidebots') === '0';
    const [{ rows }, siteName] = await Promise.all([getRecentChanges({ limit: FEED_LIMIT, includeBots }), getSiteName()]);
    const feed = buildChangesFeed({
      origin: requestOrigin(request),
      feedPath: recentChangesFeedHref(),
      htmlPath: '/wiki/Special:RecentChanges',
      title: `${siteName} – Recent changes`,
      subtitle: `Track the most recent changes to ${siteName} in this feed.`,
      changes: rows satisfies FeedChange[],
      now: new Date(),
    });
    return atomResponse(renderAtom(feed));
  } catch (error) {
    return feedErrorResponse(error);
  }
}

/**
 * The title of /w/feeds/history/<Title>, from the route's catch-all segments rather than from
 * request.url: after proxy.ts's rewrite, request.url may still show the /wiki/ address the reader
 * asked for, and the segments may arrive encoded or decoded (titleFromSegments handles both).
 */
function historyFeedTitle(segments: string[]): ParsedTitle {
  const title = titleFromSegments(segments);
  if (title.namespace === NS.SPECIAL) throw new AppError('NOT_FOUND', 'Special pages have no history.');
  return title;
}

/** GET /w/feeds/history/<Title>: the page's newest revisions. */
export async function historyFeed(request: Request, titleSegments: string[]): Promise<Response> {
  try {
    const title = historyFeedTitle(titleSegments);
    const page = await findHistoryPage(title);
    if (!page) throw new AppError('NOT_FOUND', `The page "${title.prefixedText}" does not exist, so it has no history feed.`);
    const [{ rows }, siteName] = await Promise.all([getPageHistory(page.id, { limit: FEED_LIMIT }), getSiteName()]);
    const feed = buildChangesFeed({
      origin: requestOrigin(request),
      feedPath: historyFeedHref(title),
      htmlPath: historyHref(title),
      title: `${title.prefixedText} – Revision history – ${siteName}`,
      subtitle: `Revision history for this page on ${siteName}.`,
      changes: rows satisfies FeedChange[],
      now: new Date(),
    });
    return atomResponse(renderAtom(feed));
  } catch (error) {
    return feedErrorResponse(error);
  }
}
