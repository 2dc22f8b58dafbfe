// The HTTP side of the page cache (page-cache.mjs): answering a warm request from
// memory, and keeping what Next.js sends for a cold one.
import { PAGE_CACHE_KEY_HEADER } from '../lib/domain/page-cache-protocol.mjs';
import Negotiator from 'negotiator';
import { matchesEtag } from './image-cache.mjs';
import { cacheablePage, etagOf } from './page-cache.mjs';
import { recordResponse } from './response-recorder.mjs';

/**
 * Removes the app's cache-key declaration (PAGE_CACHE_KEY_HEADER, set by proxy.ts) from a response
 * before its headers are written, whether Next.js set it with setHeader or passes it to writeHead:
 * it is a note to this server, not for clients. Returns where the declared key is noted.
 * @param {import('node:http').ServerResponse} res
 * @returns {{ key: string | undefined }}
 */
export function withholdCacheKeyDeclaration(res) {
  /** @type {{ key: string | undefined }} */
  const declared = { key: undefined };
  const { writeHead } = res;
  res.writeHead = function writeHeadWithheld(statusCode, ...rest) {
    const own = res.getHeader(PAGE_CACHE_KEY_HEADER);
    if (own !== undefined) {
      declared.key = String(own);
      res.removeHeader(PAGE_CACHE_KEY_HEADER);
    }
    const at = rest.findIndex((value) => value && typeof value === 'object');
    if (at !== -1) rest[at] = withoutDeclaration(rest[at], declared);
    return writeHead.call(this, statusCode, ...rest);
  };
  return declared;
}

/** writeHead's headers (an object, [name, value] pairs or a flat list) without the declaration. */
function withoutDeclaration(headers, declared) {
  const isDeclaration = (name) => String(name).toLowerCase() === PAGE_CACHE_KEY_HEADER;
  if (!Array.isArray(headers)) {
    const kept = {};
    for (const [name, value] of Object.entries(headers)) {
      if (isDeclaration(name)) declared.key = String(value);
      else kept[name] = value;
    }
    return kept;
  }
  if (headers.every((entry) => Array.isArray(entry))) {
    const declaration = headers.find(([name]) => isDeclaration(name));
    if (declaration) declared.key = String(declaration[1]);
    return headers.filter(([name]) => !isDeclaration(name));
  }
  const kept = [];
  for (let i = 0; i < headers.length; i += 2) {
    if (isDeclaration(headers[i])) declared.key = String(headers[i + 1]);
    else kept.push(headers[i], headers[i + 1]);
  }
  return kept;
}

/**
 * Answers from the cache when it holds `key`: the stored page in the encoding the request accepts
 * best (brotli, gzip or none), or 304 Not Modified when the request names its ETag. Every hit sends
 * the same bytes and headers for that encoding. False on a miss.
 * @param {import('./page-cache.mjs').PageCache} cache
 * @param {string} key
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function answerFromPageCache(cache, key, req, res) {
  if (!cache.enabled) return false;
  const page = cache.lookup(key);
  if (!page) return false;
  const representation = page[encodingFor(req.headers['accept-encoding'])];
  const validators = { etag: representation.etag, 'cache-control': page.headers['cache-control'], vary: page.headers.vary, 'x-wiki-cache': 'hit' };
  if (namesTag(req.headers['if-none-match'], page.tag)) {
    res.writeHead(304, validators);
    res.end();
    return true;
  }
  const encoding = representation.encoding === undefined ? {} : { 'content-encoding': representation.encoding };
  res.writeHead(200, { ...page.headers, ...validators, ...encoding, 'content-length': String(representation.body.length) });
  res.end(req.method === 'HEAD' ? undefined : representation.body);
  return true;
}

/** In order of preference when the request accepts several equally. */
const ENCODINGS = ['br', 'gzip', 'identity'];
/** Accept-Encoding values seen, and the representation each gets (browsers send a handful). */
const chosenEncodings = new Map();

/**
 * The stored representation for an Accept-Encoding header, as negotiated by `negotiator` (q-values,
 * `*`, `identity;q=0`); a request that accepts none of them gets the uncompressed page.
 * @param {string | string[] | undefined} header
 * @returns {'br' | 'gzip' | 'identity'}
 */
export function encodingFor(header) {
  if (header === undefined) return 'identity';
  const text = String(header);
  let chosen = chosenEncodings.get(text);
  if (chosen === undefined) {
    chosen = new Negotiator({ headers: { 'accept-encoding': text } }).encoding(ENCODINGS, { preferred: ENCODINGS }) ?? 'identity';
    if (chosenEncodings.size >= 256) chosenEncodings.clear();
    chosenEncodings.set(text, chosen);
  }
  return /** @type {'br' | 'gzip' | 'identity'} */ (chosen);
}

/**
 * Whether If-None-Match names this page in any of its encodings, compared as the image cache
 * compares (matchesEtag: the weak comparison RFC 9110 asks for, `*` included).
 * @param {string | string[] | undefined} header
 * @param {string} tag
 */
export function namesTag(header, tag) {
  const value = header === undefined ? undefined : String(header);
  return [undefined, 'br', 'gzip'].some((encoding) => matchesEtag(value, etagOf(tag, /** @type {'br' | 'gzip' | undefined} */ (encoding))));
}

/**
 * Keeps the response Next.js writes for `key` and stores it when the app declared that key, the
 * page is cacheable and nothing invalidated the key meanwhile. Next.js is asked for an uncompressed body (Accept-Encoding
 * removed): the page's scripts are hashed in plain bytes, and it is compressed once, when stored. Call before handing the request
 * to Next.js; the returned ticket's `until` may be lowered while rendering (see server.mjs).
 * @param {import('./page-cache.mjs').PageCache} cache
 * @param {string} key
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function capturePageForCache(cache, key, req, res) {
  const declared = withholdCacheKeyDeclaration(res);
  const ticket = cache.beginMiss(key);
  res.setHeader('x-wiki-cache', 'miss');
  if (req.method !== 'GET') {
    res.once('close', () => cache.finishMiss(ticket, null));
    return ticket;
  }
  delete req.headers['accept-encoding'];
  recordResponse(res, cache.maxEntryBytes, (response) => {
    let page = null;
    if (response) {
      response.headers[PAGE_CACHE_KEY_HEADER] = declared.key;
      page = cacheablePage(key, response.statusCode, response.headers, response.body, ticket.until);
    }
    cache.finishMiss(ticket, page);
  });
  return ticket;
}
