import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded database used when DATABASE_URL is not set: PGlite (PostgreSQL compiled to
 * WebAssembly) served on a loopback port, so the app reaches it through the same `pg` driver and
 * Prisma adapter as a real PostgreSQL server — one code path for both.
 */
/**
 * Connections an app should open to the embedded database: one. pglite-socket runs every
 * connection in PGlite's single session and queues messages one by one, so extended-protocol
 * messages of two connections can interleave (a Bind landing after another connection's Parse:
 * "unnamed prepared statement does not exist"). PGlite executes one query at a time anyway, so a
 * single connection costs no throughput.
 */
export const EMBEDDED_POOL_SIZE = 1;

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** Folder for the data files; omit for an in-memory database (tests). */
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Must stay above the app's pool size: the socket server refuses connections past it. */
  maxConnections?: number;
}

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions = {}): Promise<EmbeddedDatabase> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 32,
  });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgresql://postgres@${address}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
