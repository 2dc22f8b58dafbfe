import { NextResponse, type NextRequest } from 'next/server';
import { encodeTitleForUrl, NS, titleToUrlPath, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { queryProblem } from '@/lib/domain/query-params';

export const WIKI_TITLE_HEADER = 'x-wiki-title';
export const WIKI_REVISION_HEADER = 'x-wiki-revision';

/**
 * Title routing for /wiki/<Title>, ahead of rendering because a page cannot choose its status:
 * invalid titles answer 400 with the rule they break, non-canonical spellings ("/wiki/ecpat",
 * "/wiki/Main Page") redirect permanently to the canonical URL, as MediaWiki does.
 */
export function proxy(request: NextRequest): NextResponse {
  const rawTitle = request.nextUrl.pathname.slice('/wiki/'.length);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawTitle);
  } catch {
    return badTitle(request, rawTitle, 'The address contains an invalid percent-encoded sequence.');
  }
  const parsed = tryParseTitle(decoded);
  if (!parsed.ok) return badTitle(request, decoded, parsed.reason);

  const problem = queryProblem((name) => request.nextUrl.searchParams.get(name));
  if (problem) return badRequest(request, problem);

  const canonicalPath = titleToUrlPath(parsed.title);
  if (safeDecode(canonicalPath) !== safeDecode(request.nextUrl.pathname)) {
    const target = request.nextUrl.clone();
    target.pathname = canonicalPath;
    return NextResponse.redirect(target, 308);
  }
  const feed = feedRoute(parsed.title, request.nextUrl.searchParams);
  if (feed !== null) {
    const target = request.nextUrl.clone();
    target.pathname = feed;
    return NextResponse.rewrite(target);
  }
  // The missing-page screen (not-found.tsx) cannot see the URL; hand it the title.
  const headers = new Headers(request.headers);
  headers.set(WIKI_TITLE_HEADER, encodeURIComponent(parsed.title.prefixedText));
  const revision = request.nextUrl.searchParams.get('oldid') ?? request.nextUrl.searchParams.get('diff');
  if (revision) headers.set(WIKI_REVISION_HEADER, revision);
  return NextResponse.next({ request: { headers } });
}

/**
 * `?feed=atom` on Special:RecentChanges and on a page's history: the route handler of the Atom
 * feed under app/w/feeds/ (a page cannot answer with XML).
 */
function feedRoute(title: ParsedTitle, query: URLSearchParams): string | null {
  if (query.get('feed') !== 'atom') return null;
  if (title.namespace === NS.SPECIAL) return title.dbKey.toLowerCase() === 'recentchanges' ? '/w/feeds/recentchanges' : null;
  return query.get('action') === 'history' ? `/w/feeds/history/${encodeTitleForUrl(title.prefixedDbKey)}` : null;
}

function badTitle(request: NextRequest, title: string, reason: string): NextResponse {
  const target = new URL('/bad-title', request.url);
  target.searchParams.set('title', title.slice(0, 300));
  target.searchParams.set('reason', reason);
  return NextResponse.rewrite(target, { status: 400 });
}

function badRequest(request: NextRequest, reason: string): NextResponse {
  const target = new URL('/bad-request', request.url);
  target.searchParams.set('reason', reason);
  return NextResponse.rewrite(target, { status: 400 });
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export const config = { matcher: '/wiki/:path+' };
