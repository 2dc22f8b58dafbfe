import { NextResponse, type NextRequest } from 'next/server';
import { encodeTitleForUrl, NS, titleToUrlPath, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { queryProblem } from '@/lib/domain/query-params';
import { contentSecurityPolicy, crossSiteWriteProblem, isSafeMethod, MAX_FORM_BODY_BYTES, SECURITY_HEADERS, siteOrigin } from '@/lib/domain/http-security';
import { PAGE_CACHE_KEY_HEADER, pageCacheDeclaration } from '@/lib/domain/page-cache';
import { LOCALE_COOKIE, negotiateLocale } from '@/lib/i18n/negotiate-locale.mjs';

export const WIKI_TITLE_HEADER = 'x-wiki-title';
export const WIKI_REVISION_HEADER = 'x-wiki-revision';
/** Set on a /wiki/ request whose address was not the canonical one: the page redirects it. */
export const WIKI_NONCANONICAL_HEADER = 'x-wiki-noncanonical';

/**
 * Runs before every page, Server Action and sign-in request (not REST or feeds under /w/, which
 * stream their bodies themselves and get their headers from next.config.ts):
 * - refuses cross-site writes (403) and oversized form posts (413) before anything reads the body:
 *   by Content-Length, or for a body streamed without one (chunked) by counting Next.js's copy of
 *   it. This covers every Server Action, present and future, in one place: Next.js's own Origin
 *   check answers 500 to a fetch-based action, and its body limit too.
 * - gives each response a Content-Security-Policy with a fresh nonce. Next.js reads the policy
 *   from the request headers and puts the nonce on its own scripts (docs: "Content Security
 *   Policy", "Adding a nonce with Proxy").
 * - routes /wiki/<Title>, and tells the production server's page cache which views it may keep.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const refusal = refuseUnsafeWrite(request);
  if (refusal) return withSecurityHeaders(refusal, null);
  if (!isSafeMethod(request.method) && request.body !== null && !request.headers.has('content-length') && (await exceedsFormLimit(request.body))) {
    return withSecurityHeaders(tooLargeResponse(), null);
  }
  return proceed(request);
}

function proceed(request: NextRequest): NextResponse {
  // The baselines of `npm run bench` (app/bench/) exist only while the benchmark runs the server.
  if (request.nextUrl.pathname.startsWith('/bench/') && process.env.WIKI_BENCH_BASELINES !== '1') {
    return withSecurityHeaders(plainText(404, 'Not found.'), null);
  }

  // A fresh nonce per response. A page the anonymous page cache stores is served to everyone, so
  // there the nonce is replaced by its scripts' hashes (runtime/page-csp-hashes.mjs): a reused
  // nonce would stop protecting anything.
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));
  const policy = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === 'development' });
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  // Only this proxy names the page's title: the layout trusts it (own talk page read, see site-frame.ts).
  headers.delete(WIKI_TITLE_HEADER);
  headers.delete(WIKI_REVISION_HEADER);

  const response = request.nextUrl.pathname.startsWith('/wiki/') ? routeWikiTitle(request, headers) : NextResponse.next({ request: { headers } });
  return withSecurityHeaders(response, policy);
}

function withSecurityHeaders(response: NextResponse, policy: string | null): NextResponse {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  if (policy !== null) response.headers.set('Content-Security-Policy', policy);
  return response;
}

function refuseUnsafeWrite(request: NextRequest): NextResponse | null {
  const problem = crossSiteWriteProblem({
    method: request.method,
    origin: request.headers.get('origin'),
    secFetchSite: request.headers.get('sec-fetch-site'),
    host: siteHost(request),
  });
  if (problem !== null) {
    return plainText(403, `Refused: changes are only accepted from this wiki's own pages. ${problem}`);
  }
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_FORM_BODY_BYTES) return tooLargeResponse();
  return null;
}

function siteHost(request: NextRequest): string | null {
  const origin = siteOrigin(request.headers, process.env);
  return origin === null ? null : new URL(origin).host;
}

function tooLargeResponse(): NextResponse {
  return plainText(413, `Refused: the request is larger than ${(MAX_FORM_BODY_BYTES / 1024 / 1024).toFixed(2)} MiB, the most this wiki accepts.`);
}

/**
 * Whether a body sent without Content-Length outgrows the form limit. Next.js hands the proxy a
 * copy of the body while keeping its own for the page, so reading this one consumes nothing;
 * reading stops at the limit. (Next.js's own limit would throw inside the action: a 500.)
 */
async function exceedsFormLimit(body: ReadableStream<Uint8Array>): Promise<boolean> {
  const reader = body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    size += value.byteLength;
    if (size > MAX_FORM_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      return true;
    }
  }
}

