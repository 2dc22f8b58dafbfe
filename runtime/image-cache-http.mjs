// The HTTP side of the image cache (image-cache.mjs): answering a warm /images request from memory
// (200, HEAD or 304), and keeping what the app sends for a cold one.
import { cacheableImage, matchesEtag } from './image-cache.mjs';
import { recordResponse } from './response-recorder.mjs';

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
  recordResponse(res, cache.maxEntryBytes, (response) => {
    cache.finishMiss(ticket, response === null ? null : cacheableImage(request, response.statusCode, response.headers, response.body));
  });
}
