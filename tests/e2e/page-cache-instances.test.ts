import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/throwaway-database';
import { putPage, viewPage, warmPage } from '../support/page-cache-client';
import { runWikiCli } from '../support/wiki-cli';
import { startWiki, type RunningWiki } from '../support/wiki-server';

/*
 * Two production servers on one PostgreSQL database: an edit through one reaches the other's page
 * cache within a second (LISTEN/NOTIFY). Timed, so it runs with the measuring files, alone.
 * The embedded database admits one process, so without DATABASE_URL there is nothing to test.
 */
const twoInstances = Boolean(process.env.DATABASE_URL);
if (!twoInstances) console.warn('Skipping the two-instance page cache test: DATABASE_URL is unset (the embedded database admits one process).');

let first: RunningWiki | undefined;
let second: RunningWiki | undefined;
let token: string;
let database: ThrowawayDatabase | undefined;
let dataDir: string | undefined;

beforeAll(async () => {
  if (!twoInstances) return;
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'wiki-page-cache-instances-'));
  database = await createThrowawayDatabase();
  const env = { DATABASE_URL: database.url, WIKI_DATA_DIR: dataDir, NEXTAUTH_SECRET: 'page-cache-e2e-secret-0123456789abcdef' };
  const created = await runWikiCli(['user:create', 'Cache keeper', '--admin', '--password-stdin', '--token'], env, 'a long passphrase for the cache keeper\n');
  if (created.code !== 0) throw new Error(`Could not create the administrator:\n${created.stderr}`);
  token = created.stdout.trim().split('\n').at(-1)!.trim();
  [first, second] = await Promise.all([startWiki(env), startWiki(env)]);
}, 400_000);

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(!twoInstances)('the page cache of two instances on one database', () => {
  it('shows an edit made through instance A on instance B within a second', async () => {
    await putPage(first!, token, 'Cache_shared', 'Version one.');
    expect(await warmPage(second!, 'Cache_shared')).toContain('Version one.');
    await putPage(first!, token, 'Cache_shared', 'Version two.');
    const saved = Date.now();
    let body = '';
    while (!body.includes('Version two.') && Date.now() - saved < 5_000) {
      body = await (await viewPage(second!, 'Cache_shared')).text();
    }
    const propagationMs = Date.now() - saved;
    console.log(`Edit through instance A visible on instance B after ${propagationMs} ms.`);
    expect(body).toContain('Version two.');
    expect(propagationMs).toBeLessThanOrEqual(1_000);
  });
});
