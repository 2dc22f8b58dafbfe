import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { EMBEDDED_POOL_SIZE, startEmbeddedDatabase } from '@/lib/db/embedded';

export const projectRoot = path.resolve(import.meta.dirname, '..');

/** A printable form of a connection string: host, port and database, never the password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

export class StartupError extends Error {}

/** Fails with one readable line (no stack) when the database cannot be reached. */
export async function assertDatabaseReachable(url: string, source: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const reason = error instanceof Error && error.message ? error.message : String(error);
    throw new StartupError(`Cannot connect to the database at ${describeDatabaseUrl(url)} (${source}): ${reason}`);
  } finally {
    await client.end().catch(() => {});
  }
}

export interface OpenedDatabase {
  url: string;
  /**
   * Where migrations run: DATABASE_DIRECT_URL when set (the migrator holds a session-level advisory
   * lock, which PgBouncer's transaction pooling cannot keep), else `url`.
   */
  migrationUrl: string;
  embedded: boolean;
  /** Where the data lives, for messages: the embedded data folder, or host:port/database. */
  location: string;
  close(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded PGlite database in ./data (or WIKI_DATA_DIR).
 * A lock file keeps two processes from opening the same embedded data folder, which PGlite does
 * not guard against itself.
 */
export async function openDatabase(): Promise<OpenedDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    await assertDatabaseReachable(url, 'DATABASE_URL');
    const migrationUrl = process.env.DATABASE_DIRECT_URL || url;
    return { url, migrationUrl, embedded: false, location: describeDatabaseUrl(url), close: async () => {} };
  }
  const dataDir = path.resolve(projectRoot, process.env.WIKI_DATA_DIR ?? 'data');
  const releaseLock = acquireDataLock(dataDir);
  try {
    process.env.DATABASE_POOL_SIZE ??= String(EMBEDDED_POOL_SIZE);
    // Tells the server that it is the only instance (no LISTEN for page cache invalidation).
    process.env.WIKI_EMBEDDED_DATABASE = '1';
    const embedded = await startEmbeddedDatabase({
      dataDir: path.join(dataDir, 'pglite'),
      port: Number(process.env.EMBEDDED_DB_PORT ?? 0),
    });
    return {
      url: embedded.url,
      migrationUrl: embedded.url,
      embedded: true,
      location: dataDir,
      async close() {
        await embedded.stop();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

function acquireDataLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'wiki.lock');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new StartupError(`The embedded database in ${dataDir} is in use by process ${pid}. Stop it first, or set DATABASE_URL to use PostgreSQL.`);
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
