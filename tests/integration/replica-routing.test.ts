import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { createPrismaClient, poolOf, replicaSetOf, type PrismaClient } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { readPositionStore, type RequestReads } from '@/lib/db/read-position-store.mjs';
import type { ReplicaSet } from '@/lib/db/replica-set';
import { readFromPrimary, untrackedWrite } from '@/lib/server/db';
import { privateClusterBinaries } from '../support/postgres-cluster';
import { createReplicatedCluster, type ReplicatedCluster } from '../support/replica-cluster';

/*
 * The routing rule of lib/db/routing-pool.ts against a real primary and streaming replica: which
 * statements a replica answers, and what sends one to the primary. The web requests' read scopes are
 * started here the way runtime/read-position.mjs starts them.
 */
const binDir = privateClusterBinaries('replica routing tests');

let cluster: ReplicatedCluster;
let db: PrismaClient;
let replicas: ReplicaSet;
const logged: string[] = [];

beforeAll(async () => {
  if (!binDir) return;
  cluster = await createReplicatedCluster(binDir);
  await migrate(cluster.primaryUrl);
  await withPrimary((client) =>
    client.query(
      `CREATE FUNCTION bump_setting() RETURNS int LANGUAGE sql AS $$ INSERT INTO site_settings (key, value) VALUES ('bumped', 'yes') ON CONFLICT (key) DO UPDATE SET value = 'again' RETURNING 1 $$`,
    ),
  );
  await cluster.waitForReplay();
  // A long check interval: the test asks the monitor to check when it needs it.
  db = createPrismaClient(cluster.primaryUrl, { poolSize: 3, replicas: { urls: [cluster.replicaUrl], maxLagMs: 60_000, checkIntervalMs: 60_000 } });
  replicas = replicaSetOf(db)!;
  (replicas as unknown as { options: { log: (line: string) => void } }).options.log = (line) => logged.push(line);
  await replicas.check();
}, 60_000);

afterAll(async () => {
  await db?.$disconnect();
  await cluster?.destroy();
});

async function withPrimary<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: cluster.primaryUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs `work` as a web request would, with the reader's position `required`. */
function inRequest<T>(work: (request: RequestReads) => Promise<T>, required = 0n): Promise<T> {
  const request: RequestReads = { required, useFloor: false, written: null };
  // Awaited inside the scope, as a request handler awaits its queries: a Prisma query is a
  // thenable that starts when awaited, in the scope of whoever awaits it.
  return readPositionStore().scopes.run({ request, primaryOnly: false }, async () => await work(request));
}

/** Where the reads of `work` went: how many each side answered. */
async function readsOf(work: () => Promise<unknown>): Promise<{ primary: number; replica: number }> {
  const before = { ...replicas.reads };
  await work();
  return { primary: replicas.reads.primary - before.primary, replica: replicas.reads.replica - before.replica };
}

const countSettings = () => db.siteSetting.count();

