import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { createThrowawayDatabase } from './throwaway-database';

export interface SecondDatabase {
  url: string;
  /** A client of its own (one connection): the server layer's getDb() stays on the file's database. */
  db: PrismaClient;
  /** Disconnects the client and removes the database. */
  drop(): Promise<void>;
}

/**
 * A migrated database beside an integration file's own (tests/support/database.ts), e.g. to
 * restore a backup into: on DATABASE_URL's server, or a private PGlite without it.
 */
export async function createSecondDatabase(): Promise<SecondDatabase> {
  const database = await createThrowawayDatabase();
  await migrate(database.url);
  const db = createPrismaClient(database.url, { poolSize: 1 });
  return {
    url: database.url,
    db,
    async drop() {
      await db.$disconnect();
      await database.drop();
    },
  };
}

/**
 * For a backup test file: a temporary folder for its exports and a second database to restore them
 * into, made before the file's tests and removed after them.
 */
export function useRestoreTarget(folderPrefix: string): { readonly dir: string; readonly db: PrismaClient } {
  let dir: string | undefined;
  let target: SecondDatabase | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), folderPrefix));
    target = await createSecondDatabase();
  });
  afterAll(async () => {
    await target?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir!;
    },
    get db() {
      return target!.db;
    },
  };
}
