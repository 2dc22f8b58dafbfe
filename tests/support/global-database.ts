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
  project.provide('migratedPgliteDump', '');
  project.provide('migratedTemplate', '');
  if (server) {
    const template = await createThrowawayDatabase({ server });
    try {
      await migrate(template.url);
    } catch (error) {
      await template.drop();
      throw error;
    }
    if (template.databaseName) project.provide('migratedTemplate', template.databaseName);
    else await template.drop();
    return async () => {
      await template.drop();
    };
  }

  const template = await createPrivatePglite();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wiki-test-pglite-'));
  try {
    await migrate(template.url);
    const dump = await template.dumpDataDir!();
    const file = path.join(dir, 'migrated.tar');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('migratedPgliteDump', file);
  } finally {
    await template.drop();
  }
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
