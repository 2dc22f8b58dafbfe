import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WikiHealth } from '@/lib/server/health';
import { privateClusterBinaries } from '../support/postgres-cluster';
import { createReplicatedCluster, type ReplicatedCluster } from '../support/replica-cluster';
import { namedDatabaseServer, withDatabase } from '../support/throwaway-database';
import { printedToken, runWikiCli } from '../support/wiki-cli';
import { startWiki, type RunningWiki } from '../support/wiki-server';
import { waitFor } from '../support/fault-wiki';
import { fillContent, launchBrowser, signUp } from '../support/browser';

/*
 * A primary and one streaming replica made by this file (initdb, pg_basebackup -R, pg_ctl), and two
 * production servers reading from the replica: the multi-machine deployment of docs/deployment.md
 * in miniature. Its replica is paused, stopped and crashed at will. Deployment-shaped, like the
 * two-instance page cache test, so it runs on the PostgreSQL path (DATABASE_URL set), with the
 * measuring files, since it waits on lag.
 */
const binDir = privateClusterBinaries('read replica tests');
const postgresqlPath = Boolean(namedDatabaseServer());
if (!postgresqlPath) console.warn('Skipping the read replica tests: DATABASE_URL is unset (they belong to the PostgreSQL path).');
const enabled = binDir !== null && postgresqlPath;

// Long enough for a browser's save and the page after it to happen while a paused replica is still in rotation.
const MAX_LAG_MS = 6_000;
const TITLE = 'Replica_page';

let cluster: ReplicatedCluster | undefined;
let first: RunningWiki | undefined;
let second: RunningWiki | undefined;
let dataDir: string | undefined;
let token = '';

beforeAll(async () => {
  if (!enabled) return;
  cluster = await createReplicatedCluster(binDir!);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'wiki-replicas-'));
  const env = {
    DATABASE_URL: cluster.primaryUrl,
    DATABASE_REPLICA_URLS: cluster.replicaUrl,
    DATABASE_REPLICA_CHECK_INTERVAL_MS: '200',
    DATABASE_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
    WIKI_DATA_DIR: dataDir,
    WIKI_EDIT_RATE_LIMIT: '100000',
    NEXTAUTH_SECRET: 'replica-e2e-secret-0123456789abcdef0123',
  };
  const created = await runWikiCli(['user:create', 'Replica editor', '--admin', '--password-stdin', '--token'], env, 'a long passphrase for the replica editor\n');
  if (created.code !== 0) throw new Error(`Could not create the editor:\n${created.stderr}`);
  token = printedToken(created.stdout);
  [first, second] = await Promise.all([startWiki(env), startWiki(env)]);
}, 400_000);

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await cluster?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function healthOf(on: RunningWiki): Promise<WikiHealth> {
  const response = await fetch(`${on.baseUrl}/w/health`);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return (await response.json()) as WikiHealth;
}

const inRotation = async (on: RunningWiki) => (await healthOf(on)).replicas[0]?.inRotation === true;

interface Bare {
  status: number;
  source: string;
  latest: number;
}

async function bare(on: RunningWiki, cookie?: string, title = TITLE): Promise<Bare> {
  const response = await fetch(`${on.baseUrl}/w/rest.php/v1/page/${title}`, { headers: cookie ? { cookie } : {} });
  const body = (await response.json()) as { source: string; latest: { id: number } };
  return { status: response.status, source: body.source, latest: body.latest?.id };
}

