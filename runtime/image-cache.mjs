// The image cache of the production server (runtime/server.mjs): public /images responses (the
// originals and thumbnails of uploaded files, docs/files.md "URLs and headers") answered from
// memory before Next.js's pipeline. Their addresses name their bytes (a SHA-1), so a stored
// response never goes stale; what can change is who may see it: a version archived when its File
// page is deleted, or hidden. Those writes name the File page among the paths they made stale
// (lib/server/page-cache.ts, here and through PostgreSQL from other instances), and every entry of
// a file whose /wiki/File:… path is invalidated is dropped. Responses the app marks private
// (administrators' views of such versions) are never stored.
//
// Entries are keyed by the raw request path, plus for thumbnails whether the request accepts WebP
// (the one thing in a request that decides a thumbnail's format: thumbnail-format.mjs, shared with
// the route). Plain JavaScript because server.mjs runs without a TypeScript loader.
import { acceptsWebp } from '../lib/domain/files/thumbnail-format.mjs';

/**
 * @typedef {{ key: string, name: string }} ImageRequest
 * @typedef {{ key: string, name: string, headers: Record<string, string | string[]>, etag: string,
 *   body: Buffer, bytes: number }} CachedImage
 * @typedef {{ name: string, stale: boolean }} ImageMissTicket
 */

/** No stored response is larger than this: big originals stay with the app (and the OS's file cache). */
export const MAX_IMAGE_ENTRY_BYTES = 2 * 1024 * 1024;
/** Only characters a path may carry unescaped (RFC 3986 pchar and "/"): no "\", spaces or controls that URL parsers rewrite. */
const PLAIN_PATH = /^[A-Za-z0-9%._~!$&'()*+,;=:@/-]+$/;
const ORIGINAL = /^\/images\/[0-9a-f]{40}\/([^/]+)$/;
const THUMBNAIL = /^\/images\/thumb\/[0-9a-f]{40}\/[1-9][0-9]{0,4}px-([^/]+)$/;
const FILE_PAGE = /^\/wiki\/File:(.+)$/;
/** Per-response headers that are recomputed, never replayed. */
const NOT_REPLAYED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'x-wiki-cache']);

/** @param {string} segment @returns {string | null} */
function decoded(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The cache key and file name of a GET/HEAD of an /images address that may be answered from (or
 * stored in) the cache, or null. Only the exact shapes the route serves, without a query and
 * without a segment URL parsers would resolve ("..", "%2e%2e"), so the name decoded here is the
 * name (the File page's database key) the app looked up.
 * @param {Pick<import('node:http').IncomingMessage, 'method' | 'url' | 'headers'>} req
 * @returns {ImageRequest | null}
 */
export function imageRequestOf(req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const url = req.url ?? '';
  if (!url.startsWith('/images/') || !PLAIN_PATH.test(url)) return null;
  const thumbnail = THUMBNAIL.exec(url);
  const match = thumbnail ?? ORIGINAL.exec(url);
  const name = match ? decoded(match[1]) : null;
  if (name === null || name === '.' || name === '..' || name.includes('/')) return null;
  const key = thumbnail ? `${acceptsWebp(req.headers.accept) ? 'webp' : 'other'} ${url}` : `original ${url}`;
  return { key, name };
}

/** @param {string | string[] | number | undefined} value */
function directivesOf(value) {
  return String(value ?? '')
    .toLowerCase()
    .split(',')
    .map((directive) => directive.trim().split('=')[0]);
}

/**
 * What an entry holds for a response the app sent, or null when it must not be stored: only a 200
 * whose Cache-Control is public and immutable (never an administrator's private view), with a
 * strong ETag, no cookie, uncompressed, complete and small enough.
 * @param {ImageRequest} request
 * @param {number} status
 * @param {Record<string, string | string[] | number | undefined>} headers lower-case names
 * @param {Buffer} body
 * @returns {CachedImage | null}
 */
export function cacheableImage(request, status, headers, body) {
  if (status !== 200 || headers['set-cookie'] !== undefined || headers['content-encoding'] !== undefined) return null;
  const cacheControl = directivesOf(headers['cache-control']);
  if (!cacheControl.includes('public') || !cacheControl.includes('immutable')) return null;
  if (['private', 'no-store', 'no-cache'].some((directive) => cacheControl.includes(directive))) return null;
  const etag = headers.etag;
  if (typeof etag !== 'string' || !etag.startsWith('"')) return null;
  const declaredLength = headers['content-length'];
  if (declaredLength !== undefined && Number(declaredLength) !== body.length) return null;
  /** @type {Record<string, string | string[]>} */
  const replayed = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !NOT_REPLAYED.has(name)) replayed[name] = typeof value === 'number' ? String(value) : value;
  }
  const headerBytes = JSON.stringify(replayed).length;
  return { ...request, headers: replayed, etag, body, bytes: body.length + 2 * request.key.length + headerBytes + 256 };
}

