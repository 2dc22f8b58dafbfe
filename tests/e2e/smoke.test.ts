import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createThrowawayDatabase } from '../support/throwaway-database';
import { projectRoot, runStartExpectingExit, startWiki } from '../support/wiki-server';

/** What a reader must see on /wiki/ECPAT, whichever database serves it. */
async function expectSeededArticle(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/wiki/ECPAT`);
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).toContain('Telefono Azzurro Fans Wiki');
  expect(html).toMatch(/<h2 data-section="1" id="[^"]+">ECPAT Philippines<\/h2>/);
  expect(html).toContain('Rafto Prize');
  // Footnote 1: the reference links to the note and the note links back.
  expect(html).toMatch(/<a href="#user-content-fn-1" id="user-content-fnref-1"/);
  expect(html).toMatch(/<li id="user-content-fn-1">/);
  expect(html).toContain('href="#user-content-fnref-1"');
}

/** Whether the address refuses connections within 30 s (a graceful stop takes up to 8 s). */
async function serverStopsAnswering(baseUrl: string): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const refused = await fetch(`${baseUrl}/wiki/Main_Page`).then(
      () => false,
      (error: Error) => (error.cause as { code?: string } | undefined)?.code === 'ECONNREFUSED',
    );
    if (refused) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

// The path without DATABASE_URL runs this (CI runs both paths): with DATABASE_URL set it would be
// the same first run in the same kind of folder, for some 15 CPU-s.
describe.skipIf(process.env.DATABASE_URL)('npm start on the embedded database (no DATABASE_URL)', () => {
  it('builds, migrates, seeds and serves the ECPAT article, and keeps its data across restarts', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wiki-smoke-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    const first = await startWiki({ DATABASE_URL: undefined, WIKI_DATA_DIR: dataDir }, { firstRun: true });
    cleanups.push(() => first.stop());
    await expectSeededArticle(first.baseUrl);
    const home = await fetch(`${first.baseUrl}/`, { redirect: 'manual' });
    expect(home.headers.get('location')).toMatch(/\/wiki\/Main_Page$/);
    // The Main Page, then the documents (ECPAT), then the manifest's other pages (starter templates).
    const manifest = JSON.parse(await readFile(path.join(projectRoot, 'content/manifest.json'), 'utf8')) as { documents: unknown[]; pages: unknown[] };
    expect(first.output()).toContain(`Imported ${1 + manifest.documents.length + manifest.pages.length} page(s): Main Page, ECPAT`);
    // The seed's saves built the derived data: a first start does not render every page again.
    expect(first.output()).not.toContain('Rebuilt links');
    expect(await first.stop()).toBe(0);

    const second = await startWiki({ DATABASE_URL: undefined, WIKI_DATA_DIR: dataDir });
    cleanups.push(() => second.stop());
    await expectSeededArticle(second.baseUrl);
    expect(second.output()).not.toContain('Imported');

    // npm start killed outright (no signal forwarded): the server it started stops as well,
    // instead of serving on alone without its embedded database.
    second.process.kill('SIGKILL');
    expect(await serverStopsAnswering(second.baseUrl)).toBe(true);
  });
});

describe.runIf(process.env.DATABASE_URL)('npm start on PostgreSQL (DATABASE_URL set)', () => {
  it('serves the same seeded article from PostgreSQL', async () => {
    const database = await createThrowawayDatabase();
    cleanups.push(() => database.drop());
    const wiki = await startWiki({ DATABASE_URL: database.url });
    cleanups.push(() => wiki.stop());
    await expectSeededArticle(wiki.baseUrl);

    const lowercase = await fetch(`${wiki.baseUrl}/wiki/ecpat`, { redirect: 'follow' });
    expect(lowercase.url).toMatch(/\/wiki\/ECPAT$/);
    const badTitle = await fetch(`${wiki.baseUrl}/wiki/Foo%7Cbar`);
    expect(badTitle.status).toBe(400);
    expect(await badTitle.text()).toContain('forbidden character');
    const missing = await fetch(`${wiki.baseUrl}/wiki/Not_written_yet`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('This page does not exist yet');
    expect(await wiki.stop()).toBe(0);
  });
});

describe('npm start with an unreachable database', () => {
  it('exits non-zero with one line naming DATABASE_URL, not a stack trace', async () => {
    const { code, output } = await runStartExpectingExit({ DATABASE_URL: 'postgresql://wiki:secret@127.0.0.1:1/wiki' });
    expect(code).not.toBe(0);
    expect(output).toContain('DATABASE_URL');
    expect(output).toContain('127.0.0.1:1/wiki');
    expect(output).not.toContain('secret');
    expect(output).not.toMatch(/^\s+at /m);
  });
});
