import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureProductionBuild } from '../../runtime/build-state';
import { printedToken, runWikiCommands, spawnWikiCli } from './wiki-cli';
import { SHARED_WIKI_ADMIN, SHARED_WIKI_BOT, startWikiPool, type PooledWiki, type WikiPool } from './shared-wiki-pool';
import { createThrowawayDatabase } from './throwaway-database';
import { prepareEmbeddedDataDir, startWiki } from './wiki-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A WIKI_DATA_DIR whose embedded database is migrated and seeded, for startWiki to copy. */
    embeddedTemplate: string;
    /** The pool that lends ordinary wikis to files (useSharedWiki, useSharedWikiInBrowser). */
    sharedWikiPool: string;
  }
}

/**
 * Runs once, in Vitest's main process, before the end-to-end files:
 * - the one production build they all serve (each file's `npm start` then finds it current),
 *   made here rather than by whichever file happens to start first, possibly while others start;
 * - an embedded database as `npm start` leaves it on a first run (migrated, content/ imported),
 *   which startWiki copies into a wiki's empty data folder: creating a PGlite database costs
 *   seconds of CPU per wiki, opening a copy a fraction of that (the smoke test still starts from
 *   an empty folder);
 * - the pool of ordinary wikis that files using useSharedWiki borrow one at a time
 *   (shared-wiki-pool.ts), each started when asked for while all are lent, and stopped once no
 *   file left to run will borrow it.
 * It must not change process.env (the test processes inherit it): DATABASE_URL stays as the user
 * gave it.
 */
/** The build and the seeded template, made once per run although both e2e projects list this file. */
const shared = globalThis as typeof globalThis & { wikiEndToEndPreparation?: Promise<string>; wikiPool?: Promise<WikiPool> };

/** An ordinary wiki on a fresh database, as useWikiInBrowser starts one, with an administrator and a bot, for the pool to lend. */
async function startSharedWiki(template: string): Promise<PooledWiki> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wiki-e2e-shared-'));
  const server = process.env.DATABASE_URL;
  const database = server ? await createThrowawayDatabase({ server }) : undefined;
  // The settings a new wiki has, whatever the environment the tests run in; but many files sign up
  // accounts and upload files on it, all from 127.0.0.1, so the per-address limits are raised (the
  // files that test those limits have wikis of their own).
  const defaults = { NEXTAUTH_URL: undefined, TRUST_PROXY: undefined, WIKI_BENCH_BASELINES: undefined };
  const env = { ...defaults, DATABASE_URL: database?.url, WIKI_DATA_DIR: dataDir, WIKI_ACCOUNT_CREATION_LIMIT: '1000', WIKI_UPLOAD_RATE_LIMIT: '1000' };
  await prepareEmbeddedDataDir(env, template);
  const [, bot] = await runWikiCommands(
    [
      { argv: ['user:create', SHARED_WIKI_ADMIN.name, '--admin', '--password-stdin'], stdin: `${SHARED_WIKI_ADMIN.password}\n` },
      { argv: ['user:create', SHARED_WIKI_BOT, '--token'], stdin: '' },
    ],
    env,
  );
  const wiki = await startWiki(env, { embeddedTemplate: template });
  return {
    baseUrl: wiki.baseUrl,
    botToken: printedToken(bot!.stdout),
    output: wiki.output,
    async stop() {
      await wiki.stop();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function buildAndSeed(): Promise<string> {
  const started = Date.now();
  const template = await mkdtemp(path.join(os.tmpdir(), 'wiki-e2e-template-'));
  // The seed needs no build, so the two run side by side.
  const [built, seeded] = await Promise.all([
    ensureProductionBuild(path.resolve(import.meta.dirname, '../..'), { quiet: true }),
    spawnWikiCli(['seed'], { DATABASE_URL: undefined, DATABASE_POOL_SIZE: undefined, WIKI_DATA_DIR: template }),
  ]);
  if (built) console.log(`Production build for the end-to-end tests: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (seeded.code !== 0) throw new Error(`Could not prepare the embedded database:\n${seeded.stderr}`);
  return template;
}

export default async function prepareEndToEnd(project: TestProject): Promise<() => Promise<void>> {
  project.provide('databaseServer', process.env.DATABASE_URL ?? '');
  const first = shared.wikiEndToEndPreparation === undefined;
  shared.wikiEndToEndPreparation ??= buildAndSeed();
  const template = await shared.wikiEndToEndPreparation;
  project.provide('embeddedTemplate', template);
  // As many wikis as files can run at once, so no file waits for one: a waiting file would hold a
  // worker idle, and a wiki is started only when a file asks for one while all are lent.
  shared.wikiPool ??= startWikiPool({ size: project.globalConfig.maxWorkers, start: () => startSharedWiki(template) });
  const pool = await shared.wikiPool;
  project.provide('sharedWikiPool', pool.url);
  return async () => {
    if (!first) return;
    console.log(`Shared wikis started for the end-to-end files: ${pool.started()}`);
    await pool.close();
    await rm(template, { recursive: true, force: true });
  };
}