/**
 * If-None-Match against the stored strong ETag, as the route compares it (lib/server/files/
 * image-serving.ts): "*", or a list in which the tag appears (weak forms match too, RFC 9110's
 * weak comparison for GET).
 * @param {string | undefined} header
 * @param {string} etag
 */
export function matchesEtag(header, etag) {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** Public /images responses in memory, least recently used dropped first, bounded in bytes. */
export class ImageCache {
  /** @param {{ maxBytes: number }} options */
  constructor({ maxBytes }) {
    this.maxBytes = maxBytes;
    this.maxEntryBytes = Math.min(MAX_IMAGE_ENTRY_BYTES, Math.floor(maxBytes / 4));
    /** @type {Map<string, CachedImage>} insertion order = recency */
    this.entries = new Map();
    /** @type {Map<string, Set<string>>} keys per file name, for invalidation */
    this.keysByName = new Map();
    this.bytes = 0;
    /** Off while cross-instance invalidation is not assured (listener down): nothing served or stored. */
    this.enabled = maxBytes > 0;
    /** @type {Map<string, Set<ImageMissTicket>>} responses in flight, per file name */
    this.misses = new Map();
  }

  /** @param {boolean} enabled */
  setEnabled(enabled) {
    this.clear();
    this.enabled = enabled && this.maxBytes > 0;
  }

  /** @param {string} key @returns {CachedImage | undefined} */
  lookup(key) {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * A response that may fill the cache starts: it may only be stored if nothing invalidated its
   * file before it finished (the app may have read the version before a hiding committed).
   * @param {string} name @returns {ImageMissTicket}
   */
  beginMiss(name) {
    const ticket = { name, stale: !this.enabled };
    let tickets = this.misses.get(name);
    if (!tickets) this.misses.set(name, (tickets = new Set()));
    tickets.add(ticket);
    return ticket;
  }

  /** @param {ImageMissTicket} ticket @param {CachedImage | null} entry @returns {boolean} stored */
  finishMiss(ticket, entry) {
    const tickets = this.misses.get(ticket.name);
    tickets?.delete(ticket);
    if (tickets?.size === 0) this.misses.delete(ticket.name);
    if (!entry || ticket.stale || !this.enabled || entry.bytes > this.maxEntryBytes) return false;
    this.remove(entry.key);
    this.entries.set(entry.key, entry);
    let keys = this.keysByName.get(entry.name);
    if (!keys) this.keysByName.set(entry.name, (keys = new Set()));
    keys.add(entry.key);
    this.bytes += entry.bytes;
    for (const [key, oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(key, oldest);
    }
    return true;
  }

  /**
   * Drops every response of the files whose File pages are among `paths` (the canonical paths a
   * write made stale, pageCacheKey); other paths concern pages only.
   * @param {Iterable<string>} paths
   */
  invalidate(paths) {
    for (const path of paths) {
      const page = FILE_PAGE.exec(path);
      if (!page) continue;
      const name = decoded(page[1]);
      // A canonical path always decodes; if one does not, it may have meant any file.
      if (name === null) return this.clear();
      for (const key of this.keysByName.get(name) ?? []) this.remove(key);
      for (const ticket of this.misses.get(name) ?? []) ticket.stale = true;
    }
  }

  clear() {
    this.entries.clear();
    this.keysByName.clear();
    this.bytes = 0;
    for (const tickets of this.misses.values()) for (const ticket of tickets) ticket.stale = true;
  }

  /** @param {string} key @param {CachedImage | undefined} [entry] */
  remove(key, entry = this.entries.get(key)) {
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    const keys = this.keysByName.get(entry.name);
    keys?.delete(key);
    if (keys?.size === 0) this.keysByName.delete(entry.name);
  }
}

/** WIKI_IMAGE_CACHE_MB (default 32; 0 turns the cache off) in bytes. */
export function imageCacheBytesFromEnv(env = process.env) {
  const raw = env.WIKI_IMAGE_CACHE_MB;
  if (raw === undefined || raw.trim() === '') return 32 * 1024 * 1024;
  const megabytes = Number(raw);
  if (!Number.isFinite(megabytes) || megabytes < 0) throw new Error(`WIKI_IMAGE_CACHE_MB must be a number of megabytes (0 turns the image cache off), not "${raw}".`);
  return Math.floor(megabytes * 1024 * 1024);
}

/**
 * The page cache and the image cache as one target of invalidation: the app's writes (through the
 * handle runtime/server.mjs sets) and the listener of other instances' writes reach both.
 * @param {{ invalidate(paths: Iterable<string>): void, clear(): void, setEnabled(enabled: boolean): void }[]} caches
 */
export function invalidationTarget(...caches) {
  return {
    /** @param {Iterable<string>} paths */
    invalidate(paths) {
      const list = [...paths];
      for (const cache of caches) cache.invalidate(list);
    },
    clear() {
      for (const cache of caches) cache.clear();
    },
    /** @param {boolean} enabled */
    setEnabled(enabled) {
      for (const cache of caches) cache.setEnabled(enabled);
    },
  };
}
