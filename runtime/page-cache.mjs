// The anonymous page cache of the production server (runtime/server.mjs): warm anonymous views
// (articles, their permalinks, diffs and history's first page, recent changes) are answered from
// memory before Next.js's pipeline. Plain JavaScript because server.mjs runs without a TypeScript
// loader. Entries are keyed by the interface language and the raw request path and query
// ("it /wiki/Caf%C3%A9", "en /wiki/ECPAT?oldid=3"), since the same page reads differently per
// language, and dropped (every language and query of a path at once) by lib/server/page-cache.ts (same process, after each write's
// COMMIT) and by PostgreSQL notifications from other instances (page-cache-listener.mjs).
//
// What is stored is decided by the app, not guessed here: proxy.ts, which knows the canonical
// title and the language as Next.js parses them, declares the key a page may be stored under
// (PAGE_CACHE_KEY_HEADER in lib/domain/page-cache-protocol.mjs, the protocol both sides import),
// and a page is stored only when that equals the key of the raw request. So "/wiki/x/../Foo", "/wiki/./Foo" or "/wiki/x/%2e%2e/Foo" (which
// Next.js serves as Foo), a repeated language cookie (the cache and Next.js could read different
// ones) or a Special: page reached through such an alias are never stored, and every stored key is
// one that invalidation (pageCacheKey: the canonical path) names.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { LOCALE_COOKIE, isLocale, negotiateLocale } from '../lib/i18n/negotiate-locale.mjs';
import { CACHEABLE_QUERY, cacheKeyFor, PAGE_CACHE_KEY_HEADER, pathOfCacheKey, RECENT_CHANGES_PATH } from '../lib/domain/page-cache-protocol.mjs';
import { pinScriptsByHash } from './page-csp-hashes.mjs';

/**
 * One stored form of a page: its bytes as sent and their strong validator.
 * @typedef {{ body: Buffer, etag: string, encoding: 'br' | 'gzip' | undefined }} Representation
 * @typedef {{ key: string, tag: string, headers: Record<string, string | string[]>,
 *   identity: Representation, br: Representation, gzip: Representation, bytes: number, expiresAt: number }} CachedPage
 * @typedef {{ key: string, stale: boolean, until: number }} MissTicket
 */

// Part of the cache's interface, defined by the protocol.
export { cacheKeyFor, PAGE_CACHE_KEY_HEADER };

/** Requests carrying any of these are navigations/actions of the client router, not page loads. */
const ROUTER_HEADERS = ['rsc', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch', 'next-action', 'authorization'];
/** next-auth's session cookie (also chunked: ".0", ".1"), valid or not: signed-in pages are personal. */
const SESSION_COOKIE = /(?:^|;)\s*(?:__Secure-)?next-auth\.session-token/;
/** Listings that change without a write to their own page (category members) and special pages are never cached. */
const UNCACHED_NAMESPACES = /^\/wiki\/(?:special|category):/i;
/** Per-response headers that are recomputed, never replayed. */
const NOT_REPLAYED = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'content-security-policy',
  'x-wiki-cache',
  'etag',
  'vary',
  PAGE_CACHE_KEY_HEADER,
]);
/** What a stored page depends on besides Next.js's own Vary (the router's headers): the encoding, and what cacheKeyOf reads. */
const VARY_ALSO = ['Accept-Encoding', 'Accept-Language', 'Cookie'];
/**
 * Anyone may keep a stored page, browsers and shared caches alike, but must ask again (by ETag)
 * before each use: only this server knows when a page went stale, and a 304 costs it a lookup.
 */
const SHARED_REVALIDATE = 'public, no-cache';
/** Quick brotli (about 2 ms for a 64 KB page, 23 % of its size) and gzip's default: done once per stored page. */
const BROTLI_QUALITY = 5;

/**
 * The language cookie's value when the Cookie header holds it at most once and, if present,
 * exactly as a language name; undefined when absent; null when the cache must stay out (repeated,
 * or a value Next.js might read differently, e.g. percent-encoded). Pairs are split as Next.js
 * splits them (on ";" and the spaces after it; the name is everything before the first "=").
 * @param {string | undefined} cookieHeader
 * @returns {string | undefined | null}
 */
export function languageCookieOf(cookieHeader) {
  if (cookieHeader === undefined || !cookieHeader.includes(LOCALE_COOKIE)) return undefined;
  /** @type {string | undefined} */
  let value;
  for (const pair of cookieHeader.split(/; */)) {
    const at = pair.indexOf('=');
    if ((at === -1 ? pair : pair.slice(0, at)) !== LOCALE_COOKIE) continue;
    if (value !== undefined || at === -1) return null;
    value = pair.slice(at + 1);
  }
  return value === undefined || isLocale(value) ? value : null;
}

