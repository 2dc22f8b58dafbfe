import pg from 'pg';
import { parseWalPosition } from '@/lib/domain/read-position.mjs';
import { isReadOnlyStatement, replicaErrorFallsBack } from '@/lib/domain/replica-routing';
import { raiseCacheFloor, readPositionStore, type ReadScope } from './read-position-store.mjs';
import type { ReplicaSet } from './replica-set';

type QueryConfig = string | { text: string; values?: unknown[] };

const CURRENT_POSITION = 'SELECT pg_current_wal_lsn()::text AS position';
const COMMIT = /^\s*(commit|end)\s*;?\s*$/i;
/** Marks a pooled connection whose COMMITs are already watched (connections are reused). */
const WATCHED = Symbol('wiki.commitWatched');

function textOf(config: unknown): string | null {
  if (typeof config === 'string') return config;
  if (typeof config === 'object' && config !== null && typeof (config as { text?: unknown }).text === 'string') return (config as { text: string }).text;
  return null;
}

/**
 * The one place that decides where a statement runs when read replicas are configured
 * (DATABASE_REPLICA_URLS): it is the pool under the Prisma client and the job queue, so no caller
 * chooses. The rule:
 * - inside a web request (a read scope started by runtime/read-position.mjs), a statement outside a
 *   transaction that only reads goes to a replica in rotation that has replayed at least the
 *   position the reader must see (their own last write, from the cookie; for a page-cache refill,
 *   the cache floor), or to the primary when none has;
 * - everything else goes to the primary: transactions (pool.connect()), writes, reads in a
 *   readFromPrimary scope (session checks, throttles), reads after the request's own write, and
 *   everything outside a web request (background jobs, commands, the migrator).
 * After each write it notes the primary's position (pg_current_wal_lsn() right after the COMMIT):
 * the request's response carries it to the reader, and it raises this process's cache floor.
 */
export class RoutingPool extends pg.Pool {
  constructor(
    config: pg.PoolConfig,
    readonly replicas: ReplicaSet,
  ) {
    super(config);
    // An idle connection dropped by a stopped primary emits 'error' on the pool, which would end the
    // process unheard. The Prisma adapter listens once Prisma connects; the replica monitor reads
    // the primary's position through this pool before that, so the pool listens for itself too.
    this.on('error', () => undefined);
  }

  // pg.Pool's query has callback overloads; the Prisma adapter and pg-boss use the promise form.
  // Callback calls keep pg's own behaviour on the primary.
  override query(...args: unknown[]): never {
    const [config, values, callback] = args;
    if (typeof values === 'function' || typeof callback === 'function') return (super.query as (...a: unknown[]) => never)(...args);
    return this.route(config as QueryConfig, values as unknown[] | undefined) as never;
  }

  private async route(config: QueryConfig, values: unknown[] | undefined): Promise<pg.QueryResult> {
    const scope = readPositionStore().scopes.getStore();
    const text = textOf(config);
    if (text !== null && isReadOnlyStatement(text)) {
      const replica = scope ? await this.replicaFor(scope) : null;
      if (replica) {
        try {
          const result = await replica.pool.query(config as string, values);
          this.replicas.reads.replica += 1;
          return result;
        } catch (error) {
          const { retry, replicaDown } = replicaErrorFallsBack(error);
          if (!retry) throw error;
          if (replicaDown) this.replicas.markDown(replica, error);
        }
      }
      this.replicas.reads.primary += 1;
      return super.query(config as string, values);
    }
    const result = await super.query(config as string, values);
    if (!scope?.untracked) await this.notePrimaryPosition((sql) => super.query(sql));
    return result;
  }

  private async replicaFor(scope: ReadScope) {
    const { request } = scope;
    if (scope.primaryOnly || request.written !== null) return null;
    const { floor } = readPositionStore();
    if (request.useFloor && floor.pending > 0) return null;
    const required = request.useFloor && floor.position > request.required ? floor.position : request.required;
    return this.replicas.pick(required);
  }

  /** After a write: where the primary is now, for the request's cookie and the cache floor. */
  private async notePrimaryPosition(read: (sql: string) => Promise<pg.QueryResult>): Promise<void> {
    let position: bigint | null;
    try {
      position = parseWalPosition((await read(CURRENT_POSITION)).rows[0]?.position);
    } catch {
      // The write is committed; without its position the request merely reads from the primary.
      position = null;
    }
    const scope = readPositionStore().scopes.getStore();
    if (position === null) {
      if (scope && !scope.untracked) scope.request.written = scope.request.written ?? 0n;
      return;
    }
    raiseCacheFloor(position);
    if (scope && !scope.untracked && (scope.request.written === null || position > scope.request.written)) {
      scope.request.written = position;
      scope.request.onWritten?.();
    }
  }

  // Transactions always run on the primary; each connection's COMMIT is watched once.
  override connect(...args: unknown[]): never {
    const [callback] = args;
    if (typeof callback === 'function') {
      return (super.connect as unknown as (cb: unknown) => never)((error: Error | undefined, client: pg.PoolClient | undefined, done: unknown) => {
        if (client) this.watchCommits(client);
        (callback as (...a: unknown[]) => void)(error, client, done);
      });
    }
    return (super.connect() as Promise<pg.PoolClient>).then((client) => {
      this.watchCommits(client);
      return client;
    }) as never;
  }

  private watchCommits(client: pg.PoolClient): void {
    const marked = client as unknown as Record<symbol, boolean>;
    if (marked[WATCHED]) return;
    marked[WATCHED] = true;
    const query = client.query.bind(client) as (...a: unknown[]) => unknown;
    (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const result = query(...args);
      const text = textOf(args[0]);
      if (text === null || !COMMIT.test(text) || !(result instanceof Promise)) return result;
      return result.then(async (committed: unknown) => {
        await this.notePrimaryPosition((sql) => query(sql) as Promise<pg.QueryResult>);
        return committed;
      });
    };
  }

  override async end(): Promise<void> {
    await Promise.all([super.end(), this.replicas.end()]);
  }
}
