/**
 * `npm start`: everything a first run needs, then the production server.
 * Builds when there is no up-to-date build, opens the database (DATABASE_URL or the embedded
 * PGlite in ./data), applies migrations, imports the seed content into an empty wiki, and serves
 * on PORT (default 3000). The embedded database lives in this process; Next.js runs as a child.
 */
import './env';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { migrate } from '@/lib/db/migrate';
import { getDb } from '@/lib/server/db';
import { derivedDataIsCurrent, isDatabaseEmpty } from '@/lib/server/derived/freshness';
import { authEnvironment } from './auth-env';
import { buildIsCurrent, ensureProductionBuild } from './build-state';
import { openDatabase, projectRoot, StartupError } from './database';
import { serverEnvironment, serverNodeArguments } from './server-command';
import { createProgress } from './progress';

/** Imports the seed content into an empty wiki; after an upgrade that changed the renderer, rebuilds links, categories and search. */
async function prepareContent(): Promise<void> {
  // The seed and the rebuild load the renderer: imported only when there is something to do.
  if (await isDatabaseEmpty()) {
    const { seedWiki } = await import('@/lib/server/seed');
    const seeded = await seedWiki(path.join(projectRoot, 'content'));
    console.log(`Imported ${seeded.created.length} page(s): ${seeded.created.join(', ')}`);
  }
  if (await derivedDataIsCurrent()) return;
  const { rebuildDerivedData } = await import('@/lib/server/derived/rebuild');
  const progress = createProgress('Rebuilding pages for this version', { every: 500 });
  const refreshed = await rebuildDerivedData(({ done, total }) => progress.update(done, total));
  progress.stop();
  console.log(`Rebuilt links, categories and the search index of ${refreshed.pages} page(s) for this version's renderer.`);
}

async function main(): Promise<void> {
  const port = process.env.PORT ?? '3000';
  if (!buildIsCurrent(projectRoot)) {
    console.log('Building the wiki (first start or changed sources)…');
    await ensureProductionBuild(projectRoot).catch((error: Error) => {
      throw new StartupError(error.message);
    });
  }

  const database = await openDatabase();
  process.env.DATABASE_URL = database.url;
  // Seeding and the post-upgrade rebuild run under the migration lock: two instances starting on
  // one empty database at once must not both seed it.
  const { applied } = await migrate(database.migrationUrl, { log: (line) => console.log(line), thenWhileLocked: prepareContent });
  if (applied.length > 0) console.log(`Applied ${applied.length} migration(s).`);
  await getDb().$disconnect();

  const server = spawn(process.execPath, serverNodeArguments(projectRoot), {
    cwd: projectRoot,
    // The IPC channel lets the server notice when this process is gone (runtime/server.mjs).
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: serverEnvironment({ ...process.env, ...authEnvironment(), DATABASE_URL: database.url, PORT: port, NODE_ENV: 'production' }),
  });
  const where = database.embedded ? `embedded database in ${database.location}` : 'PostgreSQL from DATABASE_URL';
  console.log(`Wiki on http://localhost:${port}/ (${where})`);

  // Next.js exits with 128 + signal number when it stops on a signal; a stop we asked for is a
  // clean exit.
  let stopRequested = false;
  const forward = (signal: NodeJS.Signals) => {
    stopRequested = true;
    server.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  server.on('exit', async (code) => {
    await database.close();
    const stoppedBySignal = code === null || code === 0 || code === 130 || code === 143;
    process.exit(stopRequested && stoppedBySignal ? 0 : (code ?? 1));
  });
}

main().catch((error: unknown) => {
  // Startup problems are the operator's to fix: one clear line, no stack trace.
  console.error(error instanceof Error ? `Cannot start the wiki: ${error.message}` : error);
  process.exit(1);
});
