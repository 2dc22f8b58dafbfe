import 'server-only';
import { createPrismaClient, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS, type PrismaClient } from '@/lib/db/client';
import { AppError } from '@/lib/domain/errors';

// One client per process; kept on globalThis so that dev-mode module reloading does not open a
// new pool on every change.
const globalForDb = globalThis as unknown as { wikiDb?: PrismaClient };

/**
 * How the production server (runtime/server.mjs, plain JavaScript outside the Next.js bundle)
 * closes the pool on shutdown: the bundle and the server share only the process, so the handle
 * lives on globalThis under a registered symbol.
 */
const CLOSE_DATABASE = Symbol.for('wiki.closeDatabase');

/**
 * A one-connection pool (the embedded database, see lib/db/embedded.ts) queues every request
 * behind that connection, so waiting for it is normal there, not a sign of trouble.
 */
const SINGLE_CONNECTION_CONNECT_TIMEOUT_MS = 30_000;

function positiveIntegerFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new AppError('INTERNAL', `${name} must be a positive whole number, not "${raw}".`);
  }
  return value;
}

export function getDb(): PrismaClient {
  if (globalForDb.wikiDb) return globalForDb.wikiDb;
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new AppError('DATABASE_UNAVAILABLE', 'DATABASE_URL is not set. Start the wiki with `npm start`, which provides the embedded database.');
  }
  const poolSize = positiveIntegerFromEnv('DATABASE_POOL_SIZE', 10);
  const client = createPrismaClient(url, {
    poolSize,
    connectTimeoutMs: positiveIntegerFromEnv('DATABASE_CONNECT_TIMEOUT_MS', poolSize === 1 ? SINGLE_CONNECTION_CONNECT_TIMEOUT_MS : DEFAULT_CONNECT_TIMEOUT_MS),
    statementTimeoutMs: positiveIntegerFromEnv('DATABASE_STATEMENT_TIMEOUT_MS', DEFAULT_STATEMENT_TIMEOUT_MS),
  });
  globalForDb.wikiDb = client;
  (globalThis as Record<symbol, unknown>)[CLOSE_DATABASE] = async () => {
    if (globalForDb.wikiDb === client) globalForDb.wikiDb = undefined;
    await client.$disconnect();
  };
  return client;
}
