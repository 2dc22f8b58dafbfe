// A private in-memory PGlite served on a loopback port from its own worker thread: PGlite runs
// each query synchronously, so in the test's own thread it would stall the test (and the pool's
// timers) for as long as the database works. Started by throwaway-database.ts.
// workerData: { dump?: string } — a file written by dumpDataDir to start from.
// After 'stop' the thread waits for { start: dump file or '' }: a thread that has run PGlite keeps
// its compiled WebAssembly (PGlite caches it per thread), so its next database starts for about a
// CPU-second less than one in a new thread.
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** Dump files read so far (each run has one, which every database of this thread starts from). */
const dumps = new Map();
let db;
let server;

async function start(dumpFile) {
  if (dumpFile && !dumps.has(dumpFile)) dumps.set(dumpFile, new Blob([await readFile(dumpFile)]));
  db = await PGlite.create(dumpFile ? { loadDataDir: dumps.get(dumpFile) } : {});
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  parentPort.postMessage({ url: `postgresql://postgres@${server.getServerConn()}/postgres` });
}

parentPort.on('message', async (message) => {
  if (message === 'dump') {
    const blob = await db.dumpDataDir('none');
    const bytes = await blob.arrayBuffer();
    parentPort.postMessage({ dump: bytes }, [bytes]);
  } else if (message === 'stop') {
    await server.stop();
    await db.close();
    [db, server] = [undefined, undefined];
    parentPort.postMessage({ stopped: true });
  } else if (message && typeof message === 'object' && 'start' in message) {
    await start(message.start || undefined);
  }
});
await start(workerData?.dump);
