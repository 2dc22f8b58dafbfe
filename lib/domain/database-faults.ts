/**
 * Recognizes the errors that mean "the database cannot serve us right now" (down, restarting,
 * unreachable, every pooled connection busy, a statement cut off by statement_timeout), as opposed
 * to bugs. They reach us in several wrappings: node-postgres errors, the Prisma adapter's
 * DriverAdapterError (in `meta.driverAdapterError.cause`), Prisma's own error codes, and plain
 * Errors from pg-pool. Only the shape is inspected, so this stays free of Prisma and pg imports.
 */

/** Seconds a client should wait before retrying (Retry-After); shared with the production server. */
export { DATABASE_RETRY_AFTER_SECONDS } from './error-response.mjs';

// Prisma: P1001 can't reach server, P1002 server timed out, P1008 operation timed out,
// P1017 server closed the connection, P2024 timed out fetching a connection from the pool,
// P2028 an interactive transaction that could not start or outlived its time limit (a save
// queued behind the page lock under heavy load): busy, not broken, so retrying is right.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);

// What @prisma/adapter-pg reports for socket-level failures.
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

// Node socket errors as pg passes them on.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57014 query_canceled (statement_timeout),
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up),
 * 53300 too_many_connections, 25P03 idle_in_transaction_session_timeout.
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || ['57014', '57P01', '57P02', '57P03', '53300', '25P03'].includes(code);
}

// Messages of pg and pg-pool that carry no code.
const MESSAGE_PATTERNS = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /client has encountered a connection error/i,
  /query read timeout/i,
  /unable to start a transaction in the given time/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function describesFault(error: Record<string, unknown>): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code)) return true;
  if (/^[0-9A-Z]{5}$/.test(code) && isUnavailableSqlState(code)) return true;
  if (typeof error.kind === 'string' && ADAPTER_KINDS.has(error.kind)) return true;
  if (typeof error.originalCode === 'string' && isUnavailableSqlState(error.originalCode)) return true;
  const message = typeof error.message === 'string' ? error.message : '';
  return MESSAGE_PATTERNS.some((pattern) => pattern.test(message));
}

/** The error itself, its `cause` chain and the adapter error Prisma keeps in `meta`. */
function* relatedErrors(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0 && seen.size < 20) {
    const current = pending.shift();
    if (!isRecord(current) || seen.has(current)) continue;
    seen.add(current);
    yield current;
    pending.push(current.cause);
    const meta = current.meta;
    if (isRecord(meta) && isRecord(meta.driverAdapterError)) pending.push(meta.driverAdapterError);
  }
}

export function isDatabaseUnavailableError(error: unknown): boolean {
  for (const candidate of relatedErrors(error)) if (describesFault(candidate)) return true;
  return false;
}
