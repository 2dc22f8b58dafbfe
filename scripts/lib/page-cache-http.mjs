// The HTTP side of the page cache (scripts/lib/page-cache.mjs): answering a warm request from
// memory, and keeping what Next.js sends for a cold one.
import { bodySlicesWithNonce, cacheablePage, freshNonce } from './page-cache.mjs';

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
 * Keeps the response Next.js writes for `key` and stores it when it is cacheable and nothing
 * invalidated the key meanwhile. Next.js is asked for an uncompressed body (Accept-Encoding
 * removed): the nonce must be found and swapped in plain bytes. Call before handing the request
 * to Next.js; the returned ticket's `until` may be lowered while rendering (see server.mjs).
 * @param {import('./page-cache.mjs').PageCache} cache
 * @param {string} key
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function capturePageForCache(cache, key, req, res) {
  const ticket = cache.beginMiss(key);
  res.setHeader('x-wiki-cache', 'miss');
  if (req.method !== 'GET') {
    res.once('close', () => cache.finishMiss(ticket, null));
    return ticket;
  }
  delete req.headers['accept-encoding'];
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  let keeping = true;
  let finished = false;
  /** @type {Record<string, unknown>} */
  let headerArgument = {};
  const keep = (chunk, encoding) => {
    if (!keeping || chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const buffer = Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk);
    size += buffer.length;
    if (size > cache.maxEntryBytes) {
      keeping = false;
      chunks.length = 0;
    } else chunks.push(buffer);
  };
  const { writeHead, write, end } = res;
  res.writeHead = function writeHeadKept(statusCode, ...rest) {
    const argument = rest.find((value) => value && typeof value === 'object');
    if (Array.isArray(argument)) keeping = false;
    else if (argument) headerArgument = argument;
    return writeHead.call(this, statusCode, ...rest);
  };
  res.write = function writeKept(chunk, encoding, callback) {
    keep(chunk, encoding);
    return write.call(this, chunk, encoding, callback);
  };
  res.end = function endKept(chunk, encoding, callback) {
    keep(chunk, encoding);
    const result = end.call(this, chunk, encoding, callback);
    if (finished) return result;
    finished = true;
    let page = null;
    if (keeping) {
      /** @type {Record<string, string | string[] | number | undefined>} */
      const headers = { ...res.getHeaders() };
      for (const [name, value] of Object.entries(headerArgument)) headers[name.toLowerCase()] = /** @type {string} */ (value);
      page = cacheablePage(key, res.statusCode, headers, Buffer.concat(chunks, size), ticket.until);
    }
    cache.finishMiss(ticket, page);
    return result;
  };
  // A response that never ends (client gone) releases its ticket.
  res.once('close', () => {
    if (finished) return;
    finished = true;
    cache.finishMiss(ticket, null);
  });
  return ticket;
}
