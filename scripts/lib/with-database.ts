import { migrate } from '@/lib/db/migrate';
import { getDb } from '@/lib/server/db';
import { isAppError } from '@/lib/domain/errors';
import { openDatabase, StartupError, type OpenedDatabase } from '../../runtime/database';
import { UsageError } from './command-line';

/**
 * Runs a maintenance task the way `npm run wiki` does: on DATABASE_URL or the embedded database
 * in ./data, migrated first, closed afterwards. Arguments are checked before the database is
 * opened; a UsageError prints its message (exit code 2), other known errors one line (exit 1), no stack.
 */
export async function runWithDatabase(checkArguments: () => void, task: (database: OpenedDatabase) => Promise<void>): Promise<void> {
  try {
    checkArguments();
    const database = await openDatabase();
    process.env.DATABASE_URL = database.url;
    try {
      await migrate(database.url);
      await task(database);
    } finally {
      await getDb().$disconnect();
      await database.close();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exitCode = 2;
      return;
    }
    const known = error instanceof StartupError || isAppError(error);
    console.error(known && error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
