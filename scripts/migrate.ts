// `npm run db:migrate`: applies prisma/migrations with the project's Prisma-Migrate-compatible
// migrator (lib/db/migrate.ts); Prisma's own `migrate deploy` needs a schema engine that cannot be
// downloaded here. Migrates DATABASE_URL, or the embedded database in ./data when it is unset.
import '../runtime/env';
import { migrate } from '@/lib/db/migrate';
import { openDatabase } from '../runtime/database';

async function main(): Promise<number> {
  if (process.env.DATABASE_URL && !URL.canParse(process.env.DATABASE_URL)) {
    console.error('DATABASE_URL is not a valid URL (expected postgresql://USER[:PASSWORD]@HOST:PORT/DATABASE).');
    return 1;
  }
  try {
    const database = await openDatabase();
    try {
      const { applied, alreadyApplied } = await migrate(database.migrationUrl, { log: (line) => console.log(line) });
      console.log(
        applied.length === 0
          ? `Database at ${database.location} is up to date (${alreadyApplied} migration(s) applied).`
          : `Applied ${applied.length} migration(s) to ${database.location}; ${alreadyApplied} were already applied.`,
      );
    } finally {
      await database.close();
    }
    return 0;
  } catch (err) {
    // Connection and migration problems are the operator's to fix: one line, no stack trace.
    console.error(`Migration failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

process.exitCode = await main();
