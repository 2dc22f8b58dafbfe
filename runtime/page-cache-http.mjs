// The HTTP side of the page cache (page-cache.mjs): answering a warm request from
// memory, and keeping what Next.js sends for a cold one.
import { PAGE_CACHE_KEY_HEADER } from '../lib/domain/page-cache-protocol.mjs';
import { bodySlicesWithNonce, cacheablePage, freshNonce } from './page-cache.mjs';
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
 * Answers from the cache when it holds `key`: the stored headers and bytes with a fresh CSP nonce
 * in both the body and the Content-Security-Policy. False on a miss.
 * @param {import('./page-cache.mjs').PageCache} cache
 * @param {string} key
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function answerFromPageCache(cache, key, req, res) {
  if (!cache.enabled) return false;
  const page = cache.lookup(key);
  if (!page) return false;
  const nonce = freshNonce();
  res.writeHead(200, { ...page.headers, 'content-security-policy': page.policyParts.join(nonce), 'content-length': String(page.body.length), 'x-wiki-cache': 'hit' });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  res.cork();
  const slices = bodySlicesWithNonce(page, nonce);
  for (let i = 0; i < slices.length - 1; i++) res.write(slices[i]);
  res.end(slices.at(-1));
  return true;
}

/**
 * Keeps the response Next.js writes for `key` and stores it when the app declared that key, the
 * page is cacheable and nothing invalidated the key meanwhile. Next.js is asked for an uncompressed body (Accept-Encoding
 * removed): the nonce must be found and swapped in plain bytes. Call before handing the request
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
