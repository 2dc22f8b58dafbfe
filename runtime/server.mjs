// The production HTTP server: Next.js behind a thin Node front handler (a "custom server"). It
// owns what Next.js cannot do from inside a request:
// - a trustworthy client address and site address: Next.js keeps X-Forwarded-* headers sent by the
//   client, so anyone could dodge per-IP throttles by inventing X-Forwarded-For, and make next-auth
//   (which trusts the forwarded host and scheme without NEXTAUTH_URL) take another site for this
//   one. Unless TRUST_PROXY is set (the wiki sits behind a reverse proxy that sets them),
//   X-Forwarded-For is replaced by the socket's real address and the forwarded host, scheme and
//   port are dropped, so Next.js fills them in from the connection itself.
// - 503 for pages that failed because the database is unavailable (a page cannot set its status).
// - a graceful stop on SIGTERM/SIGINT.
// - the anonymous page cache: warm anonymous article views are answered from memory before
//   Next.js's pipeline (runtime/page-cache.mjs; docs/page-cache.md). It stores only what
//   proxy.ts declares cacheable under the request's exact key, and strips that declaration.
// - the article's HTML sent once: a document request gets the article body put into the HTML
//   here, so that the page can leave it out of its RSC payload (runtime/article-body-splice.mjs).
// - the image cache: public /images responses (immutable, content-addressed) answered from memory
//   the same way (runtime/image-cache.mjs), dropped with their File page's path.
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { DATABASE_RETRY_AFTER_SECONDS, errorHeaders } from '../lib/domain/error-response.mjs';
import { escapeHtml } from '../lib/domain/html.mjs';
import { LOCALES, localeCookieOf, negotiateLocale } from '../lib/i18n/negotiate-locale.mjs';
import { cacheKeyOf, PageCache, pageCacheBytesFromEnv } from './page-cache.mjs';
import { answerFromPageCache, capturePageForCache, withholdCacheKeyDeclaration } from './page-cache-http.mjs';
import { listenForPageInvalidations } from './page-cache-listener.mjs';
import { ImageCache, imageCacheBytesFromEnv, imageRequestOf, invalidationTarget } from './image-cache.mjs';
import { answerFromImageCache, captureImageForCache } from './image-cache-http.mjs';
import { installArticleBodyStore, serveWithSplicedBodies, splicesArticleBodies } from './article-body-splice.mjs';
import { raiseCacheFloorAfterInvalidation, readScopeFor, replicasConfigured } from './read-position.mjs';

