// A fresh, empty PostgreSQL database for one test, on the server that DATABASE_URL names
// (default: the local PostgreSQL). Three ways, tried in order:
//  1. CREATE DATABASE on that server (real PostgreSQL);
//  2. where that is refused (no CREATEDB right), a fresh schema, selected through the URL's
//     `options=-c search_path=…` startup parameter (node-postgres sends it);
//  3. where neither isolates — PGlite served by pglite-socket accepts CREATE DATABASE but serves
//     every connection from its one database and one session, ignoring startup options — a private
//     in-memory PGlite on its own local port.
// Each way is checked by connecting to the URL it returns before it is used.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface ThrowawayDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  /** Removes it (idempotent). */
  drop(): Promise<void>;
}

export function baseDatabaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Connects with one plain connection, runs `fn`, disconnects (errors of a dropped connection are ignored). */
export async function withDatabase<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function urlWithDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

function urlWithSearchPath(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  // URLSearchParams writes spaces as '+', which pg-connection-string does not decode.
  return url.toString().replace(/options=[^&]*/, `options=${encodeURIComponent(`-c search_path=${schema}`)}`);
}

async function tryCreateDatabase(base: string, name: string): Promise<ThrowawayDatabase | null> {
  const admin = async (sql: string) => withDatabase(base, (c) => c.query(sql));
  try {
    await admin(`CREATE DATABASE ${quoteIdent(name)}`);
  } catch {
    return null;
  }
  const url = urlWithDatabase(base, name);
  const current = await withDatabase(url, async (c) => (await c.query('SELECT current_database() AS db')).rows[0]?.db)
    .catch(() => null);
  if (current !== name) {
    await admin(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`).catch(() => undefined);
    return null;
  }
  return {
    url,
    drop: async () => {
      await admin(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    },
  };
}

async function tryCreateSchema(base: string, name: string): Promise<ThrowawayDatabase | null> {
  const admin = async (sql: string) => withDatabase(base, (c) => c.query(sql));
  try {
    await admin(`CREATE SCHEMA ${quoteIdent(name)}`);
  } catch {
    return null;
  }
  const url = urlWithSearchPath(base, name);
  const current = await withDatabase(url, async (c) => (await c.query('SELECT current_schema() AS s')).rows[0]?.s)
    .catch(() => null);
  if (current !== name) {
    await admin(`DROP SCHEMA IF EXISTS ${quoteIdent(name)} CASCADE`).catch(() => undefined);
    return null;
  }
  return {
    url,
    drop: async () => {
      await admin(`DROP SCHEMA IF EXISTS ${quoteIdent(name)} CASCADE`);
    },
  };
}

async function createPrivatePglite(): Promise<ThrowawayDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  let dropped = false;
  return {
    url: `postgresql://postgres@${server.getServerConn()}/postgres`,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await server.stop();
      await db.close();
    },
  };
}

/**
 * Creates a uniquely named empty database (or equivalent, see above) and returns its URL.
 * `server` names the PostgreSQL server to use instead of DATABASE_URL's (a test that needs real
 * PostgreSQL even where DATABASE_URL is unset).
 */
export async function createThrowawayDatabase(options: { server?: string } = {}): Promise<ThrowawayDatabase> {
  // No DATABASE_URL: the embedded PGlite, as everywhere else in the tests (a machine with only
  // Node.js has no PostgreSQL server to ask).
  if (!options.server && !process.env.DATABASE_URL) return createPrivatePglite();
  const base = options.server ?? baseDatabaseUrl();
  const name = `wiki_tmp_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  try {
    await withDatabase(base, (c) => c.query('SELECT 1'));
  } catch (err) {
    const where = new URL(base);
    throw new Error(
      `Cannot reach PostgreSQL at ${where.hostname}:${where.port || '5432'} (DATABASE_URL or the default ` +
        `${DEFAULT_DATABASE_URL}): ${(err as Error).message || String(err)}`,
      { cause: err },
    );
  }
  return (
    (await tryCreateDatabase(base, name)) ?? (await tryCreateSchema(base, name)) ?? (await createPrivatePglite())
  );
}
