/**
 * Several `npm run wiki` commands in one process, for the accounts a test wiki needs before it
 * starts (runWikiCommands in wiki-cli.ts). Each command goes through runWikiCommand, the code
 * `npm run wiki` runs, on the database opened and migrated once as that script opens it
 * (withProcessDatabase), instead of one process per command: each costs about 1.7 CPU-s (Node, the
 * server layer's modules, opening the embedded database). What only the process adds (arguments,
 * standard input, exit codes) is tested by tests/e2e/cli.test.ts.
 *
 * Reads `[{ argv, stdin }]` as JSON on standard input and prints one line, RESULT_MARKER followed
 * by `[{ code, stdout, stderr }]` as JSON; it stops at the first command that fails.
 */
import '../../runtime/env';
import { runWikiCommand, type CommandIo } from '../../scripts/lib/wiki-commands';
import { withProcessDatabase } from '../../scripts/lib/with-database';
import { RESULT_MARKER, type BatchCommand, type CliResult } from './wiki-commands-format';

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const commands = JSON.parse(input) as BatchCommand[];
const results: CliResult[] = [];

try {
  await withProcessDatabase(async () => {
    for (const command of commands) {
      const stdout: string[] = [];
      const stderr: string[] = [];
      const io: CommandIo = {
        out: (line) => stdout.push(`${line}\n`),
        err: (line) => stderr.push(`${line}\n`),
        stdin: () => Promise.resolve(command.stdin),
        // Already open and migrated, once for all of them.
        withDatabase: (run) => run(),
      };
      const code = await runWikiCommand(command.argv, io);
      results.push({ code, stdout: stdout.join(''), stderr: stderr.join('') });
      if (code !== 0) break;
    }
  });
} catch (error) {
  // A command that throws is a bug, reported whole as `npm run wiki` reports it.
  results.push({ code: 1, stdout: '', stderr: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
console.log(`${RESULT_MARKER}${JSON.stringify(results)}`);
