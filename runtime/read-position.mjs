// The front handler's side of read replicas (lib/db/routing-pool.ts routes the statements):
// - every request runs in a read scope holding the position its reader must see (the
//   wiki_read_position cookie, set after their own writes: MediaWiki's ChronologyProtector);
// - a request that may fill the page cache must also read at or past the cache floor;
// - a request that wrote answers with the primary's position after its COMMIT in that cookie;
// - another instance's invalidation raises the floor to the primary's position once it arrives
//   (until then, refills read from the primary).
// Without DATABASE_REPLICA_URLS none of this runs: one database needs no positions.
import { raiseCacheFloor, readPositionStore } from '../lib/db/read-position-store.mjs';
import {
  DEFAULT_REPLICA_MAX_LAG_MS,
  parseWalPosition,
  READ_POSITION_COOKIE,
  readPositionLifetimeSeconds,
  readPositionOfCookies,
  readPositionSetCookie,
} from '../lib/domain/read-position.mjs';

/** Whether this process reads from replicas (the same test as lib/server/db.ts makes). */
export function replicasConfigured() {
  const urls = (process.env.DATABASE_REPLICA_URLS ?? '').split(',').filter((url) => url.trim() !== '');
  return urls.length > 0 && process.env.WIKI_EMBEDDED_DATABASE !== '1';
}

function cookieLifetimeSeconds() {
  const maxLagMs = Number(process.env.DATABASE_REPLICA_MAX_LAG_MS);
  return readPositionLifetimeSeconds(Number.isSafeInteger(maxLagMs) && maxLagMs > 0 ? maxLagMs : DEFAULT_REPLICA_MAX_LAG_MS);
}

/**
 * Starts a request's read scope and returns how to run its handler inside it.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ fillsPageCache: boolean }} options
 * @returns {<T>(handler: () => T) => T}
 */
export function readScopeFor(req, res, { fillsPageCache }) {
  /** @type {import('../lib/db/read-position-store.mjs').RequestReads} */
  const request = { required: readPositionOfCookies(req.headers.cookie), useFloor: fillsPageCache, written: null };
  const cookie = () => (request.written !== null && request.written > 0n ? readPositionSetCookie(request.written, cookieLifetimeSeconds()) : null);
  // Set as soon as the write is known, not only when the headers go out: a Server Action that
  // redirects has Next.js render the target through a request of its own, which carries the
  // cookies set on this response so far, and must read what the action just wrote.
  request.onWritten = () => {
    const value = cookie();
    if (value && !res.headersSent) putCookie(res, value);
  };
  // And again at writeHead, in case something replaced the response's cookies since.
  const { writeHead } = res;
  res.writeHead = function writeHeadWithReadPosition(statusCode, ...rest) {
    const value = cookie();
    if (value) putCookie(res, value, rest);
    return writeHead.call(this, statusCode, ...rest);
  };
  const { scopes } = readPositionStore();
  return (handler) => scopes.run({ request, primaryOnly: false }, handler);
}

const isReadPositionCookie = (value) => String(value).startsWith(`${READ_POSITION_COOKIE}=`);

/**
 * Puts the read position among the response's cookies, replacing an earlier one; in writeHead's
 * headers object when it carries cookies (they win over setHeader's).
 */
function putCookie(res, cookie, writeHeadArguments = []) {
  const headers = writeHeadArguments.find((argument) => argument && typeof argument === 'object' && !Array.isArray(argument));
  const name = headers ? Object.keys(headers).find((key) => key.toLowerCase() === 'set-cookie') : undefined;
  if (headers && name) {
    headers[name] = [...[headers[name]].flat().filter((value) => !isReadPositionCookie(value)), cookie];
    return;
  }
  const existing = res.getHeader('set-cookie');
  const others =
    existing === undefined
      ? []
      : [existing]
          .flat()
          .map(String)
          .filter((value) => !isReadPositionCookie(value));
  res.setHeader('set-cookie', [...others, cookie]);
}

/**
 * Called by the invalidation listener when another instance's write arrives: refills read from
 * the primary until the primary's current position (at or past that write's COMMIT, since
 * PostgreSQL delivers a notification only after it) is known, then from replicas that far.
 * @param {() => Promise<string | null | undefined>} readPrimaryPosition
 */
export async function raiseCacheFloorAfterInvalidation(readPrimaryPosition) {
  const { floor } = readPositionStore();
  floor.pending += 1;
  try {
    const position = parseWalPosition(await readPrimaryPosition());
    if (position !== null) raiseCacheFloor(position);
  } finally {
    floor.pending -= 1;
  }
}
