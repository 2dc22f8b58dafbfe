// A private in-memory PGlite served on a loopback port from its own worker thread: PGlite runs
// each query synchronously, so in the test's own thread it would stall the test (and the pool's
// timers) for as long as the database works. Started by throwaway-database.ts.
// workerData: { dump?: string } — a file written by dumpDataDir to start from.
// After 'stop' the thread waits for { start: dump file or '' }: a thread that has run PGlite keeps
// its compiled WebAssembly (PGlite caches it per thread), so its next database starts for about a
// CPU-second less than one in a new thread. A database started from a dump is kept after 'stop',
// and the next start from the same dump empties it instead of loading the dump again (below).
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { RESET_STATEMENTS, TABLES_SQL, fingerprintSql, truncateSql } from './pglite-reset.mjs';

/** Dump files read so far (each run has one, which every database of this thread starts from). */
const dumps = new Map();
let db;
let server;
/** The dump the open database was started from, and how it looked then (see baselineOf). */
let origin;

/**
 * What a database started from a dump looks like before any test writes to it: which tables are
 * empty (those a reset truncates) and a fingerprint of everything else, the schema (relations,
 * columns, functions, triggers, constraints, types), the sequences, roles and settings, and the
 * rows of the tables that were not empty (the migrations' record, pg-boss's version and queues).
 */
async function baselineOf(database) {
  const tables = (await database.query(TABLES_SQL)).rows.map((row) => row.name);
  const empty = [];
  const kept = [];
  for (const table of tables) {
    const { rows } = await database.query(`SELECT EXISTS (SELECT FROM ${table}) AS rows`);
    (rows[0].rows ? kept : empty).push(table);
  }
  const fingerprint = await fingerprintOf(database, kept);
  return { empty, kept, fingerprint };
}

async function fingerprintOf(database, kept) {
  const { rows } = await database.query(fingerprintSql(kept));
  return rows.map((row) => row.line).join('\n');
}

/**
 * Empties the open database back to its baseline: ends the session's state (an open transaction,
 * settings, prepared statements, advisory locks; the socket server gives every connection this
 * one session), truncates the tables that were empty, and compares the fingerprint. Anything the
 * truncation cannot undo (a table or function a test made, a migration's row changed, a sequence
 * of no table moved) makes it answer false, and the caller loads the dump afresh.
 */
async function reset() {
  try {
    for (const statement of RESET_STATEMENTS) await db.exec(statement);
    if (origin.baseline.empty.length > 0) await db.exec(truncateSql(origin.baseline.empty));
    return (await fingerprintOf(db, origin.baseline.kept)) === origin.baseline.fingerprint;
  } catch {
    return false;
  }
}

/** Answers how the database was made: 'reset' (emptied), 'dump' (loaded) or 'empty'. */
async function start(dumpFile) {
  let made = 'reset';
  if (!(db && dumpFile && origin?.dumpFile === dumpFile && (await reset()))) {
    // A database that could not be emptied may be in any state: closing it must not stop the new one.
    await db?.close().catch(() => undefined);
    if (dumpFile && !dumps.has(dumpFile)) dumps.set(dumpFile, new Blob([await readFile(dumpFile)]));
    db = await PGlite.create(dumpFile ? { loadDataDir: dumps.get(dumpFile) } : {});
    origin = dumpFile ? { dumpFile, baseline: await baselineOf(db) } : undefined;
    made = dumpFile ? 'dump' : 'empty';
  }
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  parentPort.postMessage({ url: `postgresql://postgres@${server.getServerConn()}/postgres`, made });
}

parentPort.on('message', async (message) => {
  if (message === 'dump') {
    const blob = await db.dumpDataDir('none');
    const bytes = await blob.arrayBuffer();
    parentPort.postMessage({ dump: bytes }, [bytes]);
  } else if (message === 'stop') {
    // Stopping the socket server closes every connection a test left open.
    await server.stop();
    server = undefined;
    if (!origin) {
      await db.close();
      db = undefined;
    }
    parentPort.postMessage({ stopped: true });
  } else if (message && typeof message === 'object' && 'start' in message) {
    await start(message.start || undefined);
  }
});
await start(workerData?.dump);
