import 'server-only';
import {
  createPrismaClient,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_REPLICA_CHECK_INTERVAL_MS,
  DEFAULT_REPLICA_MAX_LAG_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  type DatabaseClientOptions,
  type PrismaClient,
} from '@/lib/db/client';
import { readPositionStore } from '@/lib/db/read-position-store.mjs';
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

/** Read replicas (DATABASE_REPLICA_URLS, comma-separated); never with the embedded database. */
function replicasFromEnv(): DatabaseClientOptions['replicas'] {
  const urls = (process.env.DATABASE_REPLICA_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  if (urls.length === 0) return undefined;
  if (process.env.WIKI_EMBEDDED_DATABASE === '1') {
    console.warn('DATABASE_REPLICA_URLS is ignored: the embedded database has no replicas. Set DATABASE_URL to a PostgreSQL primary.');
    return undefined;
  }
  for (const url of urls) {
    if (!URL.canParse(url) || !/^postgres(ql)?:$/.test(new URL(url).protocol)) {
      throw new AppError('INTERNAL', `DATABASE_REPLICA_URLS must be comma-separated postgresql:// URLs; "${url.replace(/\/\/[^@/]*@/, '//…@')}" is not one.`);
    }
  }
  return {
    urls,
    maxLagMs: positiveIntegerFromEnv('DATABASE_REPLICA_MAX_LAG_MS', DEFAULT_REPLICA_MAX_LAG_MS),
    checkIntervalMs: positiveIntegerFromEnv('DATABASE_REPLICA_CHECK_INTERVAL_MS', DEFAULT_REPLICA_CHECK_INTERVAL_MS),
  };
}

/**
 * Runs `work` with its reads on the primary, for reads that must not be a moment stale even when
 * replicas serve the rest of the request: who the actor is (session version, role, block) and
 * throttle windows. Writes and transactions are on the primary anyway (lib/db/routing-pool.ts).
 */
export function readFromPrimary<T>(work: () => Promise<T>): Promise<T> {
  const { scopes } = readPositionStore();
  const scope = scopes.getStore();
  if (!scope || scope.primaryOnly) return work();
  // Awaited inside the scope: a Prisma query is a thenable that runs only when awaited, and run()
  // would otherwise hand it back to be started in the caller's scope.
  return scopes.run({ request: scope.request, primaryOnly: true }, async () => await work());
}

/**
 * Runs bookkeeping writes that no reader needs to see at once (a token's last use, a throttle
 * counter) without pinning the rest of the request, and the reader's next requests, to the primary.
 */
export function untrackedWrite<T>(work: () => Promise<T>): Promise<T> {
  const { scopes } = readPositionStore();
  const scope = scopes.getStore();
  if (!scope) return work();
  return scopes.run({ ...scope, untracked: true }, async () => await work());
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
    replicas: replicasFromEnv(),
  });
  globalForDb.wikiDb = client;
  (globalThis as Record<symbol, unknown>)[CLOSE_DATABASE] = async () => {
    if (globalForDb.wikiDb === client) globalForDb.wikiDb = undefined;
    await client.$disconnect();
  };
  return client;
}