/**
 * The cache key of a request that may be answered from (or stored in) the cache, or null:
 * anonymous GET/HEAD of /wiki/<Title>, with no query or one of CACHEABLE_QUERY's (a permalink, a
 * diff, the history's first page), or of Special:RecentChanges without a query; not made by the
 * client router. The key holds the raw path and query, undecoded: only the canonical spelling is
 * ever stored under it (see above). The language is decided as the page decides it (lib/i18n/request.ts).
 * @param {import('node:http').IncomingMessage} req
 * @returns {string | null}
 */
export function cacheKeyOf(req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const url = req.url ?? '';
  if (!url.startsWith('/wiki/') || url.includes('#')) return null;
  const at = url.indexOf('?');
  const path = at === -1 ? url : url.slice(0, at);
  const query = at === -1 ? '' : url.slice(at);
  if (query !== '' && !CACHEABLE_QUERY.test(query)) return null;
  if (UNCACHED_NAMESPACES.test(path) && !(path === RECENT_CHANGES_PATH && query === '')) return null;
  const { headers } = req;
  for (const name of ROUTER_HEADERS) if (headers[name] !== undefined) return null;
  if (headers.cookie !== undefined && SESSION_COOKIE.test(headers.cookie)) return null;
  const cookie = languageCookieOf(headers.cookie);
  if (cookie === null) return null;
  return cacheKeyFor(path, negotiateLocale({ cookie, acceptLanguage: headers['accept-language'] }), query);
}

/**
 * What a cache entry holds for a response Next.js sent, or null when it must not be cached: the app
 * did not declare this very key (PAGE_CACHE_KEY_HEADER), or not a 200 HTML page, a cookie set,
 * compressed, no nonce in its policy. The page's scripts are pinned by hash instead of the nonce
 * (page-csp-hashes.mjs), so every hit sends the same bytes and headers; it is compressed once here.
 * @param {string} key
 * @param {number} status
 * @param {Record<string, string | string[] | number | undefined>} headers lower-case names
 * @param {Buffer} body
 * @param {number} expiresAt
 * @returns {CachedPage | null}
 */
export function cacheablePage(key, status, headers, body, expiresAt) {
  if (headers[PAGE_CACHE_KEY_HEADER] !== key) return null;
  if (status !== 200 || headers['set-cookie'] !== undefined || headers['content-encoding'] !== undefined) return null;
  if (!String(headers['content-type'] ?? '').startsWith('text/html')) return null;
  const policy = headers['content-security-policy'];
  const pinned = typeof policy === 'string' ? pinScriptsByHash(body.toString('utf8'), policy) : null;
  if (!pinned) return null;
  /** @type {Record<string, string | string[]>} */
  const replayed = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !NOT_REPLAYED.has(name)) replayed[name] = typeof value === 'number' ? String(value) : value;
  }
  replayed['content-security-policy'] = pinned.policy;
  // The stylesheet preload in the Link header named the nonce too: the same for everyone now.
  if (typeof replayed.link === 'string') replayed.link = replayed.link.replace(/;\s*nonce="[^"]*"/g, '');
  replayed['cache-control'] = SHARED_REVALIDATE;
  replayed.vary = varyWith(headers.vary, VARY_ALSO);
  const identity = Buffer.from(pinned.html, 'utf8');
  const tag = createHash('sha256').update(pinned.policy).update('\n').update(identity).digest('base64url').slice(0, 32);
  const br = brotliCompressSync(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length } });
  const gzip = gzipSync(identity);
  return {
    key,
    tag,
    headers: replayed,
    identity: { body: identity, etag: etagOf(tag, undefined), encoding: undefined },
    br: { body: br, etag: etagOf(tag, 'br'), encoding: 'br' },
    gzip: { body: gzip, etag: etagOf(tag, 'gzip'), encoding: 'gzip' },
    bytes: identity.length + br.length + gzip.length + key.length + 1024,
    expiresAt,
  };
}

/**
 * The strong ETag of a stored page in one encoding: each representation has its own (RFC 9110
 * 8.8.3), all built on the page's tag.
 * @param {string} tag @param {'br' | 'gzip' | undefined} encoding
 */
export function etagOf(tag, encoding) {
  return encoding === undefined ? `"${tag}"` : `"${tag}-${encoding}"`;
}

