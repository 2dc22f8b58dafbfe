import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-database';
import { startWiki, type RunningWiki } from './wiki-server';
import { launchBrowser } from './browser';

/**
 * One production wiki (npm start's script) on a fresh database plus one Chromium for a test file:
 * PostgreSQL when DATABASE_URL is set, the embedded PGlite otherwise. Call at the top of the file.
 */
export function useWikiInBrowser(): { wiki: () => RunningWiki; browser: () => Browser } {
  let wiki: RunningWiki | undefined;
  let browser: Browser | undefined;
  let database: ThrowawayDatabase | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'wiki-e2e-'));
    database = process.env.DATABASE_URL ? await createThrowawayDatabase() : undefined;
    wiki = await startWiki({ DATABASE_URL: database?.url, WIKI_DATA_DIR: dataDir });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await wiki?.stop();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  return { wiki: () => wiki!, browser: () => browser! };
}
