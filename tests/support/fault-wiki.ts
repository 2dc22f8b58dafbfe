// A production wiki (npm start's script) on a private PostgreSQL cluster that the test may stop,
// start and lock, with one editor's API token; plus the timed HTTP calls fault tests make.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import pg from 'pg';
import { createPostgresCluster, type PostgresCluster } from './postgres-cluster';
import { withDatabase } from './throwaway-database';
import { printedToken, runWikiCli } from './wiki-cli';
import { startWiki, type RunningWiki } from './wiki-server';

export const DATABASE_UNAVAILABLE_MESSAGE = "The wiki's database is not reachable right now; please try again in a moment.";

export interface FaultWiki {
  cluster: PostgresCluster;
  wiki: RunningWiki;
  token: string;
  close(): Promise<void>;
}

export async function startFaultWiki(binDir: string, env: Record<string, string> = {}): Promise<FaultWiki> {
  const cluster = await createPostgresCluster(binDir);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wiki-fault-'));
  let wiki: RunningWiki | undefined;
  try {
    // Fault tests make many edits from one account: the edit throttle is not what they test.
    const wikiEnv = { DATABASE_URL: cluster.url, WIKI_DATA_DIR: dataDir, WIKI_EDIT_RATE_LIMIT: '100000', ...env };
    wiki = await startWiki(wikiEnv);
    const cliEnv = { DATABASE_URL: cluster.url };
    const created = await runWikiCli(['user:create', 'Fault tester', '--password-stdin'], cliEnv, 'fault-tester-long-passphrase-4821\n');
    if (created.code !== 0) throw new Error(`user:create failed:\n${created.stderr}`);
    const issued = await runWikiCli(['token:create', 'Fault tester', 'fault test'], cliEnv);
    if (issued.code !== 0) throw new Error(`token:create failed:\n${issued.stderr}`);
    const token = printedToken(issued.stdout);
    const running = wiki;
    return {
      cluster,
      wiki: running,
      token,
      close: async () => {
        await running.stop();
        await cluster.destroy();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await wiki?.stop();
    await cluster.destroy();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * startFaultWiki for the tests of one describe block: started before them, closed after. Call it in
 * the block; the function it returns gives the running wiki.
 */
export function useFaultWiki(binDir: string, env: Record<string, string> = {}): () => FaultWiki {
  let faultWiki: FaultWiki | undefined;
  beforeAll(async () => {
    faultWiki = await startFaultWiki(binDir, env);
  });
  afterAll(async () => {
    await faultWiki?.close();
  });
  return () => faultWiki!;
}

/**
 * Creates `titles` through REST, then holds their rows from outside the wiki (SELECT … FOR UPDATE
 * in a transaction on a connection of its own), so any save to them waits for the lock. Returns
 * each page's latest revision id and that connection: COMMIT and end it to let go.
 */
export async function createLockedPages({ wiki, token, cluster }: FaultWiki, titles: string[]): Promise<{ latest: number[]; locker: pg.Client }> {
  const latest: number[] = [];
  for (const title of titles) latest.push(latestIdOf(await putPage(wiki, token, title, 'First version.', null))!);
  const locker = new pg.Client({ connectionString: cluster.url });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('SELECT id FROM pages WHERE title = ANY($1) FOR UPDATE', [titles.map((t) => t.replaceAll(' ', '_'))]);
  return { latest, locker };
}

/** Sessions waiting for a row lock (the saves blocked behind createLockedPages' FOR UPDATE). */
export async function lockWaiters(url: string): Promise<number> {
  const { rows } = await withDatabase(url, (c) => c.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'"));
  return Number(rows[0]!.n);
}

/** Polls `condition` every 50 ms: true once it holds, false if `timeoutMs` passes first. */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs = 8_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

export interface TimedResponse {
  /** 0 when no HTTP response came (connection refused, reset, or our own time limit). */
  status: number;
  ms: number;
  body: string;
  error?: string;
  startedAt: number;
}

/** One request with a hard time limit, so that a hanging server shows up as a failure, not a stuck test. */
export async function timedFetch(url: string, init: RequestInit = {}, limitMs = 15_000): Promise<TimedResponse> {
  const startedAt = Date.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(limitMs) });
    const body = await response.text();
    return { status: response.status, ms: Date.now() - startedAt, body, startedAt };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { status: 0, ms: Date.now() - startedAt, body: '', error: cause?.code ?? (error as Error).name, startedAt };
  }
}

export function restUrl(wiki: RunningWiki, title: string, suffix = ''): string {
  return `${wiki.baseUrl}/w/rest.php/v1/page/${encodeURIComponent(title.replaceAll(' ', '_'))}${suffix}`;
}

/** PUT /page/{title}: creates the page without `latestId`, edits on top of it with one. */
export function putPage(wiki: RunningWiki, token: string, title: string, source: string, latestId: number | null): Promise<TimedResponse> {
  return timedFetch(restUrl(wiki, title), {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ source, comment: 'fault test', ...(latestId === null ? {} : { latest: { id: latestId } }) }),
  });
}

export function latestIdOf(response: TimedResponse): number | null {
  if (response.status < 200 || response.status >= 300) return null;
  return (JSON.parse(response.body) as { latest: { id: number } }).latest.id;
}

/** The REST error message of a MediaWiki-shaped error body, or null. */
export function restMessage(response: TimedResponse): string | null {
  try {
    return (JSON.parse(response.body) as { messageTranslations?: { en?: string } }).messageTranslations?.en ?? null;
  } catch {
    return null;
  }
}

export function countBy<T>(items: T[], key: (item: T) => string | number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[String(key(item))] = (counts[String(key(item))] ?? 0) + 1;
  return counts;
}
