// Read-your-writes across replicas (MediaWiki's ChronologyProtector): after a request writes, its
// response carries the primary's WAL position (log sequence number) after the COMMIT in a cookie,
// and the reader's next requests read only from a replica that has replayed that far. Shared by
// the data layer (lib/db, inside the Next.js bundle) and the front handler (runtime/, plain
// JavaScript), so plain JavaScript with types beside it (read-position.d.mts). Pure: no I/O.

/** How far behind the primary a replica may be before it leaves rotation, by default (DATABASE_REPLICA_MAX_LAG_MS). */
export const DEFAULT_REPLICA_MAX_LAG_MS = 5_000;

/** The cookie that carries a reader's last write position ("16/B374D848"). */
export const READ_POSITION_COOKIE = 'wiki_read_position';

const WAL_POSITION = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;

/**
 * A WAL position as PostgreSQL prints a pg_lsn ("16/B374D848": high and low 32 bits in hex), as a
 * number that compares in order; null for anything else.
 * @param {unknown} text
 * @returns {bigint | null}
 */
export function parseWalPosition(text) {
  if (typeof text !== 'string') return null;
  const match = WAL_POSITION.exec(text);
  if (!match) return null;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** @param {bigint} position @returns {string} */
export function formatWalPosition(position) {
  return `${(position >> 32n).toString(16).toUpperCase()}/${(position & 0xffffffffn).toString(16).toUpperCase()}`;
}

/**
 * The position a request's cookies ask for: the furthest valid one when the cookie is repeated
 * (a stale copy on another path must not win), 0n when there is none.
 * @param {string | undefined} cookieHeader
 * @returns {bigint}
 */
export function readPositionOfCookies(cookieHeader) {
  let furthest = 0n;
  for (const part of (cookieHeader ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at === -1 || part.slice(0, at).trim() !== READ_POSITION_COOKIE) continue;
    const position = parseWalPosition(decodeCookieValue(part.slice(at + 1).trim()));
    if (position !== null && position > furthest) furthest = position;
  }
  return furthest;
}

/**
 * A cookie value as sent: raw ("0/3000148", as this wiki sets it) or percent-encoded ("0%2F3000148",
 * as Next.js re-encodes the cookies it forwards when it renders a Server Action's redirect).
 * @param {string} value
 */
function decodeCookieValue(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * How long a reader's position is kept: long enough for any replica still in rotation to have
 * replayed past it (one lagging more than maxLagMs is taken out), never under MediaWiki's 10 s.
 * @param {number} maxLagMs
 */
export function readPositionLifetimeSeconds(maxLagMs) {
  return Math.max(10, Math.ceil((2 * maxLagMs) / 1000));
}

/**
 * The Set-Cookie value for a position. It is no secret (a log offset), but scripts have no use for
 * it either, hence HttpOnly; SameSite=Lax keeps it on top-level navigations from elsewhere.
 * @param {bigint} position @param {number} maxAgeSeconds
 */
export function readPositionSetCookie(position, maxAgeSeconds) {
  return `${READ_POSITION_COOKIE}=${formatWalPosition(position)}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax`;
}
