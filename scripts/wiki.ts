/**
 * Maintenance commands, like MediaWiki's maintenance scripts: `npm run wiki -- <command>`.
 * They work on DATABASE_URL, or on the embedded database in ./data when it is not set (stop
 * `npm start` first: the embedded database admits one process).
 */
import './lib/env';
import path from 'node:path';
import { migrate } from '@/lib/db/migrate';
import { getDb } from '@/lib/server/db';
import { seedWiki } from '@/lib/server/seed';
import { openDatabase, projectRoot, StartupError } from './lib/database';

type Command = (args: string[]) => Promise<void>;

const commands: Record<string, { usage: string; run: Command }> = {
  seed: {
    usage: 'seed                 import content/ (pages that exist are left alone)',
    async run() {
      const result = await seedWiki(path.join(projectRoot, 'content'));
      console.log(`Created: ${result.created.join(', ') || 'nothing'}; already present: ${result.skipped.join(', ') || 'nothing'}`);
    },
  },
};

function usage(): string {
  return ['Usage: npm run wiki -- <command>', ...Object.values(commands).map((c) => `  ${c.usage}`)].join('\n');
}

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(name ? `Unknown command "${name}".\n${usage()}` : usage());
    process.exitCode = 2;
    return;
  }
  const database = await openDatabase();
  process.env.DATABASE_URL = database.url;
  try {
    await migrate(database.url);
    await command.run(args);
  } finally {
    await getDb().$disconnect();
    await database.close();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof StartupError || (error instanceof Error && error.name !== 'Error');
  console.error(known && error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
