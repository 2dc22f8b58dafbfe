import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { parseWalPosition } from '@/lib/domain/read-position.mjs';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { readPositionStore } from './read-position-store.mjs';
import { ReplicaSet } from './replica-set';
import { RoutingPool } from './routing-pool';

export interface DatabaseClientOptions {
  /** Connections in the pool. */
  poolSize?: number;
  /** How long a query waits for a pooled connection (busy pool) or to connect (server down). */
  connectTimeoutMs?: number;
  /** PostgreSQL cancels a statement that runs longer (statement_timeout). */
  statementTimeoutMs?: number;
  /** Streaming replicas for reads (lib/db/routing-pool.ts); none: every statement on databaseUrl. */
  replicas?: { urls: readonly string[]; maxLagMs: number; checkIntervalMs: number };
}

export { DEFAULT_REPLICA_MAX_LAG_MS } from '@/lib/domain/read-position.mjs';
export const DEFAULT_REPLICA_CHECK_INTERVAL_MS = 1_000;

export const DEFAULT_CONNECT_TIMEOUT_MS = 3_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;

/**
 * Builds a Prisma client over node-postgres. Timeouts are deliberate: when the database is down or
 * the pool is exhausted a request must fail fast with a clear error, never hang.
 */
export function createPrismaClient(databaseUrl: string, options: DatabaseClientOptions = {}): PrismaClient {
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  // The pool is made here, not by the adapter, so that the job queue (lib/server/templates/queue.ts)
  // can share it: on the embedded database one connection serves the whole process, and a second
  // pool's queries would interleave with this one's in PGlite's single session.
  const poolConfig: pg.PoolConfig = {
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    statement_timeout: statementTimeoutMs,
    // The client-side guard for when the server stops answering without closing the socket
    // (a network partition), where statement_timeout cannot fire.
    query_timeout: statementTimeoutMs + 2_000,
    // A transaction left open by a crashed request must not hold its row locks forever.
    idle_in_transaction_session_timeout: statementTimeoutMs * 2,
    keepAlive: true,
  };
  const pool = options.replicas?.urls.length ? routingPool(poolConfig, options.replicas, statementTimeoutMs) : new pg.Pool(poolConfig);
  const adapter = new PrismaPg(pool, {
    disposeExternalPool: true,
    // When the server goes away, pg emits 'error' on idle pooled clients and on clients inside a
    // transaction; the adapter listens (an unheard 'error' would kill the process) and passes
    // them here. The pool drops those clients itself; the request that was using one fails
    // with its own error, which becomes a 503 (lib/domain/database-faults.ts).
    onPoolError: (error) => console.warn(`Database connection lost (idle): ${error.message}`),
    onConnectionError: (error) => console.warn(`Database connection lost (in use): ${error.message}`),
  });
  // A transaction waits for a pooled connection as long as a query does: Prisma's own default
  // (2 s) would refuse saves that queue behind the embedded database's one connection, which is
  // allowed to wait far longer (lib/server/db.ts). Once open, it may run as long as one statement
  // may: Prisma's own 5 s limit cut saves that waited their turn for a busy page's row lock (50
  // writers on one page on a loaded machine) before statement_timeout, the one limit meant for it.
  const client = new PrismaClient({
    adapter,
    transactionOptions: { maxWait: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, timeout: statementTimeoutMs },
  });
  (client as unknown as Record<symbol, pg.Pool>)[POOL] = pool;
  return client;
}

function routingPool(config: pg.PoolConfig, replicas: NonNullable<DatabaseClientOptions['replicas']>, statementTimeoutMs: number): RoutingPool {
  const pool: RoutingPool = new RoutingPool(
    config,
    new ReplicaSet(replicas.urls, {
      ...replicas,
      poolSize: config.max ?? 10,
      statementTimeoutMs,
      // Straight to the primary: the monitor is no request, and its reads must not be routed.
      primaryPosition: async () => {
        const primaryQuery = pg.Pool.prototype.query as (this: pg.Pool, sql: string) => Promise<pg.QueryResult<{ position: string }>>;
        const { rows } = await primaryQuery.call(pool, 'SELECT pg_current_wal_lsn()::text AS position');
        const position = parseWalPosition(rows[0]?.position);
        if (position === null) throw new Error('The primary reported no WAL position.');
        return position;
      },
    }),
  );
  // Outside any request's read scope: the monitor's timers would otherwise carry the scope of the
  // request that happened to open the pool.
  readPositionStore().scopes.exit(() => pool.replicas.start());
  return pool;
}

/**
 * Where a client keeps its pool: a registered symbol on the client itself, not a module-level map,
 * because the Next.js server bundles this module into several chunks (routes, instrumentation)
 * that share one client (lib/server/db.ts keeps it on globalThis) but not their module state.
 */
const POOL = Symbol.for('wiki.pgPool');

/**
 * The read replicas behind a client, or null without any. Found through the pool's own field, not
 * `instanceof RoutingPool`: each bundle chunk has its own copy of the class (see POOL).
 */
export function replicaSetOf(client: PrismaClient): ReplicaSet | null {
  const replicas = (poolOf(client) as Partial<RoutingPool>).replicas;
  return replicas ?? null;
}

/** The node-postgres pool under a client made by createPrismaClient (ended with the client). */
export function poolOf(client: PrismaClient): pg.Pool {
  const pool = (client as unknown as Record<symbol, pg.Pool | undefined>)[POOL];
  if (!pool) throw new Error('This Prisma client was not made by createPrismaClient.');
  return pool;
}

export type { PrismaClient };
