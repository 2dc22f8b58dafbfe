import pg from 'pg';
import { formatWalPosition, parseWalPosition } from '@/lib/domain/read-position.mjs';
import { ReplicationLag } from '@/lib/domain/replica-routing';

export interface ReplicaSetOptions {
  /** A replica further behind than this is taken out of rotation (DATABASE_REPLICA_MAX_LAG_MS). */
  maxLagMs: number;
  /** How often each replica's position and lag are read (DATABASE_REPLICA_CHECK_INTERVAL_MS). */
  checkIntervalMs: number;
  poolSize: number;
  statementTimeoutMs: number;
  /** The primary's current WAL position (pg_current_wal_lsn()). */
  primaryPosition: () => Promise<bigint>;
  /**
   * Where rotation changes are reported: standard error by default (console.warn), since the
   * maintenance CLI opens the same client and its standard output is the command's result.
   */
  log?: (message: string) => void;
}

/** What /w/health shows of a replica: no URL, so no password. */
export interface ReplicaHealth {
  name: string;
  host: string;
  inRotation: boolean;
  lagMs: number | null;
  replayPosition: string | null;
  lastError: string | null;
}

interface Replica {
  name: string;
  host: string;
  pool: pg.Pool;
  inRotation: boolean;
  lagMs: number | null;
  /** The furthest position this replica is known to have replayed. */
  replayed: bigint | null;
  lastError: string | null;
  /** An in-flight read of the replay position, shared by the readers that need a fresher one. */
  refreshing: Promise<bigint | null> | null;
}

/** An unreachable replica must cost a reader little: the read then goes to the primary. */
const REPLICA_CONNECT_TIMEOUT_MS = 1_000;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The read replicas of one process and what it knows of them: which are in rotation (reachable and
 * at most maxLagMs behind), how far each has replayed, and which may serve a read that must see a
 * given position. A monitor reads every replica's position each checkIntervalMs; readers that need
 * a position the monitor has not seen yet ask once more (shared), and otherwise read from the
 * primary: a replica is never waited for.
 */
export class ReplicaSet {
  private readonly replicas: Replica[];
  private readonly lag: ReplicationLag;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private ended = false;
  /** Reads answered by each side since start, for /w/health and the benchmark. */
  readonly reads = { primary: 0, replica: 0 };

  constructor(
    urls: readonly string[],
    private readonly options: ReplicaSetOptions,
  ) {
    // Kept long enough that a replica behind every sample is surely past the lag limit.
    this.lag = new ReplicationLag(Math.max(options.maxLagMs * 4, options.checkIntervalMs * 10));
    this.replicas = urls.map((url, index) => {
      const pool = new pg.Pool({
        connectionString: url,
        max: options.poolSize,
        connectionTimeoutMillis: REPLICA_CONNECT_TIMEOUT_MS,
        idleTimeoutMillis: 30_000,
        statement_timeout: options.statementTimeoutMs,
        query_timeout: options.statementTimeoutMs + 2_000,
        keepAlive: true,
      });
      // An idle connection dropped by a stopped replica must not crash the process; the next check
      // (or the next read's error) takes the replica out of rotation.
      pool.on('error', () => undefined);
      const { hostname, port } = new URL(url);
      return { name: `replica ${index + 1}`, host: `${hostname}:${port || 5432}`, pool, inRotation: false, lagMs: null, replayed: null, lastError: null, refreshing: null };
    });
  }

  get size(): number {
    return this.replicas.length;
  }

  /** Starts the monitor; the first check runs at once (until it ends, reads go to the primary). */
  start(): void {
    if (this.timer || this.ended) return;
    const tick = () => {
      if (this.ended) return;
      this.timer = setTimeout(() => void this.check().finally(tick), this.options.checkIntervalMs);
      this.timer.unref();
    };
    void this.check().finally(tick);
  }

