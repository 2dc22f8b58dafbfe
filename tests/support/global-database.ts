import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '@/lib/db/migrate';
import { createPrivatePglite, createThrowawayDatabase } from './throwaway-database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** DATABASE_URL as the user gave it ('' when unset), whatever a test file later sets. */
    databaseServer: string;
    /** Without DATABASE_URL: a dump of a migrated PGlite, which each file's database starts from. */
    migratedPgliteDump: string;
    /** With DATABASE_URL: a migrated database on that server, which each file's database copies ('' if none). */
    migratedTemplate: string;
  }
}

interface PreparedDatabases {
  migratedPgliteDump: string;
  migratedTemplate: string;
  cleanUp(): Promise<void>;
}

/** Made once per run although every integration project lists this file (Vitest runs it per project). */
const shared = globalThis as typeof globalThis & { wikiTestDatabases?: Promise<PreparedDatabases> };

async function prepareDatabases(server: string): Promise<PreparedDatabases> {
  if (server) {
    const template = await createThrowawayDatabase({ server });
    try {
      await migrate(template.url);
    } catch (error) {
      await template.drop();
      throw error;
    }
    // Where the role may not create databases, each file migrates its own schema instead.
    if (!template.databaseName) {
      await template.drop();
      return { migratedPgliteDump: '', migratedTemplate: '', cleanUp: async () => {} };
    }
    return { migratedPgliteDump: '', migratedTemplate: template.databaseName, cleanUp: () => template.drop() };
  }

  const template = await createPrivatePglite();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wiki-test-pglite-'));
  try {
    await migrate(template.url);
    const dump = await template.dumpDataDir!();
    const file = path.join(dir, 'migrated.tar');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    return { migratedPgliteDump: file, migratedTemplate: '', cleanUp: () => rm(dir, { recursive: true, force: true }) };
  } finally {
    await template.drop();
  }
}

/**
 * Runs once, in Vitest's main process, before the integration files. It must not change
 * process.env: the test processes inherit it, and a DATABASE_URL set here would make every file
 * (e2e ones too) believe the user named a PostgreSQL server.
 *
 * Each integration file gets its own database (tests/support/database.ts). Without DATABASE_URL
 * that is an in-memory PGlite; starting one from a migrated dump made here once is about twice as
 * fast as creating and migrating an empty one in every file. With it, a migrated database made here
 * once is the template each file's database copies (where the role may create databases; else each
 * file migrates its own schema).
 */
export default async function setupDatabases(project: TestProject): Promise<() => Promise<void>> {
  const server = process.env.DATABASE_URL ?? '';
  project.provide('databaseServer', server);
  const first = shared.wikiTestDatabases === undefined;
  shared.wikiTestDatabases ??= prepareDatabases(server);
  const prepared = await shared.wikiTestDatabases;
  project.provide('migratedPgliteDump', prepared.migratedPgliteDump);
  project.provide('migratedTemplate', prepared.migratedTemplate);
  return async () => {
    if (first) await prepared.cleanUp();
  };
}
