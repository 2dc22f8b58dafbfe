// Where a request's read position lives while it runs, shared by the front handler
// (runtime/read-position.mjs starts one per request) and the database pool (lib/db/routing-pool.ts
// routes each statement by it). The two are different module graphs in one process (the Next.js
// bundle and plain Node), so the store is kept on globalThis under a registered symbol.
import { AsyncLocalStorage } from 'node:async_hooks';

const STORE = Symbol.for('wiki.readPosition');

/**
 * @typedef {{
 *   required: bigint,
 *   useFloor: boolean,
 *   written: bigint | null,
 *   onWritten?: () => void,
 * }} RequestReads
 * `required`: the position the reader's cookie asks for; `useFloor`: the request may fill the page
 * cache, so it must also read at or past the process's cache floor; `written`: the primary's
 * position after this request's last write (null until it writes); `onWritten`: called when
 * `written` moves, so that the response can carry it at once.
 *
 * @typedef {{ request: RequestReads, primaryOnly: boolean, untracked?: boolean }} ReadScope
 * `untracked`: writes in this scope are bookkeeping no reader needs to see (a token's last use, a
 * throttle counter), so they do not pin the reader to the primary.
 *
 * @typedef {{ position: bigint, pending: number }} CacheFloor
 * The position every cache refill must read at or past: raised by this process's own writes and by
 * other instances' invalidations; `pending` counts invalidations whose position is still being
 * read from the primary (refills then read from the primary).
 */

/** @returns {{ scopes: AsyncLocalStorage<ReadScope>, floor: CacheFloor }} */
export function readPositionStore() {
  const holder = /** @type {Record<symbol, unknown>} */ (globalThis);
  holder[STORE] ??= { scopes: new AsyncLocalStorage(), floor: { position: 0n, pending: 0 } };
  return /** @type {{ scopes: AsyncLocalStorage<ReadScope>, floor: CacheFloor }} */ (holder[STORE]);
}

/** Raises the cache floor to a position the primary reached after an invalidating commit. @param {bigint} position */
export function raiseCacheFloor(position) {
  const { floor } = readPositionStore();
  if (position > floor.position) floor.position = position;
}
