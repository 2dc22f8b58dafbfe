// Cross-instance invalidation of the page cache: every instance LISTENs on PostgreSQL's
// PAGE_CACHE_CHANNEL, where writes (lib/server/page-cache.ts) send the paths they made stale with
// pg_notify, in the payloads of lib/domain/page-cache-protocol.mjs. PostgreSQL delivers a notification only after its transaction commits.
// While this connection is down a notification may be missed, so the cache is cleared and turned
// off until LISTEN is re-established: a reader may get a slower page, never a stale one.
import pg from 'pg';
import { PAGE_CACHE_CHANNEL, parseInvalidationPayload } from '../lib/domain/page-cache-protocol.mjs';

const HEARTBEAT_MS = 5_000;
const MAX_BACKOFF_MS = 10_000;

/**
 * @param {{
 *   connectionString: string,
 *   cache: Pick<import('./page-cache.mjs').PageCache, 'setEnabled' | 'clear' | 'invalidate'>,
 *   log?: (message: string) => void,
 *   onInvalidation?: (readPrimaryPosition: () => Promise<string | undefined>) => Promise<void>,
 * }} options
 * `onInvalidation` runs before the cache drops the paths (with read replicas: raising the cache
 * floor, runtime/read-position.mjs), given a way to read the primary's WAL position on this
 * connection.
 * @returns {{ close(): Promise<void> }}
 */
export function listenForPageInvalidations({ connectionString, cache, log = console.log, onInvalidation }) {
  let closed = false;
  let backoffMs = 250;
  /** @type {pg.Client | null} */
  let client = null;
  /** @type {NodeJS.Timeout | null} */
  let timer = null;
  let wasUp = false;

  const down = (reason) => {
    if (closed) return;
    cache.setEnabled(false);
    if (wasUp) log(`Caches off: lost the invalidation listener (${reason}); reconnecting.`);
    wasUp = false;
    const stale = client;
    client = null;
    stale?.removeAllListeners();
    stale?.on('error', () => {});
    stale?.end().catch(() => {});
    if (timer) clearTimeout(timer);
    timer = setTimeout(connect, backoffMs);
    timer.unref();
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
  };

  const onNotification = (message) => {
    if (message.channel !== PAGE_CACHE_CHANNEL) return;
    const current = client;
    if (onInvalidation && current) {
      const readPosition = async () => (await current.query('SELECT pg_current_wal_lsn()::text AS position')).rows[0]?.position;
      // A position that cannot be read leaves the floor unknown: the cache goes off until LISTEN is back.
      onInvalidation(readPosition).catch((error) => current === client && down(error instanceof Error ? error.message : String(error)));
    }
    const paths = parseInvalidationPayload(message.payload);
    if (paths === 'all') cache.clear();
    else cache.invalidate(paths);
  };

  async function connect() {
    timer = null;
    if (closed) return;
    const attempt = new pg.Client({ connectionString, keepAlive: true, connectionTimeoutMillis: 3_000, query_timeout: 3_000 });
    client = attempt;
    attempt.on('error', (error) => attempt === client && down(error.message));
    attempt.on('end', () => attempt === client && down('connection closed'));
    attempt.on('notification', onNotification);
    try {
      await attempt.connect();
      // A channel name is an identifier, which cannot be a query parameter; this one is a constant.
      await attempt.query(`LISTEN ${PAGE_CACHE_CHANNEL}`);
    } catch (error) {
      if (attempt === client) down(error instanceof Error ? error.message : String(error));
      return;
    }
    if (attempt !== client || closed) return;
    // Whatever happened while nobody listened is unknown: start empty.
    cache.setEnabled(true);
    wasUp = true;
    backoffMs = 250;
    heartbeat(attempt);
  }

  // A silent network partition is noticed by the heartbeat's query timeout, not by TCP.
  function heartbeat(current) {
    timer = setTimeout(async () => {
      if (closed || current !== client) return;
      try {
        await current.query('SELECT 1');
        heartbeat(current);
      } catch (error) {
        if (current === client) down(error instanceof Error ? error.message : String(error));
      }
    }, HEARTBEAT_MS);
    timer.unref();
  }

  cache.setEnabled(false);
  void connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