/** A Vary header value with `names` added (each once, whatever the case). */
function varyWith(vary, names) {
  const listed = String(vary ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const seen = new Set(listed.map((name) => name.toLowerCase()));
  return [...listed, ...names.filter((name) => !seen.has(name.toLowerCase()))].join(', ');
}

/** Anonymous article views in memory, least recently used dropped first, bounded in bytes. */
export class PageCache {
  /** @param {{ maxBytes: number }} options */
  constructor({ maxBytes }) {
    this.maxBytes = maxBytes;
    /** One page may take at most a quarter of the cache. */
    this.maxEntryBytes = Math.floor(maxBytes / 4);
    /** @type {Map<string, CachedPage>} insertion order = recency */
    this.entries = new Map();
    this.bytes = 0;
    /** Off while cross-instance invalidation is not assured (listener down): nothing served or stored. */
    this.enabled = maxBytes > 0;
    /** @type {Map<string, Set<MissTicket>>} renders in flight, per key */
    this.misses = new Map();
    /** @type {Map<string, Set<string>>} stored keys per path (every language and query of a page), for invalidation */
    this.keysByPath = new Map();
  }

  /** @param {boolean} enabled */
  setEnabled(enabled) {
    this.clear();
    this.enabled = enabled && this.maxBytes > 0;
  }

  /** @param {string} key @param {number} [now] @returns {CachedPage | undefined} */
  lookup(key, now = Date.now()) {
    const page = this.entries.get(key);
    if (!page) return undefined;
    if (now >= page.expiresAt) {
      this.remove(key, page);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, page);
    return page;
  }

  /**
   * A render that may fill the cache starts: it may only store if nothing invalidated its key
   * before it finished (it may have read the database before the write committed).
   * @param {string} key @returns {MissTicket}
   */
  beginMiss(key) {
    const ticket = { key, stale: !this.enabled, until: Infinity };
    let tickets = this.misses.get(key);
    if (!tickets) this.misses.set(key, (tickets = new Set()));
    tickets.add(ticket);
    return ticket;
  }

  /** @param {MissTicket} ticket @param {CachedPage | null} page @returns {boolean} stored */
  finishMiss(ticket, page) {
    const tickets = this.misses.get(ticket.key);
    tickets?.delete(ticket);
    if (tickets?.size === 0) this.misses.delete(ticket.key);
    if (!page || ticket.stale || !this.enabled || page.bytes > this.maxEntryBytes) return false;
    this.remove(ticket.key);
    this.entries.set(ticket.key, page);
    this.bytes += page.bytes;
    const path = pathOfCacheKey(ticket.key);
    let keys = this.keysByPath.get(path);
    if (!keys) this.keysByPath.set(path, (keys = new Set()));
    keys.add(ticket.key);
    for (const [key, oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(key, oldest);
    }
    return true;
  }

  /** @param {Iterable<string>} paths canonical paths (pageCacheKey); every language's and query's copy goes */
  invalidate(paths) {
    const stale = new Set(paths);
    for (const path of stale) for (const key of this.keysByPath.get(path) ?? []) this.remove(key);
    for (const [key, tickets] of this.misses) {
      if (stale.has(pathOfCacheKey(key))) for (const ticket of tickets) ticket.stale = true;
    }
  }

  clear() {
    this.entries.clear();
    this.keysByPath.clear();
    this.bytes = 0;
    for (const tickets of this.misses.values()) for (const ticket of tickets) ticket.stale = true;
  }

  /** @param {string} key @param {CachedPage | undefined} [page] */
  remove(key, page = this.entries.get(key)) {
    if (!page) return;
    this.entries.delete(key);
    this.bytes -= page.bytes;
    const path = pathOfCacheKey(key);
    const keys = this.keysByPath.get(path);
    keys?.delete(key);
    if (keys?.size === 0) this.keysByPath.delete(path);
  }
}

/** WIKI_PAGE_CACHE_MB (default 64; 0 turns the cache off) in bytes. */
export function pageCacheBytesFromEnv(env = process.env) {
  const raw = env.WIKI_PAGE_CACHE_MB;
  if (raw === undefined || raw.trim() === '') return 64 * 1024 * 1024;
  const megabytes = Number(raw);
  if (!Number.isFinite(megabytes) || megabytes < 0) throw new Error(`WIKI_PAGE_CACHE_MB must be a number of megabytes (0 turns the page cache off), not "${raw}".`);
  return Math.floor(megabytes * 1024 * 1024);
}
