import type { TestProject } from 'vitest/node';
import { EMBEDDED_POOL_SIZE, startEmbeddedDatabase, type EmbeddedDatabase } from '@/lib/db/embedded';
import { migrate } from '@/lib/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databasePoolSize: string | undefined;
  }
}

/**
 * One real database for the integration tests: PostgreSQL when DATABASE_URL is set (CI creates a
 * fresh one), otherwise an in-memory PGlite served on a loopback port. Migrated before any test.
 */
export default async function setupDatabase(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedDatabase | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedDatabase();
    url = embedded.url;
    process.env.DATABASE_URL = url;
    process.env.DATABASE_POOL_SIZE = String(EMBEDDED_POOL_SIZE);
  }
  await migrate(url);
  project.provide('databaseUrl', url);
  project.provide('databasePoolSize', process.env.DATABASE_POOL_SIZE);
  return async () => {
    await embedded?.stop();
  };
}
