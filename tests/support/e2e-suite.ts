import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-database';
import { startWiki, type RunningWiki } from './wiki-server';
import { launchBrowser } from './browser';
import { runWikiCli } from './wiki-cli';

/**
 * One production wiki (npm start's script) on a fresh database plus one Chromium for a test file:
 * PostgreSQL when DATABASE_URL is set, the embedded PGlite otherwise. Call at the top of the file;
 * `admins` are created before the wiki starts; `env` adds variables for the server (e.g. TRUST_PROXY).
 */
export function useWikiInBrowser(
  options: { admins?: { name: string; password: string }[]; env?: Record<string, string> } = {},
): { wiki: () => RunningWiki; browser: () => Browser } {
  let wiki: RunningWiki | undefined;
  let browser: Browser | undefined;
  let database: ThrowawayDatabase | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'wiki-e2e-'));
    database = process.env.DATABASE_URL ? await createThrowawayDatabase() : undefined;
    const env = { DATABASE_URL: database?.url, WIKI_DATA_DIR: dataDir };
    // Administrators come from the maintenance CLI, as on a real wiki; before the server starts,
    // because the embedded database admits one process at a time.
    for (const admin of options.admins ?? []) {
      const created = await runWikiCli(['user:create', admin.name, '--admin', '--password-stdin'], env, `${admin.password}\n`);
      if (created.code !== 0) throw new Error(`Could not create the administrator ${admin.name}:\n${created.stderr}`);
    }
    wiki = await startWiki({ ...env, ...options.env });
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
