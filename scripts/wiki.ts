/**
 * Maintenance commands, like MediaWiki's maintenance scripts: `npm run wiki -- <command>`.
 * They work on DATABASE_URL, or on the embedded database in ./data when it is not set (stop
 * `npm start` first: the embedded database admits one process).
 * The commands live in scripts/lib/wiki-commands.ts; this entry gives them the process's streams
 * and the database, and turns their outcome into the exit code.
 */
import '../runtime/env';
import { UsageError } from './lib/command-line';
import { runCommandAsProcess } from './lib/run-as-process';
import { runWikiCommand, type CommandIo } from './lib/wiki-commands';
import { withProcessDatabase } from './lib/with-database';

const processIo: CommandIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  async stdin() {
    if (process.stdin.isTTY) throw new UsageError('--password-stdin expects the password on standard input (e.g. `echo "$PW" | npm run wiki -- …`).');
    let data = '';
    for await (const chunk of process.stdin) data += chunk;
    return data;
  },
  withDatabase: (run) => withProcessDatabase(run),
};

runCommandAsProcess(runWikiCommand, processIo);
