// The page cache's protocol: what the app (proxy.ts, lib/server/page-cache.ts, inside the Next.js
// bundle) and the front handler (runtime/server.mjs and runtime/page-cache*.mjs, plain JavaScript
// run by Node without a TypeScript loader) must agree on, defined once for both:
// - the response header by which the app declares the key a view may be stored under, and the
//   key's format (language and canonical path);
// - the PostgreSQL channel on which writes announce what they made stale, and its payloads: a
//   JSON array of canonical paths, or CLEAR_ALL_PAYLOAD. Encoded by the writer
//   (invalidationPayloads), read by every instance's listener (parseInvalidationPayload).
// Plain JavaScript with types beside it (page-cache-protocol.d.mts) so that both sides can import
// it. Pure: no I/O.

/**
 * The response header by which proxy.ts tells the front handler that a view may be cached, and
 * under which key (see lib/domain/page-cache.ts pageCacheDeclaration). The front handler removes
 * it before the response leaves the server.
 */
export const PAGE_CACHE_KEY_HEADER = 'x-wiki-page-cache-key';

/**
 * The cache key of a view: the interface language and the canonical URL path with the view's
 * query, as sent ("it /wiki/Caf%C3%A9", "en /wiki/ECPAT?action=history"), since the same page
 * reads differently per language. Invalidation names paths: it drops every query of a path.
 * @param {string} path @param {string} language @param {string} [query] "" or "?…"
 */
export function cacheKeyFor(path, language, query = '') {
  return `${language} ${path}${query}`;
}

/**
 * The views of a page cached besides the page itself, exactly as the app writes their links
 * (lib/domain/history.ts): a permalink, a diff and the history's first page. Any other query
 * (a paged or filtered history, an edit form) is never cached. Numbers without leading zeros, so
 * that one view has one spelling.
 */
export const CACHEABLE_QUERY = /^\?(?:oldid=[1-9]\d{0,15}|diff=(?:[1-9]\d{0,15}|prev|next|cur)&oldid=[1-9]\d{0,15}|action=history)$/;

/** The one special page that is cached: it changes exactly when the Main Page's latest changes do. */
export const RECENT_CHANGES_PATH = '/wiki/Special:RecentChanges';

/**
 * The path part of a cache key (what invalidation names), e.g. "/wiki/ECPAT" for "en /wiki/ECPAT?oldid=3".
 * @param {string} key
 */
export function pathOfCacheKey(key) {
  const path = key.slice(key.indexOf(' ') + 1);
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}

/** The PostgreSQL channel (LISTEN/NOTIFY) of invalidations between instances. */
export const PAGE_CACHE_CHANNEL = 'wiki_page_cache';

/** The payload that tells every instance to drop its whole cache. */
export const CLEAR_ALL_PAYLOAD = '*';

/** Above this many paths a write clears the whole cache instead (one short message, and cheaper). */
export const MAX_PATHS_PER_INVALIDATION = 2_000;

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
export const MAX_NOTIFY_PAYLOAD_BYTES = 7_900;

const utf8 = new TextEncoder();

/**
 * NOTIFY payloads (JSON arrays of paths) for a set of paths, each under PostgreSQL's payload limit.
 * Too many paths make one CLEAR_ALL_PAYLOAD.
 * @param {Iterable<string>} paths
 * @returns {string[]}
 */
export function invalidationPayloads(paths) {
  const unique = [...new Set(paths)];
  if (unique.length === 0) return [];
  if (unique.length > MAX_PATHS_PER_INVALIDATION) return [CLEAR_ALL_PAYLOAD];
  const payloads = [];
  /** @type {string[]} */
  let batch = [];
  let bytes = 2;
  for (const path of unique) {
    const size = utf8.encode(JSON.stringify(path)).length + 1;
    // A single path cannot exceed the limit: titles are at most 255 bytes (6 × that escaped).
    if (batch.length > 0 && bytes + size > MAX_NOTIFY_PAYLOAD_BYTES) {
      payloads.push(JSON.stringify(batch));
      batch = [];
      bytes = 2;
    }
    batch.push(path);
    bytes += size;
  }
  payloads.push(JSON.stringify(batch));
  return payloads;
}

/**
 * What a notification asks for: the paths to drop, or 'all'. A payload that cannot be read may
 * have named anything, so it clears everything too.
 * @param {string | undefined} payload
 * @returns {string[] | 'all'}
 */
export function parseInvalidationPayload(payload) {
  if (payload === CLEAR_ALL_PAYLOAD) return 'all';
  try {
    const paths = JSON.parse(payload ?? '[]');
    if (Array.isArray(paths)) return paths.filter((path) => typeof path === 'string');
  } catch {
    // fall through
  }
  return 'all';
}
