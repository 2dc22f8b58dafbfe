import { openDatabase, type OpenedDatabase } from '../../runtime/database';

/**
 * Runs a command-line task the way `npm run wiki` does: on DATABASE_URL or the embedded database
 * in ./data (stop `npm start` first), migrated first, closed afterwards. The server layer's getDb()
 * is pointed at it.
 */
export async function withProcessDatabase(task: (database: OpenedDatabase) => Promise<void>): Promise<void> {
  const database = await openDatabase();
  process.env.DATABASE_URL = database.url;
  const [{ migrate }, { getDb }] = await Promise.all([import('@/lib/db/migrate'), import('@/lib/server/db')]);
  try {
    await migrate(database.migrationUrl);
    await task(database);
  } finally {
    await getDb().$disconnect();
    await database.close();
  }
}
