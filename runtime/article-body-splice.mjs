// The article's HTML, sent once. Next.js renders a page twice over: as HTML, and as the RSC
// payload it embeds in that HTML for hydration, so a page's 60 KB of article text travelled twice
// (issue 18). For a document request this server lets the page leave the article out of the React
// tree: the page renders an empty placeholder that names the body by a digest of its HTML
// (components/SplicedArticleBody.tsx), notes the body in this request's store, and the HTML Next.js
// writes has the body put into the placeholder here, on its way out. The browser hydrates the
// placeholder without touching its content. Client-side navigations fetch the RSC payload alone;
// they are not spliced, and the page renders the body into the payload as before.
//
// Because the body is inserted below Next.js, so is the compression of these responses: Next.js is
// asked for an uncompressed body, and it is compressed here after the splice.
import { AsyncLocalStorage } from 'node:async_hooks';
import zlib from 'node:zlib';
import { encodingFor } from './page-cache-http.mjs';

/** Read by lib/server/article-body-delivery.ts inside the Next.js bundle (same process). */
export const ARTICLE_BODIES = Symbol.for('wiki.articleBodies');

// What components/SplicedArticleBody.tsx renders on the server; the digest is 22 base64url characters.
const OPENING = Buffer.from('<div class="article-body" data-wiki-body="');
const CLOSING = '"></div>';
const DIGEST_LENGTH = 22;
const PLACEHOLDER_LENGTH = OPENING.length + DIGEST_LENGTH + CLOSING.length;

const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript|atom\+xml|rss\+xml|opensearchdescription\+xml))/;
/** Quick settings: a page is compressed per response here, not once as a stored page is. */
const BROTLI_OPTIONS = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } };

/**
 * A browser's document request for a wiki page: what gets the body spliced. Not a client-side
 * navigation or a prefetch (their RSC payload is the only copy), not a form post.
 * @param {import('node:http').IncomingMessage} req
 */
export function splicesArticleBodies(req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.headers.rsc !== undefined || req.headers['next-router-prefetch'] !== undefined || req.headers['next-action'] !== undefined) return false;
  return typeof req.url === 'string' && req.url.startsWith('/wiki/');
}

/**
 * Replaces each placeholder whose digest this request noted with the body it names, in a stream
 * of chunks: a placeholder cut between two chunks is held back until the next one. Bytes are
 * searched, not decoded, and a page that noted no body (a history, a special page) passes through
 * untouched: the page notes its bodies while React renders the RSC payload, before the HTML that
 * holds their placeholders is written.
 * @param {Map<string, string>} bodies
 */
export function createBodySplicer(bodies) {
  let held = Buffer.alloc(0);
  /** @param {Buffer} chunk @returns {Buffer} */
  function push(chunk) {
    if (bodies.size === 0 && held.length === 0) return chunk;
    const bytes = held.length === 0 ? chunk : Buffer.concat([held, chunk]);
    const out = [];
    let from = 0;
    let at = bytes.indexOf(OPENING);
    while (at !== -1 && at + PLACEHOLDER_LENGTH <= bytes.length) {
      const digestAt = at + OPENING.length;
      const digest = bytes.toString('latin1', digestAt, digestAt + DIGEST_LENGTH);
      const closed = bytes.toString('latin1', digestAt + DIGEST_LENGTH, at + PLACEHOLDER_LENGTH) === CLOSING;
      const body = closed ? bodies.get(digest) : undefined;
      if (body === undefined) {
        at = bytes.indexOf(OPENING, at + 1);
        continue;
      }
      // The body goes between the placeholder's `">` and its `</div>`, which stay as they were.
      const bodyAt = digestAt + DIGEST_LENGTH + '">'.length;
      out.push(bytes.subarray(from, bodyAt), Buffer.from(body));
      from = bodyAt;
      at = bytes.indexOf(OPENING, at + PLACEHOLDER_LENGTH);
    }
    const holdFrom = Math.max(from, heldTailStart(bytes));
    out.push(bytes.subarray(from, holdFrom));
    held = Buffer.from(bytes.subarray(holdFrom));
    return out.length === 1 ? out[0] : Buffer.concat(out);
  }
  function finish() {
    const rest = held;
    held = Buffer.alloc(0);
    return rest;
  }
  return { push, finish };
}

