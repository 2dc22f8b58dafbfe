// A private in-memory PGlite served on a loopback port from its own worker thread: PGlite runs
// each query synchronously, so in the test's own thread it would stall the test (and the pool's
// timers) for as long as the database works. Started by throwaway-database.ts.
// workerData: { dump?: string } — a file written by dumpDataDir to start from.
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const dump = workerData?.dump ? new Blob([await readFile(workerData.dump)]) : undefined;
const db = await PGlite.create(dump ? { loadDataDir: dump } : {});
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
await server.start();

parentPort.on('message', async (message) => {
  if (message === 'dump') {
    const blob = await db.dumpDataDir('none');
    const bytes = await blob.arrayBuffer();
    parentPort.postMessage({ dump: bytes }, [bytes]);
  } else if (message === 'stop') {
    await server.stop();
    await db.close();
    parentPort.close();
  }
});
parentPort.postMessage({ url: `postgresql://postgres@${server.getServerConn()}/postgres` });