async function save(source: string, latest: number | null): Promise<{ latest: number; cookie: string | undefined }> {
  const response = await fetch(`${first!.baseUrl}/w/rest.php/v1/page/${TITLE}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ source, comment: 'replica test', ...(latest === null ? {} : { latest: { id: latest } }) }),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('wiki_read_position='));
  return { latest: ((await response.json()) as { latest: { id: number } }).latest.id, cookie };
}

async function view(on: RunningWiki): Promise<{ body: string; cache: string | null }> {
  const response = await fetch(`${on.baseUrl}/wiki/${TITLE}`);
  return { body: await response.text(), cache: response.headers.get('x-wiki-cache') };
}

describe.skipIf(!enabled)('two instances reading from a streaming replica', () => {
  it('serves anonymous reads from the replica, counted on both sides', async () => {
    for (const on of [first!, second!]) expect(await waitFor(() => inRotation(on), 10_000), `replica in rotation on ${on.baseUrl}`).toBe(true);
    const before = (await healthOf(first!)).reads.replica;
    const sessionsBefore = await replicaClientSessions();
    for (let i = 0; i < 5; i += 1) {
      for (const path of ['/w/rest.php/v1/page/Main_Page', '/wiki/Special:RecentChanges', '/wiki/Main_Page?action=history', '/w/rest.php/v1/search/page?q=ECPAT']) {
        const response = await fetch(`${first!.baseUrl}${path}`);
        expect(response.status, path).toBe(200);
        await response.arrayBuffer();
      }
    }
    const health = await healthOf(first!);
    expect(health.status).toBe('ok');
    expect(health.replicas).toEqual([expect.objectContaining({ name: 'replica 1', inRotation: true, lastError: null })]);
    expect(health.reads.replica - before).toBeGreaterThan(20);
    // Seen from the replica itself: the instances hold connections there.
    expect(Math.max(sessionsBefore, await replicaClientSessions())).toBeGreaterThan(0);
    // The health answer names hosts, never credentials or URLs.
    expect(JSON.stringify(health)).not.toMatch(/postgres(ql)?:\/\//);
  });

  it('shows writers their own edit at once while replay is paused, and never caches the old page', async () => {
    const created = await save('Version one.', null);
    await cluster!.waitForReplay();
    expect((await view(second!)).body).toContain('Version one.');
    expect((await view(second!)).cache).toBe('hit');

    await cluster!.pauseReplay();
    const saved = await save('Version two.', created.latest);
    expect(saved.cookie, 'a write answers with the read position').toMatch(/^wiki_read_position=[0-9A-F]+\/[0-9A-F]+$/);

    // The writer, on the other instance: their edit, at once (the replica has not replayed it).
    expect(await bare(second!, saved.cookie)).toEqual({ status: 200, source: 'Version two.', latest: saved.latest });
    // Another reader, with no position: the replica's (older) answer is allowed, and shows that the
    // replica is really what serves them.
    expect(await bare(second!)).toEqual({ status: 200, source: 'Version one.', latest: created.latest });
    // The page cache was told by NOTIFY; its refill must not read the lagging replica.
    for (const on of [first!, second!]) {
      const refilled = await view(on);
      expect(refilled.body).toContain('Version two.');
      expect(refilled.body).not.toContain('Version one.');
      const hit = await view(on);
      expect(hit.cache).toBe('hit');
      expect(hit.body).toContain('Version two.');
      expect(hit.body).not.toContain('Version one.');
    }

    // Past the lag limit the replica leaves rotation: every reader gets the primary's answer.
    expect(await waitFor(async () => !(await inRotation(second!)), MAX_LAG_MS + 5_000)).toBe(true);
    const lagging = await healthOf(second!);
    expect(lagging.status).toBe('degraded');
    expect(lagging.replicas[0]!.lagMs).toBeGreaterThan(MAX_LAG_MS);
    expect(await bare(second!)).toMatchObject({ source: 'Version two.' });
    // A bot that says maxlag= is told to wait, as MediaWiki tells it; one that does not is answered.
    const siteinfo = (extra: string) => fetch(`${second!.baseUrl}/w/api.php?action=query&meta=siteinfo&format=json&formatversion=2${extra}`);
    const heldBack = await siteinfo('&maxlag=5');
    const refusal = (await heldBack.json()) as { error: { code: string; lag: number; host: string } };
    expect(refusal.error.code).toBe('maxlag');
    expect(refusal.error.lag).toBeGreaterThan(5);
    expect(heldBack.headers.get('retry-after')).toBe('5');
    expect(Number(heldBack.headers.get('x-database-lag'))).toBe(refusal.error.lag);
    expect(((await (await siteinfo('')).json()) as { query?: unknown }).query).toBeDefined();

    await cluster!.resumeReplay();
    await cluster!.waitForReplay();
    for (const on of [first!, second!]) expect(await waitFor(() => inRotation(on), 10_000)).toBe(true);
    expect(((await (await fetch(`${second!.baseUrl}/w/api.php?action=query&meta=siteinfo&format=json&maxlag=5`)).json()) as { query?: unknown }).query).toBeDefined();
    const before = (await healthOf(second!)).reads.replica;
    expect(await bare(second!)).toMatchObject({ source: 'Version two.' });
    expect((await healthOf(second!)).reads.replica).toBeGreaterThan(before);
  });

  it('shows a contributor in Chromium the page they just created while the replica has not replayed it', async () => {
    const browser = await launchBrowser();
    const title = 'Replica_browser_page';
    try {
      const page = await (await browser.newContext()).newPage();
      // Cookies are per host, not per port: like a load balancer, the two instances share them.
      await signUp(page, first!.baseUrl, 'Replica contributor');
      await page.goto(`${second!.baseUrl}/wiki/${title}?action=edit`);
      await fillContent(page, 'Typed while the replica was paused.');
      await cluster!.waitForReplay();
      await cluster!.pauseReplay();
      await page.getByRole('button', { name: 'Save page' }).click();
      await page.waitForURL(new RegExp(`/wiki/${title}$`));
      expect(await page.locator('.article-body').textContent()).toContain('Typed while the replica was paused.');
      await page.goto(`${first!.baseUrl}/wiki/${title}?action=history`);
      await page.getByRole('link', { name: 'Replica contributor' }).first().waitFor();
      // Meanwhile the replica, still in rotation, has not got the page: other readers are served by it.
      expect(await inRotation(second!)).toBe(true);
      expect((await bare(second!, undefined, title)).status).toBe(404);
    } finally {
      await cluster!.resumeReplay();
      await browser.close();
    }
  });

  it('moves reads to the primary without an error when the replica crashes, and takes it back when it returns', async () => {
    const statuses: number[] = [];
    let running = true;
    const reader = async (on: RunningWiki, index: number) => {
      const paths = ['/w/rest.php/v1/page/Main_Page', `/wiki/Special:RecentChanges?limit=${20 + index}`, '/w/rest.php/v1/page/Main_Page/history'];
      for (let i = 0; running; i += 1) {
        const response = await fetch(`${on.baseUrl}${paths[i % paths.length]}`).catch(() => null);
        statuses.push(response?.status ?? 0);
        await response?.arrayBuffer();
      }
    };
    const readers = [first!, second!, first!, second!].map(reader);
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await cluster!.stopReplica('immediate');
      expect(await waitFor(async () => !(await inRotation(first!)), 5_000)).toBe(true);
      const down = await healthOf(first!);
      expect(down).toMatchObject({ status: 'degraded', primary: { reachable: true } });
      expect(down.replicas[0]!.lastError).toBeTruthy();
      await new Promise((resolve) => setTimeout(resolve, 500));

      await cluster!.startReplica();
      for (const on of [first!, second!]) expect(await waitFor(() => inRotation(on), 10_000), 'the replica rejoins').toBe(true);
      const before = (await healthOf(first!)).reads.replica;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await healthOf(first!)).reads.replica).toBeGreaterThan(before);
    } finally {
      running = false;
      await Promise.all(readers);
    }
    const failed = statuses.filter((status) => status !== 200);
    console.log(`Replica crash under load: ${statuses.length} reads, ${failed.length} not 200.`);
    expect(statuses.length).toBeGreaterThan(20);
    expect(failed).toEqual([]);
  });
});

/** Client sessions on the replica other than this query's own. */
async function replicaClientSessions(): Promise<number> {
  return withDatabase(cluster!.replicaUrl, async (client) => {
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
    return Number(rows[0]!.n);
  });
}
