// `npm run db:migrate`: applies prisma/migrations to the database at DATABASE_URL with the project's
// Prisma-Migrate-compatible migrator (lib/db/migrate.ts); Prisma's own `migrate deploy` needs a
// schema engine that cannot be downloaded here.
import { migrate, MigrationConnectionError } from '../lib/db/migrate';

/** `host:port/database` of a connection URL: never the user's password. */
function describeTarget(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  return `${host}:${url.port || '5432'}${database ? `/${database}` : ''}`;
}

async function main(): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error(
      'DATABASE_URL is not set: set it to migrate a PostgreSQL database (`npm start` migrates the embedded database automatically).',
    );
    return 1;
  }
  if (!URL.canParse(databaseUrl)) {
    console.error('DATABASE_URL is not a valid URL (expected postgresql://USER[:PASSWORD]@HOST:PORT/DATABASE).');
    return 1;
  }
  try {
    const { applied, alreadyApplied } = await migrate(databaseUrl, { log: (line) => console.log(line) });
    for (const name of applied) console.log(`Applied migration ${name}`);
    console.log(
      applied.length === 0
        ? `Database is up to date (${alreadyApplied} migration${alreadyApplied === 1 ? '' : 's'} already applied).`
        : `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}; ${alreadyApplied} were already applied.`,
    );
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof MigrationConnectionError) {
      const reason = message.replace(/^Cannot connect to the database: /, '');
      console.error(`Cannot connect to the database at DATABASE_URL (${describeTarget(databaseUrl)}): ${reason}`);
    } else {
      console.error(`Migration failed: ${message}`);
    }
    return 1;
  }
}

process.exitCode = await main();
