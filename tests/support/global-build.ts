import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureProductionBuild } from '../../runtime/build-state';
import { spawnWikiCli } from './wiki-cli';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A WIKI_DATA_DIR whose embedded database is migrated and seeded, for startWiki to copy. */
    embeddedTemplate: string;
  }
}

/**
 * Runs once, in Vitest's main process, before the end-to-end files:
 * - the one production build they all serve (each file's `npm start` then finds it current),
 *   made here rather than by whichever file happens to start first, possibly while others start;
 * - an embedded database as `npm start` leaves it on a first run (migrated, content/ imported),
 *   which startWiki copies into a wiki's empty data folder: creating a PGlite database costs
 *   seconds of CPU per wiki, opening a copy a fraction of that (the smoke test still starts from
 *   an empty folder).
 * It must not change process.env (the test processes inherit it): DATABASE_URL stays as the user
 * gave it.
 */
/** The build and the seeded template, made once per run although both e2e projects list this file. */
const shared = globalThis as typeof globalThis & { wikiEndToEndPreparation?: Promise<string> };

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
  return async () => {
    if (first) await rm(template, { recursive: true, force: true });
  };
}
