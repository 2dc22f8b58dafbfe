// A fresh, empty PostgreSQL database for one test, on the server that DATABASE_URL names; without
// DATABASE_URL, a private in-memory PGlite (a test run never touches a server nobody named).
// On a server, three ways, tried in order:
//  1. CREATE DATABASE on that server (real PostgreSQL);
//  2. where that is refused (no CREATEDB right), a fresh schema, selected through the URL's
//     `options=-c search_path=…` startup parameter (node-postgres sends it);
//  3. where neither isolates — PGlite served by pglite-socket accepts CREATE DATABASE but serves
//     every connection from its one database and one session, ignoring startup options — a private
//     in-memory PGlite on its own local port.
// Each way is checked by connecting to the URL it returns before it is used.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Worker } from 'node:worker_threads';
import { inject } from 'vitest';

export interface ThrowawayDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  /** Removes it (idempotent). */
  drop(): Promise<void>;
  /** A private PGlite only: its data folder as a tarball (for PGlite's `loadDataDir`). */
  dumpDataDir?(): Promise<Blob>;
  /** A database of its own on the server (not a schema, not a PGlite): its name, usable as a template. */
  databaseName?: string;
  /** Made as a copy of a template database (see createThrowawayDatabase), so already migrated. */
  fromTemplate?: boolean;
  /**
   * A private PGlite only: loaded from the dump, emptied back to it (the last database of its
   * thread came from the same dump and a truncation restored it, pglite-thread.mjs), or empty.
   */
  made?: 'dump' | 'reset' | 'empty';
}

/**
 * The PostgreSQL server the user named (DATABASE_URL), or undefined: then tests use PGlite.
 * The global setups pass on the value the run started with, because an integration file points
 * its own DATABASE_URL at its own database (tests/support/database.ts).
 */
export function namedDatabaseServer(): string | undefined {
  return (inject('databaseServer') ?? process.env.DATABASE_URL) || undefined;
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

async function tryCreateDatabase(base: string, name: string, template?: string): Promise<ThrowawayDatabase | null> {
  const admin = async (sql: string) => withDatabase(base, (c) => c.query(sql));
  try {
    await admin(`CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`);
  } catch {
    return null;
  }
  const url = urlWithDatabase(base, name);
  const current = await withDatabase(url, async (c) => (await c.query('SELECT current_database() AS db')).rows[0]?.db).catch(() => null);
  if (current !== name) {
    await admin(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`).catch(() => undefined);
    return null;
  }
  return {
    url,
    databaseName: name,
    fromTemplate: Boolean(template),
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
  const current = await withDatabase(url, async (c) => (await c.query('SELECT current_schema() AS s')).rows[0]?.s).catch(() => null);
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

/** Answers of one PGlite thread, one message at a time; rejected if the thread fails or ends. */
function nextMessage(thread: Worker): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => settle(() => reject(error));
    const onExit = (code: number) => settle(() => reject(new Error(`The PGlite thread ended (exit code ${code}).`)));
    const onMessage = (message: Record<string, unknown>) => settle(() => resolve(message));
    const settle = (done: () => void) => {
      thread.off('error', onError).off('exit', onExit).off('message', onMessage);
      done();
    };
    thread.once('error', onError).once('exit', onExit).once('message', onMessage);
  });
}

/**
 * Threads whose database was dropped, for the next one this process makes: PGlite keeps its
 * compiled WebAssembly per thread, so a used thread starts a database for about a CPU-second less
 * (integration files that share a worker process make one each). Unreferenced while idle, so they
 * never keep a process alive.
 */
const idleThreads: Worker[] = [];

/**
 * An in-memory PGlite in its own worker thread (pglite-thread.mjs), optionally started from a
 * data folder dump file (`dumpFile`, written from `dumpDataDir`).
 */
export async function createPrivatePglite(dumpFile?: string): Promise<ThrowawayDatabase> {
  let thread = idleThreads.pop();
  let started: Promise<Record<string, unknown>>;
  if (thread) {
    thread.ref();
    started = nextMessage(thread);
    thread.postMessage({ start: dumpFile ?? '' });
  } else {
    const created = new Worker(new URL('./pglite-thread.mjs', import.meta.url), { workerData: { dump: dumpFile } });
    created.once('exit', () => idleThreads.includes(created) && idleThreads.splice(idleThreads.indexOf(created), 1));
    thread = created;
    started = nextMessage(thread);
  }
  const { url, made } = (await started) as { url: string; made: 'dump' | 'reset' | 'empty' };
  const own = thread;
  let dropped = false;
  return {
    url,
    made,
    dumpDataDir: async () => {
      const answer = nextMessage(own);
      own.postMessage('dump');
      return new Blob([(await answer).dump as ArrayBuffer]);
    },
    drop: async () => {
      if (dropped) return;
      dropped = true;
      const stopped = nextMessage(own);
      own.postMessage('stop');
      await stopped;
      own.unref();
      idleThreads.push(own);
    },
  };
}

/**
 * Creates a uniquely named empty database (or equivalent, see above) and returns its URL.
 * `server` names the PostgreSQL server to use instead of DATABASE_URL's; `template`, a database on
 * it to copy (CREATE DATABASE … TEMPLATE: a file copy on the server, cheaper than running the
 * migrations again), else an empty one as above (`fromTemplate` tells which).
 */
export async function createThrowawayDatabase(options: { server?: string; template?: string } = {}): Promise<ThrowawayDatabase> {
  const base = options.server ?? namedDatabaseServer();
  // No server named: the embedded PGlite, as everywhere else in the tests (a machine with only
  // Node.js has no PostgreSQL server to ask).
  if (!base) return createPrivatePglite();
  const name = `wiki_tmp_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  try {
    await withDatabase(base, (c) => c.query('SELECT 1'));
  } catch (err) {
    const where = new URL(base);
    throw new Error(`Cannot reach the PostgreSQL server of DATABASE_URL at ${where.hostname}:${where.port || '5432'}: ` + `${(err as Error).message || String(err)}`, {
      cause: err,
    });
  }
  if (options.template) {
    const copy = await tryCreateDatabase(base, name, options.template);
    if (copy) return copy;
  }
  return (await tryCreateDatabase(base, name)) ?? (await tryCreateSchema(base, name)) ?? (await createPrivatePglite());
}
