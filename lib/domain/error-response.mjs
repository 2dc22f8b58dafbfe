// How every error response is built: REST (lib/server/rest/errors.ts), the Atom feeds
// (lib/server/feeds.ts), the sign-in throttle (app/api/auth/[...nextauth]/route.ts) and the
// production server's database-outage answer (runtime/server.mjs). Plain JavaScript because that
// server runs without a TypeScript loader; lib/domain/error-response.d.mts declares the types.
//
// One rule for all of them: an error is never cached (the same address works again once the
// fault passes), and when the error says when to retry (a throttle's window, a database outage)
// the response says so in Retry-After, in whole seconds rounded up and at least 1 (RFC 9110
// delay-seconds: a fraction or 0 would be invalid, or an invitation to retry at once).

/** Seconds a client should wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Error responses are never stored by browsers or proxies. */
export const ERROR_CACHE_CONTROL = 'no-store';

/**
 * The Retry-After value for a wait of `seconds`.
 * @param {number} seconds
 * @returns {string}
 */
export function retryAfterValue(seconds) {
  return String(Math.max(1, Math.ceil(seconds)));
}

/**
 * The headers every error response carries, lower-case as Node and fetch write them.
 * @param {{ contentType?: string, retryAfterSeconds?: number }} [options]
 * @returns {Record<string, string>}
 */
export function errorHeaders({ contentType, retryAfterSeconds } = {}) {
  /** @type {Record<string, string>} */
  const headers = {};
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (retryAfterSeconds !== undefined) headers['retry-after'] = retryAfterValue(retryAfterSeconds);
  headers['cache-control'] = ERROR_CACHE_CONTROL;
  return headers;
}

/**
 * An error as a fetch Response (route handlers): `body` as it is, with errorHeaders and `headers`.
 * @param {string} body
 * @param {{ status: number, contentType: string, retryAfterSeconds?: number, headers?: Record<string, string> }} options
 * @returns {Response}
 */
export function errorResponse(body, { status, contentType, retryAfterSeconds, headers = {} }) {
  return new Response(body, { status, headers: { ...errorHeaders({ contentType, retryAfterSeconds }), ...headers } });
}