/** Where a placeholder that the next chunk may complete starts in `bytes` (bytes.length if none). */
function heldTailStart(bytes) {
  for (let start = Math.max(0, bytes.length - (PLACEHOLDER_LENGTH - 1)); start < bytes.length; start += 1) {
    start = bytes.indexOf(0x3c, start); // '<'
    if (start === -1) break;
    const tail = bytes.subarray(start, start + OPENING.length);
    if (OPENING.subarray(0, tail.length).equals(tail)) return start;
  }
  return bytes.length;
}

/**
 * Runs `handle` with a store for the article bodies its page defers, and puts them into the HTML
 * it writes; compresses the result for a client that accepts brotli or gzip.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {() => unknown} handle
 */
export function serveWithSplicedBodies(req, res, handle) {
  const accepted = req.headers['accept-encoding'];
  delete req.headers['accept-encoding'];
  const bodies = new Map();
  const splicer = createBodySplicer(bodies);
  const { writeHead, write, end } = res;
  /** @type {null | 'plain' | zlib.BrotliCompress | zlib.Gzip} */
  let output = null;
  const choose = () => {
    if (output !== null) return output;
    const type = String(res.getHeader('content-type') ?? '');
    const encoding = accepted === undefined ? 'identity' : encodingFor(accepted);
    const bodiless = req.method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304;
    res.removeHeader('content-length');
    if (bodiless || encoding === 'identity' || !COMPRESSIBLE.test(type) || res.getHeader('content-encoding') !== undefined) {
      output = 'plain';
      return output;
    }
    res.setHeader('content-encoding', encoding);
    res.setHeader('vary', appendVary(res.getHeader('vary'), 'Accept-Encoding'));
    const stream = encoding === 'br' ? zlib.createBrotliCompress(BROTLI_OPTIONS) : zlib.createGzip();
    stream.on('data', (compressed) => write.call(res, compressed));
    stream.on('end', () => end.call(res));
    // Never an unhandled 'error' event (it would end the process): the response is cut instead.
    stream.on('error', (error) => res.destroy(error));
    output = stream;
    return output;
  };
  res.writeHead = function writeHeadSpliced(statusCode, ...rest) {
    const at = rest.findIndex((value) => value && typeof value === 'object' && !Array.isArray(value));
    if (at !== -1) {
      for (const [name, value] of Object.entries(rest[at])) if (value !== undefined) res.setHeader(name, value);
      rest.splice(at, 1);
    }
    res.statusCode = statusCode;
    choose();
    return writeHead.call(this, statusCode, ...rest);
  };
  const send = (bytes, callback) => {
    const sink = choose();
    if (sink === 'plain') return write.call(res, bytes, callback);
    sink.write(bytes, callback);
    // Streamed pages (Suspense) reach the browser as Next.js writes them, not when the page ends.
    sink.flush();
    return true;
  };
  res.write = function writeSpliced(chunk, encoding, callback) {
    const done = typeof encoding === 'function' ? encoding : callback;
    if (chunk === undefined || chunk === null) return send(Buffer.alloc(0), done);
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8');
    return send(splicer.push(bytes), done);
  };
  res.end = function endSpliced(chunk, encoding, callback) {
    const done = [chunk, encoding, callback].find((argument) => typeof argument === 'function');
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') res.write(chunk, typeof encoding === 'string' ? encoding : undefined);
    const rest = splicer.finish();
    const sink = choose();
    if (sink === 'plain') return end.call(res, rest.length > 0 ? rest : undefined, done);
    if (done) sink.once('end', () => process.nextTick(done));
    sink.end(rest);
    return res;
  };
  const storage = /** @type {AsyncLocalStorage<Map<string, string>>} */ (globalThis[ARTICLE_BODIES]);
  return storage.run(bodies, handle);
}

/** @param {unknown} current @param {string} name */
function appendVary(current, name) {
  const values =
    current === undefined
      ? []
      : String(current)
          .split(',')
          .map((value) => value.trim());
  return values.some((value) => value.toLowerCase() === name.toLowerCase() || value === '*') ? values.join(', ') : [...values, name].join(', ');
}

/** Publishes the store for the Next.js bundle; call once at start. */
export function installArticleBodyStore() {
  globalThis[ARTICLE_BODIES] ??= new AsyncLocalStorage();
}
