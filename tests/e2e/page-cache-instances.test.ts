import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/throwaway-database';
import { putPage, viewPage, warmPage } from '../support/page-cache-client';
import { uniquePng } from '../support/file-upload-client';
import { printedToken, runWikiCli } from '../support/wiki-cli';
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
let env: Record<string, string | undefined>;

beforeAll(async () => {
  if (!twoInstances) return;
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'wiki-page-cache-instances-'));
  database = await createThrowawayDatabase();
  env = { DATABASE_URL: database.url, WIKI_DATA_DIR: dataDir, NEXTAUTH_SECRET: 'page-cache-e2e-secret-0123456789abcdef' };
  const created = await runWikiCli(['user:create', 'Cache keeper', '--admin', '--password-stdin', '--token'], env, 'a long passphrase for the cache keeper\n');
  if (created.code !== 0) throw new Error(`Could not create the administrator:\n${created.stderr}`);
  token = printedToken(created.stdout);
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

  it("stops serving a cached thumbnail on instance B within a second of its File page's deletion elsewhere", async () => {
    const form = new FormData();
    form.set('title', 'File:Shared picture.png');
    form.set('comment', 'image cache test');
    form.set('file', new Blob([new Uint8Array(await uniquePng())], { type: 'image/png' }), 'Shared picture.png');
    const uploaded = await fetch(`${first!.baseUrl}/w/rest.php/v1/file`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    const thumbnail = new URL(((await uploaded.json()) as { thumbnail: { url: string } }).thumbnail.url);
    const onSecond = async () => {
      const response = await fetch(`${second!.baseUrl}${thumbnail.pathname}`);
      await response.arrayBuffer();
      return { status: response.status, cache: response.headers.get('x-wiki-cache') };
    };
    await onSecond();
    expect(await onSecond()).toEqual({ status: 200, cache: 'hit' });

    // The deletion is made by a third process (the maintenance CLI): only PostgreSQL can tell B.
    const deleted = await runWikiCli(['delete', 'File:Shared_picture.png', '--reason=Image cache test', '--as=Cache keeper'], env);
    expect(deleted.code, deleted.stderr).toBe(0);
    const at = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - at < 5_000) status = (await onSecond()).status;
    console.log(`File deleted by another process: thumbnail gone from instance B after ${Date.now() - at} ms.`);
    expect(status).toBe(404);
    expect(Date.now() - at).toBeLessThanOrEqual(1_000);
  });
});