// Session cookies are signed with this secret; without it next-auth would fail on the first
// sign-in instead of at start. `npm start` provides one (NEXTAUTH_SECRET from data/auth-secret).
if (!process.env.NEXTAUTH_SECRET && !process.env.AUTH_SECRET) {
  console.error('Cannot start the wiki: set NEXTAUTH_SECRET (or AUTH_SECRET) to a long random string, e.g. `openssl rand -base64 32`; it signs session cookies.');
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME_BIND ?? '0.0.0.0';
/** What a client may claim about the site's own address; believed only from a trusted proxy. */
const CLIENT_FORWARDED_ADDRESS = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port'];
const trustProxy = ['1', 'true', 'yes'].includes(String(process.env.TRUST_PROXY ?? '').toLowerCase());
/** In-flight requests get this long after SIGTERM; orchestrators usually kill after 10 s. */
const SHUTDOWN_DEADLINE_MS = 8_000;

// Per-request notes shared with instrumentation.ts (inside the Next.js bundle), which flags the
// request when a page failed because the database is unavailable. Same process, different module
// graphs: globalThis under a registered symbol is what both can see.
const requestFaults = new AsyncLocalStorage();
globalThis[Symbol.for('wiki.requestFaults')] = requestFaults;

// The page and image caches, and how the app reaches them (lib/server/page-cache.ts): writes drop
// the paths they made stale right after their COMMIT (a File page's path drops its images too), and
// a render notes when its page stops being true (a protection expiring) through the ticket of the
// miss it is rendering.
const pageCache = new PageCache({ maxBytes: pageCacheBytesFromEnv() });
const imageCache = new ImageCache({ maxBytes: imageCacheBytesFromEnv() });
const caches = invalidationTarget(pageCache, imageCache);
const pageCacheMiss = new AsyncLocalStorage();
globalThis[Symbol.for('wiki.pageCache')] = {
  invalidate: (paths) => caches.invalidate(paths),
  clear: () => caches.clear(),
  limitLifetime(untilMs) {
    const ticket = pageCacheMiss.getStore();
    if (ticket) ticket.until = Math.min(ticket.until, untilMs);
  },
};

installArticleBodyStore();

const app = next({ dev: false, dir: process.cwd(), port, hostname: 'localhost' });
const handle = app.getRequestHandler();
await app.prepare();

/**
 * Other instances' writes arrive as PostgreSQL notifications. The embedded database serves one
 * process (and its socket server shares one session between connections, so a listening
 * connection would disturb the app's): there, this process's own invalidation is all there is.
 */
const readsFromReplicas = replicasConfigured();
if (readsFromReplicas) console.log('Read replicas on: reads are served by replicas that have replayed what each reader must see.');

function startPageCacheInvalidation() {
  if (imageCache.maxBytes === 0) console.log('Image cache off (WIKI_IMAGE_CACHE_MB=0).');
  if (pageCache.maxBytes === 0) console.log('Page cache off (WIKI_PAGE_CACHE_MB=0).');
  if (pageCache.maxBytes === 0 && imageCache.maxBytes === 0) return null;
  const url = process.env.DATABASE_URL;
  if (!url || process.env.WIKI_EMBEDDED_DATABASE === '1') {
    console.log('Caches on; single instance (embedded database): invalidated in this process only.');
    return null;
  }
  console.log("Caches on; other instances' writes arrive through PostgreSQL LISTEN/NOTIFY.");
  // LISTEN needs a session of its own: behind PgBouncer's transaction pooling, a direct connection.
  return listenForPageInvalidations({
    connectionString: process.env.DATABASE_DIRECT_URL || url,
    cache: caches,
    onInvalidation: readsFromReplicas ? raiseCacheFloorAfterInvalidation : undefined,
  });
}
const pageCacheListener = startPageCacheInvalidation();

// What a reader gets instead of an error page that Next.js could only fill in with JavaScript
// (MediaWiki, too, answers a database outage with a bare page and 503), in the reader's language
// with the wording of the error catalogs.
const UNAVAILABLE_PAGES = Object.fromEntries(
  LOCALES.map((locale) => {
    const catalog = (name) => JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'messages', locale, `${name}.json`), 'utf8'));
    const { kind, generic } = catalog('errors');
    const boundary = catalog('boundary');
    const title = escapeHtml(kind.databaseUnavailable);
    return [
      locale,
      `<!DOCTYPE html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title></head>
<body><main><h1>${title}</h1>
<p>${escapeHtml(generic.databaseUnavailable)}</p>
<p><a href="">${escapeHtml(boundary.tryAgain)}</a></p></main></body></html>
`,
    ];
  }),
);

/**
 * A request that failed because the database is unavailable (flagged by instrumentation.ts)
 * answers 503 with Retry-After instead of 500; a page gets UNAVAILABLE_PAGES' as its body. Next.js
 * (and its compression) write through these methods, so the swap happens below all of them.
 */
function answerUnavailableOnDatabaseFault(req, res, faults) {
  const { writeHead, write, end } = res;
  const failedOnDatabase = () => faults.databaseUnavailable && res.statusCode >= 500;
  let replaced = false;
  res.writeHead = function writeHeadChecked(statusCode, ...rest) {
    if (!faults.databaseUnavailable || statusCode < 500) return writeHead.call(this, statusCode, ...rest);
    // Retry-After and no-store as every error response has them (lib/domain/error-response.mjs).
    for (const [name, value] of Object.entries(errorHeaders({ retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS }))) res.setHeader(name, value);
    const headerArgument = rest.find((argument) => argument && typeof argument === 'object' && !Array.isArray(argument));
    const contentType = res.getHeader('content-type') ?? headerArgument?.['content-type'] ?? headerArgument?.['Content-Type'];
    const isPage = String(contentType ?? '').includes('text/html');
    if (!isPage) return writeHead.call(this, 503, ...rest);
    replaced = true;
    for (const name of ['content-encoding', 'content-length', 'etag', 'vary']) res.removeHeader(name);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    return writeHead.call(this, 503);
  };
  res.write = function writeChecked(chunk, encoding, callback) {
    if (!res.headersSent && failedOnDatabase()) res.writeHead(res.statusCode);
    if (!replaced) return write.call(this, chunk, encoding, callback);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done);
    return true;
  };
  res.end = function endChecked(chunk, encoding, callback) {
    if (!res.headersSent && failedOnDatabase()) res.writeHead(res.statusCode);
    if (!replaced) return end.call(this, chunk, encoding, callback);
    const locale = negotiateLocale({ cookie: localeCookieOf(req.headers.cookie), acceptLanguage: req.headers['accept-language'] });
    return end.call(
      this,
      UNAVAILABLE_PAGES[locale],
      'utf8',
      [chunk, encoding, callback].find((arg) => typeof arg === 'function'),
    );
  };
}

