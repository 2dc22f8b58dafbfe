// The HTTP side of the image cache (image-cache.mjs): answering a warm /images request from memory
// (200, HEAD or 304), and keeping what the app sends for a cold one.
import { cacheableImage, matchesEtag } from './image-cache.mjs';

/**
 * Answers from the cache when it holds the request's key: the stored headers and bytes, no body for
 * HEAD, 304 when If-None-Match names the stored ETag (as the route would). False on a miss.
 * @param {import('./image-cache.mjs').ImageCache} cache
 * @param {import('./image-cache.mjs').ImageRequest} request
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function answerFromImageCache(cache, request, req, res) {
  if (!cache.enabled) return false;
  const entry = cache.lookup(request.key);
  if (!entry) return false;
  const ifNoneMatch = req.headers['if-none-match'];
  if (matchesEtag(ifNoneMatch, entry.etag)) {
    res.writeHead(304, { ...entry.headers, 'x-wiki-cache': 'hit' });
    res.end();
    return true;
  }
  res.writeHead(200, { ...entry.headers, 'content-length': String(entry.body.length), 'x-wiki-cache': 'hit' });
  if (req.method === 'HEAD') res.end();
  else res.end(entry.body);
  return true;
}

/**
 * Keeps the response the app writes for an /images request and stores it when it is cacheable
 * (image-cache.mjs cacheableImage) and nothing invalidated its file meanwhile. Only a plain GET
 * fills the cache: a HEAD has no body, and a conditional GET gets a 304. The app is asked for an
 * uncompressed body (Accept-Encoding removed) so that every hit can be sent as stored. Call before
 * handing the request to Next.js.
 * @param {import('./image-cache.mjs').ImageCache} cache
 * @param {import('./image-cache.mjs').ImageRequest} request
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function captureImageForCache(cache, request, req, res) {
  res.setHeader('x-wiki-cache', 'miss');
  if (req.method !== 'GET' || req.headers['if-none-match'] !== undefined || !cache.enabled) return;
  delete req.headers['accept-encoding'];
  const ticket = cache.beginMiss(request.name);
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
    // Raw header lists are not read back here; such a response is simply not stored.
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
    let entry = null;
    if (keeping) {
      /** @type {Record<string, string | string[] | number | undefined>} */
      const headers = { ...res.getHeaders() };
      for (const [name, value] of Object.entries(headerArgument)) headers[name.toLowerCase()] = /** @type {string} */ (value);
      // Buffer.concat copies: the stored bytes never share memory with buffers the app may reuse.
      entry = cacheableImage(request, res.statusCode, headers, Buffer.concat(chunks, size));
    }
    cache.finishMiss(ticket, entry);
    return result;
  };
  // A response that never ends (client gone) releases its ticket.
  res.once('close', () => {
    if (finished) return;
    finished = true;
    cache.finishMiss(ticket, null);
  });
}
