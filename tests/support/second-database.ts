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