  /** One round of the monitor: the primary's position, then every replica's. */
  check(): Promise<void> {
    this.checking ??= this.checkAll().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async checkAll(): Promise<void> {
    try {
      this.lag.notePrimary(await this.options.primaryPosition(), Date.now());
    } catch {
      // The primary is down: an outage that the requests themselves report (503). Replicas keep
      // their state until the primary can be asked again, since lag cannot be judged without it.
      return;
    }
    await Promise.all(this.replicas.map((replica) => this.checkReplica(replica)));
  }

  private async checkReplica(replica: Replica): Promise<void> {
    try {
      const { rows } = await replica.pool.query<{ replayed: string | null; standby: boolean }>(
        'SELECT pg_last_wal_replay_lsn()::text AS replayed, pg_is_in_recovery() AS standby',
      );
      const replayed = parseWalPosition(rows[0]?.replayed);
      if (!rows[0]?.standby || replayed === null) throw new Error('it is not a streaming standby (promoted, or not a replica)');
      this.noteReplayed(replica, replayed);
      const lagMs = this.lag.lagOf(replica.replayed!, Date.now());
      replica.lagMs = lagMs;
      replica.lastError = null;
      if (lagMs !== null && lagMs > this.options.maxLagMs)
        this.setRotation(replica, false, `${(lagMs / 1000).toFixed(1)} s behind the primary (limit ${this.options.maxLagMs / 1000} s)`);
      else this.setRotation(replica, true);
    } catch (error) {
      this.markDown(replica, error);
    }
  }

  private noteReplayed(replica: Replica, replayed: bigint): void {
    if (replica.replayed === null || replayed > replica.replayed) replica.replayed = replayed;
  }

  private setRotation(replica: Replica, inRotation: boolean, reason = ''): void {
    if (replica.inRotation === inRotation) return;
    replica.inRotation = inRotation;
    const log = this.options.log ?? console.warn;
    log(
      inRotation
        ? `Database ${replica.name} (${replica.host}) in rotation: serving reads.`
        : `Database ${replica.name} (${replica.host}) out of rotation: ${reason}; reads go elsewhere until it recovers.`,
    );
  }

  /** A replica that failed a read or a check: out of rotation until a check finds it well again. */
  markDown(replica: Replica, error: unknown): void {
    replica.lastError = describe(error);
    replica.lagMs = null;
    this.setRotation(replica, false, `unreachable (${replica.lastError})`);
  }

  /**
   * A replica that may answer a read which must see `required` (0n: any in rotation), or null when
   * none may (the read goes to the primary).
   */
  async pick(required: bigint): Promise<Replica | null> {
    const inRotation = this.replicas.filter((replica) => replica.inRotation);
    if (inRotation.length === 0) return null;
    const ready = inRotation.filter((replica) => replica.replayed !== null && replica.replayed >= required);
    if (ready.length > 0) return ready[Math.floor(Math.random() * ready.length)]!;
    const furthest = inRotation.reduce((best, replica) => ((replica.replayed ?? -1n) > (best.replayed ?? -1n) ? replica : best));
    const replayed = await this.refreshReplayed(furthest);
    return replayed !== null && replayed >= required ? furthest : null;
  }

  private refreshReplayed(replica: Replica): Promise<bigint | null> {
    replica.refreshing ??= replica.pool
      .query<{ replayed: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS replayed')
      .then(({ rows }) => {
        const replayed = parseWalPosition(rows[0]?.replayed);
        if (replayed !== null) this.noteReplayed(replica, replayed);
        return replica.replayed;
      })
      .catch((error: unknown) => {
        this.markDown(replica, error);
        return null;
      })
      .finally(() => {
        replica.refreshing = null;
      });
    return replica.refreshing;
  }

  health(): ReplicaHealth[] {
    return this.replicas.map((replica) => ({
      name: replica.name,
      host: replica.host,
      inRotation: replica.inRotation,
      lagMs: replica.lagMs,
      replayPosition: replica.replayed === null ? null : formatWalPosition(replica.replayed),
      lastError: replica.lastError,
    }));
  }

  async end(): Promise<void> {
    this.ended = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.all(this.replicas.map((replica) => replica.pool.end().catch(() => undefined)));
  }
}

export type { Replica };
