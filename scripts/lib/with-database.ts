import { migrate } from '@/lib/db/migrate';
import { getDb } from '@/lib/server/db';
import { isAppError } from '@/lib/domain/errors';
import { openDatabase, StartupError, type OpenedDatabase } from '../../runtime/database';

/** A mistake in the command line: its message is the whole answer (exit code 2). */
export class UsageError extends Error {}

/**
 * Runs a maintenance task the way `npm run wiki` does: on DATABASE_URL or the embedded database
 * in ./data, migrated first, closed afterwards. Arguments are checked before the database is opened. Known errors print one line (exit 1), no stack.
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

/** The value of `--name=value`, or undefined. */
export function option(args: string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  return args.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

/** Refuses flags the command does not know (a typo must not silently change what a backup holds). */
export function assertKnownFlags(args: string[], known: string[], usage: string): void {
  const unknown = args.filter((arg) => arg.startsWith('--') && !known.includes(arg.split('=')[0]!.slice(2)));
  if (unknown.length > 0) throw new UsageError(`Unknown option ${unknown.join(', ')}.\n${usage}`);
}