function plainText(status: number, message: string): NextResponse {
  return new NextResponse(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * Title routing for /wiki/<Title>, ahead of rendering because a page cannot choose its status:
 * invalid titles answer 400 with the rule they break, non-canonical spellings ("/wiki/ecpat",
 * "/wiki/Main Page") are handed to the page, which redirects them permanently, as MediaWiki does.
 * `headers` are the request headers to pass on (they carry the Content-Security-Policy).
 */
function routeWikiTitle(request: NextRequest, headers: Headers): NextResponse {
  const rawTitle = request.nextUrl.pathname.slice('/wiki/'.length);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawTitle);
  } catch {
    return badTitle(request, headers, rawTitle, 'The address contains an invalid percent-encoded sequence.');
  }
  const parsed = tryParseTitle(decoded);
  if (!parsed.ok) return badTitle(request, headers, decoded, parsed.reason);

  const problem = queryProblem((name) => request.nextUrl.searchParams.get(name));
  if (problem) return badRequest(request, headers, problem);

  headers.delete(WIKI_NONCANONICAL_HEADER);
  const canonicalPath = titleToUrlPath(parsed.title);
  if (safeDecode(canonicalPath) !== safeDecode(request.nextUrl.pathname)) {
    // The page answers with the one permanent redirect: only it can see that "/wiki/ecpat" must go
    // to the existing "ECPAT" rather than to "Ecpat", which would redirect a second time.
    const target = request.nextUrl.clone();
    target.pathname = canonicalPath;
    headers.set(WIKI_NONCANONICAL_HEADER, '1');
    return NextResponse.rewrite(target, { request: { headers } });
  }
  const feed = feedRoute(parsed.title, request.nextUrl.searchParams);
  if (feed !== null) {
    const target = request.nextUrl.clone();
    target.pathname = feed;
    return NextResponse.rewrite(target);
  }
  // The missing-page screen (not-found.tsx) cannot see the URL; hand it the title.
  headers.set(WIKI_TITLE_HEADER, encodeURIComponent(parsed.title.prefixedText));
  const revision = request.nextUrl.searchParams.get('oldid') ?? request.nextUrl.searchParams.get('diff');
  if (revision) headers.set(WIKI_REVISION_HEADER, revision);
  const response = NextResponse.next({ request: { headers } });
  // The language as lib/i18n/request.ts will decide it, from the cookies as Next.js parses them.
  const language = negotiateLocale({ cookie: request.cookies.get(LOCALE_COOKIE)?.value, acceptLanguage: request.headers.get('accept-language') });
  const cacheKey = pageCacheDeclaration({ method: request.method, query: request.nextUrl.search, title: parsed.title, language });
  if (cacheKey !== null) response.headers.set(PAGE_CACHE_KEY_HEADER, cacheKey);
  return response;
}

/** The special pages with an Atom feed, by lower-cased key, and their route handlers. */
const SPECIAL_FEEDS: ReadonlyMap<string, string> = new Map([
  ['recentchanges', '/w/feeds/recentchanges'],
  ['watchlist', '/w/feeds/watchlist'],
]);

/**
 * `?feed=atom` on Special:RecentChanges, Special:Watchlist (private: its `token` stays in the query,
 * which the rewrite keeps; never page-cached, as it returns before the cache key is declared) and on
 * a page's history: the route handler of the Atom feed under app/w/feeds/ (a page cannot answer with XML).
 */
function feedRoute(title: ParsedTitle, query: URLSearchParams): string | null {
  if (query.get('feed') !== 'atom') return null;
  if (title.namespace === NS.SPECIAL) return SPECIAL_FEEDS.get(title.dbKey.toLowerCase()) ?? null;
  return query.get('action') === 'history' ? `/w/feeds/history/${encodeTitleForUrl(title.prefixedDbKey)}` : null;
}

function badTitle(request: NextRequest, headers: Headers, title: string, reason: string): NextResponse {
  const target = new URL('/bad-title', request.url);
  target.searchParams.set('title', title.slice(0, 300));
  target.searchParams.set('reason', reason);
  return NextResponse.rewrite(target, { status: 400, request: { headers } });
}

function badRequest(request: NextRequest, headers: Headers, reason: string): NextResponse {
  const target = new URL('/bad-request', request.url);
  target.searchParams.set('reason', reason);
  return NextResponse.rewrite(target, { status: 400, request: { headers } });
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

// Everything but build assets, /w/ (REST and feeds: their bodies must reach the route
// unbuffered, so they can answer 413 before reading an oversized body whole; uploads are up to
// 10 MiB) and /images/ (uploaded files: bytes with their own headers, no page policy to add).
export const config = { matcher: '/((?!_next/static/|_next/image|favicon\\.ico|w/|images/).*)' };
