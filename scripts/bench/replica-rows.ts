import { existsSync } from 'node:fs';
import path from 'node:path';
import { migrate } from '@/lib/db/migrate';
import type { WikiHealth } from '@/lib/server/health';
import { createFixtures, sessionCookie, type Fixtures } from './fixtures';
import { CONNECTIONS, loadRow, measureUrl } from './http-rows';
import type { LoadResult } from './load';
import { seedBenchmarkData, type Shape } from './seed';
import { startWikiServer, type ServerProcess } from './server-process';
import { ratioText, type Row } from './table';

/*
 * Read replica rows (issue 20, docs/benchmark.md): the anonymous and signed-in article views of a
 * second production server whose reads go to one streaming replica (DATABASE_REPLICA_URLS), beside
 * the same rows of the bench's own server on one database, and the share of the signed-in view's
 * reads that the replica answered (GET /w/health counts each side's reads). The primary and the hot
 * standby are a private pair made here with the tests' helper (initdb, pg_basebackup -R, pg_ctl) on
 * this machine, so the rows show what the routing costs, not a capacity gain. Skipped, with the
 * reason in one line, where PostgreSQL's binaries are missing or the pair cannot be made.
 */

export interface ReplicaRun {
  shape: Shape;
  /** The bench server's variables other than its database (secret, baselines, rate limits). */
  serverEnv: Record<string, string>;
  secret: string;
  seconds: number;
  warmupSeconds: number;
  /** The rows already measured on the bench's own server, which these are compared with. */
  rows: Row[];
  /** What the ratio column calls those rows' database ("no replica", or "PGlite" with --embedded). */
  comparedWith: string;
  /** Registers a cleanup with the run too, so that Ctrl-C leaves no server or cluster behind. */
  onCleanup(cleanup: () => Promise<unknown>): void;
}

const ANONYMOUS = 'Anonymous article view, one replica';
const SIGNED_IN = 'Signed-in article view, one replica';
const SHARE = 'Reads answered by the replica, signed-in view';
const TARGET = '(reported)';
/** The monitor checks a replica at once and then every second (DATABASE_REPLICA_CHECK_INTERVAL_MS). */
const ROTATION_TIMEOUT_MS = 15_000;

