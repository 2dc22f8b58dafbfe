import { afterAll, inject, vi } from 'vitest';
import { EMBEDDED_POOL_SIZE } from '@/lib/db/embedded';
import { migrate } from '@/lib/db/migrate';
import { createPrivatePglite, createThrowawayDatabase } from './throwaway-database';

/**
 * This test file's own migrated database, so nothing another file writes is visible here and
 * files may run in parallel: a throwaway database on the PostgreSQL server of DATABASE_URL (a copy
 * of the migrated template of global-database.ts), or without it an in-memory PGlite (started from
 * the migrated dump made there).
 * The server layer (getDb) is pointed at it. Import this first in an integration test file.
 *
 * The `integration` project also lists this file as a setup file: its files share one module
 * registry per worker (the server layer is loaded once per worker, not once per file), and Vitest
 * evaluates a setup file afresh before every test file, so each file still gets its own database;
 * the test file's own import then finds that evaluation. What the server layer keeps between files
 * in one process is reset here: the pool (closed below), and everything a file put in process.env.
 */
const server = inject('databaseServer');
const dump = inject('migratedPgliteDump');
const template = inject('migratedTemplate');

// lib/server/auth.ts reads the secret once, when a worker first imports it, so every file in a
// worker must agree on it: a file's own `NEXTAUTH_SECRET ??= …` then finds this one.
process.env.NEXTAUTH_SECRET ??= 'integration-test-secret-0123456789abcdef';
const environment = { ...process.env };

const database = server ? await createThrowawayDatabase({ server, template: template || undefined }) : await createPrivatePglite(dump || undefined);
if (server ? !database.fromTemplate : !dump) await migrate(database.url);
process.env.DATABASE_URL = database.url;
// The embedded database serves one session: one connection, as npm start uses it.
if (!server) process.env.DATABASE_POOL_SIZE = String(EMBEDDED_POOL_SIZE);

afterAll(async () => {
  // Registered first, so it runs after the file's own afterAll hooks: close the server layer's
  // pool (lib/server/db.ts), then drop the database.
  const close = (globalThis as Record<symbol, (() => Promise<void>) | undefined>)[Symbol.for('wiki.closeDatabase')];
  await close?.();
  await database.drop();
  // The next file in this process starts from the environment this one found.
  vi.unstubAllEnvs();
  for (const key of Object.keys(process.env)) if (!(key in environment)) delete process.env[key];
  Object.assign(process.env, environment);
});

let counter = 0;
/** A page title no other test in this file uses, so tests within a file can share its database. */
export function uniqueTitle(prefix = 'Test page'): string {
  counter += 1;
  return `${prefix} ${process.pid} ${Date.now().toString(36)} ${counter}`;
}
