// A private primary and a hot standby streaming from it (initdb, pg_basebackup, pg_ctl on their own
// ports and socket folder), for the read-replica tests: they pause, resume, stop and crash the
// replica at will, leaving the shared server that DATABASE_URL names untouched. Everything the app
// writes goes to the primary; CREATE DATABASE there reaches the standby like any other change.
import { appendFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { postgresTool, postgresUserIds, privateFolder, serverOptions, type PostgresTool } from './postgres-cluster';
import { freePort } from '../../scripts/lib/free-port';

export interface ReplicatedCluster {
  /** postgresql://postgres@127.0.0.1:<port>/postgres */
  primaryUrl: string;
  /** The hot standby, same database name. */
  replicaUrl: string;
  /** Milliseconds each step of the creation took, for the report when a slow machine times out. */
  timings: Readonly<Record<string, number>>;
  /** Freezes the replica where it is: what it serves no longer follows the primary. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Waits until the replica has replayed everything the primary had written when this was called. */
  waitForReplay(): Promise<void>;
  /** `fast` ends sessions and checkpoints; `immediate` is a crash. */
  stopReplica(mode?: 'fast' | 'immediate'): Promise<void>;
  startReplica(): Promise<void>;
  /** Stops both servers and removes their folders; safe to call twice. */
  destroy(): Promise<void>;
}

const REPLAY_TIMEOUT_MS = 20_000;
const READY_TIMEOUT_MS = 20_000;
const POLL_MS = 10;
// A slot makes the primary keep the WAL a stopped replica has not fetched yet, so a test that writes
// much while the replica is down does not leave it unable to catch up after startReplica().
const REPLICATION_SLOT = 'wiki_test_replica';

export async function createReplicatedCluster(binDir: string): Promise<ReplicatedCluster> {
  const timings: Record<string, number> = {};
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[step] = Math.round(performance.now() - started);
    }
  };

  const owner = await postgresUserIds();
  // One folder holds both data folders, both logs and both sockets (named after their ports).
  const root = await privateFolder('wiki-pg-replicated-', owner);
  const tool = postgresTool(binDir, owner);
  const [primaryPort, replicaPort] = await twoFreePorts();
  const primary = new Server(tool, path.join(root, 'primary'), primaryPort, root, ['wal_level=replica', 'max_wal_senders=5']);
  const replica = new Server(tool, path.join(root, 'replica'), replicaPort, root, ['hot_standby=on']);
  let destroyed = false;
  const destroy = async () => {
    if (destroyed) return;
    destroyed = true;
    await Promise.all([replica.stop('immediate').catch(() => undefined), primary.stop('immediate').catch(() => undefined)]);
    await rm(root, { recursive: true, force: true });
  };

  try {
    await timed('initdb', () => tool('initdb', ['-D', primary.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']));
    await allowLoopbackReplication(primary.dataDir);
    await timed('start primary', () => primary.start());
    await timed('pg_basebackup', () => cloneAsStandby(tool, primaryPort, replica.dataDir));
    await timed('start replica', () => replica.start());
    await timed('replica readable', () => waitUntilReadableStandby(replica.url));
  } catch (error) {
    const logs = await Promise.all([primary.log(), replica.log()]);
    await destroy();
    throw new Error(`Could not create the replicated cluster: ${(error as Error).message}\n-- primary log:\n${logs[0]}\n-- replica log:\n${logs[1]}`, { cause: error });
  }

  return {
    primaryUrl: primary.url,
    replicaUrl: replica.url,
    timings,
    pauseReplay: async () => {
      await query(replica.url, 'SELECT pg_wal_replay_pause()');
      await pollUntil('replay to pause', async () => (await query(replica.url, 'SELECT pg_get_wal_replay_pause_state() AS state'))[0]?.state === 'paused', REPLAY_TIMEOUT_MS);
    },
    resumeReplay: async () => {
      await query(replica.url, 'SELECT pg_wal_replay_resume()');
    },
    waitForReplay: () => waitForReplay(primary.url, replica.url),
    stopReplica: (mode = 'fast') => replica.stop(mode),
    startReplica: async () => {
      await replica.start();
      await waitUntilReadableStandby(replica.url);
    },
    destroy,
  };
}

/** One PostgreSQL server of the pair, run with pg_ctl. */
class Server {
  readonly url: string;
  private readonly logFile: string;

  constructor(
    private readonly tool: PostgresTool,
    readonly dataDir: string,
    private readonly port: number,
    private readonly socketDir: string,
    private readonly settings: string[],
  ) {
    this.url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    this.logFile = `${dataDir}.log`;
  }

  async start(): Promise<void> {
    await this.tool('pg_ctl', ['-D', this.dataDir, '-o', serverOptions(this.port, this.socketDir, this.settings), '-l', this.logFile, '-w', 'start']);
  }

  async stop(mode: 'fast' | 'immediate'): Promise<void> {
    await this.tool('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', 'stop']);
  }

  log(): Promise<string> {
    return readFile(this.logFile, 'utf8').catch(() => '(no log)');
  }
}

/** freePort() asks the OS afresh each time and could, rarely, hand out the same port twice in a row. */
async function twoFreePorts(): Promise<[number, number]> {
  const first = await freePort();
  let second = await freePort();
  while (second === first) second = await freePort();
  return [first, second];
}

/** initdb -A trust on PostgreSQL 15 already allows this; older or repackaged versions may not. */
async function allowLoopbackReplication(dataDir: string): Promise<void> {
  const hbaFile = path.join(dataDir, 'pg_hba.conf');
  const hba = await readFile(hbaFile, 'utf8');
  if (/^host\s+replication\s+all\s+127\.0\.0\.1\/32\s+trust\s*$/m.test(hba)) return;
  await appendFile(hbaFile, 'host replication all 127.0.0.1/32 trust\n');
}

async function cloneAsStandby(tool: PostgresTool, primaryPort: number, replicaDir: string): Promise<void> {
  // -R writes primary_conninfo (and the slot's name) and standby.signal: the copy starts as a
  // standby. A fast checkpoint and no fsync keep this to a fraction of a second.
  await tool('pg_basebackup', [
    ...['-D', replicaDir, '-R', '-X', 'stream', '-C', '-S', REPLICATION_SLOT],
    ...['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres'],
    ...['--checkpoint=fast', '--no-sync'],
  ]);
}

/** pg_ctl -w returns once the postmaster is up; a standby takes reads only once it is consistent. */
async function waitUntilReadableStandby(url: string): Promise<void> {
  await pollUntil(
    'the replica to accept reads',
    async () => {
      const rows = await query(url, 'SELECT pg_is_in_recovery() AS standby').catch(() => null);
      if (rows && rows[0]?.standby !== true) throw new Error(`${url} accepts queries but is not a standby`);
      return rows !== null;
    },
    READY_TIMEOUT_MS,
  );
}

async function waitForReplay(primaryUrl: string, replicaUrl: string): Promise<void> {
  const [{ lsn: target } = { lsn: '' }] = await query(primaryUrl, 'SELECT pg_current_wal_lsn()::text AS lsn');
  await pollUntil(
    `the replica to replay the primary's WAL up to ${target}`,
    async () => (await query(replicaUrl, 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS caught_up', [target]))[0]?.caught_up === true,
    REPLAY_TIMEOUT_MS,
    // A paused replica never catches up: say so rather than leave the test author guessing.
    async () => `replay pause state: ${(await query(replicaUrl, 'SELECT pg_get_wal_replay_pause_state() AS state').catch(() => []))[0]?.state ?? 'unknown'}`,
  );
}

async function pollUntil(what: string, done: () => Promise<boolean>, timeoutMs: number, explain?: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() >= deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${explain ? ` (${await explain()})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** A query on a connection of its own: the helpers above are called rarely and must not hold sessions open. */
async function query(url: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}
