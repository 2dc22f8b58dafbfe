import 'server-only';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { AppError } from '@/lib/domain/errors';

// One client per process; kept on globalThis so that dev-mode module reloading does not open a
// new pool on every change.
const globalForDb = globalThis as unknown as { wikiDb?: PrismaClient };

export function getDb(): PrismaClient {
  if (globalForDb.wikiDb) return globalForDb.wikiDb;
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new AppError(
      'DATABASE_UNAVAILABLE',
      'DATABASE_URL is not set. Start the wiki with `npm start`, which provides the embedded database.',
    );
  }
  globalForDb.wikiDb = createPrismaClient(url, { poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return globalForDb.wikiDb;
}