describe.skipIf(!binDir)('routing statements between the primary and a streaming replica', () => {
  it('sends a web request’s reads to the replica, and reads outside any request to the primary', async () => {
    expect(replicas.health()[0]).toMatchObject({ inRotation: true, lagMs: 0, lastError: null });
    expect(await readsOf(() => inRequest(countSettings))).toEqual({ primary: 0, replica: 1 });
    expect(await readsOf(countSettings)).toEqual({ primary: 1, replica: 0 });
  });

  it('keeps transactions, session checks and the reads after a write on the primary, and notes the write’s position', async () => {
    await inRequest(async (request) => {
      expect(await readsOf(() => db.$transaction((tx) => tx.siteSetting.count()))).toEqual({ primary: 0, replica: 0 });
      // A transaction is a write as far as the reader is concerned: its position is noted.
      expect(request.written).toBeGreaterThan(0n);
      expect(await readsOf(countSettings)).toEqual({ primary: 1, replica: 0 });
    });
    await inRequest(async () => {
      expect(await readsOf(() => readFromPrimary(countSettings))).toEqual({ primary: 1, replica: 0 });
      expect(await readsOf(countSettings)).toEqual({ primary: 0, replica: 1 });
    });
  });

  it('does not pin a reader to the primary for bookkeeping writes', async () => {
    await inRequest(async (request) => {
      await untrackedWrite(() => db.siteSetting.upsert({ where: { key: 'bookkeeping' }, create: { key: 'bookkeeping', value: '1' }, update: { value: '2' } }));
      expect(request.written).toBeNull();
      expect(await readsOf(countSettings)).toEqual({ primary: 0, replica: 1 });
    });
  });

  it('serves a reader whose position the paused replica has not replayed from the primary, and others from the replica', async () => {
    await cluster.waitForReplay();
    await cluster.pauseReplay();
    try {
      const position = await inRequest(async (request) => {
        await db.siteSetting.create({ data: { key: 'written while paused', value: 'x' } });
        return request.written!;
      });
      const find = () => db.siteSetting.findUnique({ where: { key: 'written while paused' } });
      // The writer's next request: the primary, which has the row.
      expect(await inRequest(find, position)).toMatchObject({ value: 'x' });
      // A reader without a position: the replica, which has not got it yet.
      expect(await inRequest(find)).toBeNull();
    } finally {
      await cluster.resumeReplay();
    }
    await cluster.waitForReplay();
    await replicas.check();
  });

  it('runs on the primary a statement that looked like a read but writes (the standby refuses it)', async () => {
    const reads = await readsOf(() => inRequest(() => db.$queryRaw`SELECT bump_setting() AS bumped`));
    expect(reads).toEqual({ primary: 1, replica: 0 });
    expect(await db.siteSetting.findUnique({ where: { key: 'bumped' } })).toMatchObject({ value: 'yes' });
  });

  it('takes an unreachable replica out of rotation on a failed read, answers from the primary, and takes it back', async () => {
    await cluster.stopReplica('immediate');
    try {
      expect(await readsOf(() => inRequest(countSettings))).toEqual({ primary: 1, replica: 0 });
      expect(replicas.health()[0]).toMatchObject({ inRotation: false, lastError: expect.any(String) });
      expect(await readsOf(() => inRequest(countSettings))).toEqual({ primary: 1, replica: 0 });
    } finally {
      await cluster.startReplica();
    }
    await replicas.check();
    expect(replicas.health()[0]).toMatchObject({ inRotation: true, lastError: null });
    expect(await readsOf(() => inRequest(countSettings))).toEqual({ primary: 0, replica: 1 });
    expect(logged.some((line) => /replica 1 .* out of rotation: unreachable/.test(line))).toBe(true);
    expect(logged.at(-1)).toMatch(/replica 1 .* in rotation/);
  });

  it('reports a replica entering or leaving rotation on standard error, so a command’s standard output holds only its own output', async () => {
    // A maintenance command run with replicas configured (user:create --token, say) prints its
    // result on standard output, where scripts read it (`| tail -1`): the monitor's lines must not land there.
    const client = createPrismaClient(cluster.primaryUrl, { poolSize: 1, replicas: { urls: [cluster.replicaUrl], maxLagMs: 60_000, checkIntervalMs: 60_000 } });
    const toStdout = vi.spyOn(console, 'log');
    const toStderr = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await replicaSetOf(client)!.check();
      expect(replicaSetOf(client)!.health()[0]!.inRotation).toBe(true);
      expect(toStderr).toHaveBeenCalledWith(expect.stringMatching(/^Database replica 1 \(.+\) in rotation: serving reads\.$/));
      expect(toStdout).not.toHaveBeenCalled();
    } finally {
      toStdout.mockRestore();
      toStderr.mockRestore();
      await poolOf(client).end();
    }
  });

  it('takes a replica further behind than the lag limit out of rotation', async () => {
    const lagging = createPrismaClient(cluster.primaryUrl, { poolSize: 1, replicas: { urls: [cluster.replicaUrl], maxLagMs: 300, checkIntervalMs: 60_000 } });
    const set = replicaSetOf(lagging)!;
    (set as unknown as { options: { log: (line: string) => void } }).options.log = () => undefined;
    await cluster.pauseReplay();
    try {
      await set.check();
      await withPrimary((client) => client.query(`UPDATE site_settings SET value = value || '.' WHERE key = 'bookkeeping'`));
      await set.check();
      expect(set.health()[0]!.inRotation).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await set.check();
      expect(set.health()[0]).toMatchObject({ inRotation: false, lastError: null });
      expect(set.health()[0]!.lagMs).toBeGreaterThan(300);
    } finally {
      await cluster.resumeReplay();
      // Prisma never connected this client (only its monitor ran), so its pool is ended directly.
      await poolOf(lagging).end();
    }
  });
});