function skipped(short: string, reason: string): Row[] {
  console.log(`Read replica rows skipped: ${reason}.`);
  return [ANONYMOUS, SIGNED_IN, SHARE].map((name) => ({ name, value: `skipped: ${short}`, target: TARGET }));
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** The row of this run that a replica row is compared with. */
function rowOf(rows: Row[], name: string, connections: number): Row {
  const row = rows.find((candidate) => candidate.name === name && candidate.connections === connections);
  if (row === undefined) throw new Error(`No row "${name}" at ${connections} connection(s) to compare with.`);
  return row;
}

/** Closes this process's database client (lib/server/db.ts) so that the next getDb() opens one on DATABASE_URL. */
async function closeDatabase(): Promise<void> {
  const close = (globalThis as Record<symbol, (() => Promise<void>) | undefined>)[Symbol.for('wiki.closeDatabase')];
  // The bench already disconnected its client: a second disconnect of the same pool may complain.
  await close?.().catch(() => undefined);
}

/**
 * The bench's data on the primary, made as the bench makes its own database (migrations, the
 * synthetic wiki, the fixtures through the wiki's server code), in this process: its database
 * client is pointed at the primary for the while and closed again.
 */
async function seedPrimary(url: string, shape: Shape): Promise<Fixtures> {
  const previous = process.env.DATABASE_URL;
  await closeDatabase();
  process.env.DATABASE_URL = url;
  try {
    await migrate(url);
    return await createFixtures(await seedBenchmarkData(url, shape));
  } finally {
    await closeDatabase();
    process.env.DATABASE_URL = previous;
  }
}

async function healthOf(server: ServerProcess): Promise<WikiHealth> {
  const response = await fetch(`${server.baseUrl}/w/health`);
  if (response.status !== 200) throw new Error(`/w/health answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return (await response.json()) as WikiHealth;
}

async function untilInRotation(server: ServerProcess): Promise<void> {
  const deadline = Date.now() + ROTATION_TIMEOUT_MS;
  for (;;) {
    const [replica] = (await healthOf(server)).replicas;
    if (replica?.inRotation) return;
    if (Date.now() > deadline) throw new Error(`The replica was not in rotation within ${ROTATION_TIMEOUT_MS / 1000} s (${replica?.lastError ?? 'no error'}).`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The replica's share of the reads counted between two health answers, as "71 % of reads (2.0 of 2.8 per view)". */
function shareOf(before: WikiHealth, after: WikiHealth, result: LoadResult): string {
  const replica = after.reads.replica - before.reads.replica;
  // The second health answer counts its own primary check (SELECT 1) before it reports.
  const primary = after.reads.primary - before.reads.primary - 1;
  const share = replica / Math.max(1, replica + primary);
  const perView = (reads: number) => (reads / Math.max(1, result.runs)).toFixed(1);
  return `${Math.round(share * 100)} % of reads (${perView(replica)} of ${perView(replica + primary)} per view)`;
}

export async function replicaRows(run: ReplicaRun): Promise<Row[]> {
  // The tests' helpers, loaded only here: a machine without them, or without PostgreSQL, skips the rows.
  let helpers: [typeof import('../../tests/support/postgres-cluster'), typeof import('../../tests/support/replica-cluster')];
  try {
    helpers = await Promise.all([import('../../tests/support/postgres-cluster'), import('../../tests/support/replica-cluster')]);
  } catch (error) {
    return skipped('no cluster helper', `the replicated cluster helper (tests/support) did not load: ${firstLine(error)}`);
  }
  const [{ findPostgresBinaries }, { createReplicatedCluster }] = helpers;
  const binaries = findPostgresBinaries();
  if ('missing' in binaries) return skipped('no PostgreSQL binaries', binaries.missing);
  if (!existsSync(path.join(binaries.dir, 'pg_basebackup'))) return skipped('no pg_basebackup', `pg_basebackup is not in ${binaries.dir}`);

  console.log('Read replica rows: a private primary and one streaming replica…');
  const sectionAt = Date.now();
  let cluster: Awaited<ReturnType<typeof createReplicatedCluster>>;
  try {
    cluster = await createReplicatedCluster(binaries.dir);
  } catch (error) {
    return skipped('no replicated cluster', `the primary and replica could not be made: ${firstLine(error)}`);
  }
  run.onCleanup(() => cluster.destroy());
  let server: ServerProcess | undefined;
  try {
    const seedingAt = Date.now();
    const fixtures = await seedPrimary(cluster.primaryUrl, run.shape);
    await cluster.waitForReplay();
    console.log(`Seeded the primary and replayed on the replica in ${((Date.now() - seedingAt) / 1000).toFixed(1)} s; starting a server reading from the replica…`);
    ({ server } = await startWikiServer({ ...run.serverEnv, DATABASE_URL: cluster.primaryUrl, DATABASE_REPLICA_URLS: cluster.replicaUrl }, '/wiki/Main_Page'));
    const started = server;
    run.onCleanup(() => started.stop());
    await untilInRotation(server);

    const articleUrl = `${server.baseUrl}${fixtures.articlePath}`;
    const rows: Row[] = [];
    const anonymous = await measureUrl(articleUrl, CONNECTIONS, run);
    const anonymousBase = rowOf(run.rows, 'Anonymous article view', CONNECTIONS);
    rows.push({ ...loadRow(ANONYMOUS, anonymous, CONNECTIONS), target: TARGET, ratio: ratioText(anonymous.reqPerSec / anonymousBase.reqPerSec!, run.comparedWith) });

    // The reads are counted over the measured run alone, after the warm-up.
    const signedIn = { cookie: await sessionCookie(fixtures.editor, run.secret) };
    let before: WikiHealth | undefined;
    const signedInView = await measureUrl(articleUrl, 1, run, signedIn, async () => (before = await healthOf(started)));
    const after = await healthOf(server);
    const signedInBase = rowOf(run.rows, 'Signed-in article view', 1);
    rows.push({ ...loadRow(SIGNED_IN, signedInView, 1), target: TARGET, ratio: ratioText(signedInView.p50 / signedInBase.p50Ms!, run.comparedWith) });
    const replicaProblem = after.replicas[0]?.inRotation ? undefined : `the replica left rotation during the row (${after.replicas[0]?.lastError ?? 'lagging'})`;
    rows.push({ name: SHARE, value: shareOf(before!, after, signedInView), target: TARGET, problem: replicaProblem });
    console.log(`Read replica rows measured in ${((Date.now() - sectionAt) / 1000).toFixed(1)} s from the start of the cluster.`);
    return rows;
  } catch (error) {
    // The rest of the table is still worth printing; the rows say what went wrong.
    const message = firstLine(error);
    return [ANONYMOUS, SIGNED_IN, SHARE].map((name) => ({ name, value: 'failed', target: TARGET, problem: message }));
  } finally {
    await server?.stop();
    await cluster.destroy();
  }
}