let stopping = false;

// Requests started so far: the re-render worker waits while readers keep the server busy
// (lib/server/templates/worker.ts reads it through globalThis, the only thing the bundle shares).
const requestCounter = { count: 0 };
globalThis[Symbol.for('wiki.requestCounter')] = requestCounter;

const server = http.createServer((req, res) => {
  requestCounter.count += 1;
  if (!trustProxy) {
    req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? 'unknown';
    for (const name of CLIENT_FORWARDED_ADDRESS) delete req.headers[name];
  }
  // A request that arrives on a kept-alive connection during shutdown is still served, but its
  // connection is closed afterwards so that the server can finish.
  if (stopping) res.setHeader('connection', 'close');
  const image = imageCache.enabled ? imageRequestOf(req) : null;
  if (image !== null && answerFromImageCache(imageCache, image, req, res)) return;
  const cacheKey = pageCache.maxBytes > 0 ? cacheKeyOf(req) : null;
  if (cacheKey !== null && answerFromPageCache(pageCache, cacheKey, req, res)) return;
  const faults = { databaseUnavailable: false };
  answerUnavailableOnDatabaseFault(req, res, faults);
  // The splice wraps the response last, so that what Next.js writes passes through it first and
  // the page cache records (and compresses) the page with its article in place.
  const serve = () => (splicesArticleBodies(req) ? serveWithSplicedBodies(req, res, () => handle(req, res)) : handle(req, res));
  if (cacheKey === null) {
    withholdCacheKeyDeclaration(res);
    if (image !== null) captureImageForCache(imageCache, image, req, res);
    const render = readsFromReplicas ? () => readScopeFor(req, res, { fillsPageCache: false })(serve) : serve;
    return requestFaults.run(faults, render);
  }
  const ticket = capturePageForCache(pageCache, cacheKey, req, res);
  const render = readsFromReplicas ? () => readScopeFor(req, res, { fillsPageCache: true })(serve) : serve;
  requestFaults.run(faults, () => pageCacheMiss.run(ticket, render));
});

server.listen(port, hostname, () => console.log(`✓ Ready on port ${port}`));

/**
 * Stops the background worker (its running jobs are failed, to be retried by any instance; set by
 * lib/server/templates/worker.ts), then ends the app's database pool (the handle is set by
 * lib/server/db.ts when the pool opens).
 */
async function closeDatabase() {
  const stopWork = globalThis[Symbol.for('wiki.stopBackgroundWork')];
  if (typeof stopWork === 'function') await stopWork().catch((error) => console.error('Stopping the re-render queue failed:', error));
  const close = globalThis[Symbol.for('wiki.closeDatabase')];
  if (typeof close === 'function') await close();
}

/**
 * Graceful stop: refuse new connections at once, let in-flight requests (saves) finish, close
 * the database pool, exit 0. A second signal, or requests still running at the deadline, force
 * an exit with status 1 (the caller should know that requests were cut off).
 */
function stop(signal) {
  if (stopping) {
    console.log(`${signal} again: stopping now.`);
    process.exit(1);
  }
  stopping = true;
  console.log(`${signal}: finishing in-flight requests, then stopping.`);
  const deadline = setTimeout(() => {
    console.error(`Requests still running after ${SHUTDOWN_DEADLINE_MS / 1000} s; stopping anyway.`);
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS);
  deadline.unref();
  // server.close() stops listening and closes idle keep-alive connections; connections that are
  // busy now become idle once their response is written and are closed by the sweep.
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  server.close(async () => {
    clearInterval(sweep);
    await pageCacheListener?.close();
    try {
      await closeDatabase();
    } catch (error) {
      console.error('Closing the database pool failed:', error);
    }
    process.exit(0);
  });
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

// `npm start` (runtime/start.ts) runs this server with an IPC channel. If that process dies
// without forwarding a signal (killed with SIGKILL, crashed), nobody would stop this server, and
// with the embedded database its database is gone with it: the channel closes, and the server
// stops as if told to.
if (process.send) process.on('disconnect', () => stop('npm start exited'));

// Output whose reader is gone (a closed terminal or pipe) is dropped. Unhandled, each failed write
// raised an error that Next.js logged to the same closed stream, which failed again: an orphaned
// server spent a quarter of a core on this loop, forever.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
