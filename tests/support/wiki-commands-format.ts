/** What wiki-cli.ts and the batch script (wiki-commands-batch.ts) exchange; no imports, so the script can load it outside Vitest. */

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One `npm run wiki` command of a batch: its arguments and what it reads on standard input. */
export interface BatchCommand {
  argv: string[];
  stdin: string;
}

/** Starts the batch script's line of results (the server layer may print lines of its own). */
export const RESULT_MARKER = 'WIKI_COMMANDS_BATCH ';
