/**
 * The process side of `npm run export` and `npm run import` (scripts/export.ts, scripts/import.ts):
 * the process's streams and its database (scripts/lib/with-database.ts).
 */
import type { BackupIo } from './backup-commands';
import { runCommandAsProcess } from './run-as-process';
import { withProcessDatabase } from './with-database';

function databaseName(url: string, embedded: boolean): string {
  if (embedded) return 'embedded';
  return decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
}

const processIo: BackupIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  stdout: process.stdout,
  stderr: process.stderr,
  withDatabase: (run) =>
    withProcessDatabase(async (database) => {
      const { getDb } = await import('@/lib/server/db');
      await run({ db: getDb(), name: databaseName(database.url, database.embedded) });
    }),
};

/** Runs a backup command on the process's arguments, its outcome the exit code. */
export function runAsProcess(command: (argv: string[], io: BackupIo) => Promise<number>): void {
  runCommandAsProcess(command, processIo);
}
