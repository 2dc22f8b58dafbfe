import { spawn } from 'node:child_process';
import { prepareEmbeddedDataDir, projectRoot, TEST_PROCESS_NODE_FLAGS } from './wiki-server';
import { RESULT_MARKER, type BatchCommand, type CliResult } from './wiki-commands-format';

export type { CliResult };

/**
 * Runs `npm run wiki -- …` as an operator would (same script, same flags). `env` entries override
 * the test process's variables; undefined removes one (e.g. DATABASE_URL for the embedded database).
 * An empty embedded WIKI_DATA_DIR gets the prepared database first, as startWiki does.
 */
export async function runWikiCli(args: string[], env: Record<string, string | undefined> = {}, stdin = ''): Promise<CliResult> {
  await prepareEmbeddedDataDir(env);
  return spawnWikiCli(args, env, stdin);
}

/** runWikiCli without preparing the data folder (for the global setup, outside any test file). */
export function spawnWikiCli(args: string[], env: Record<string, string | undefined>, stdin = ''): Promise<CliResult> {
  return spawnScript('wiki', args, env, stdin);
}

/**
 * Several `npm run wiki` commands run by one process (wiki-commands-batch.ts), for a test wiki's
 * set-up: the same commands, for one process's cost instead of one each. Gives each command's
 * result in order; throws, naming the command and its stderr, when one fails (the batch stops there).
 */
export async function runWikiCommands(commands: BatchCommand[], env: Record<string, string | undefined>): Promise<CliResult[]> {
  const run = await spawnNode('tests/support/wiki-commands-batch.ts', [], env, JSON.stringify(commands));
  const line = run.stdout.split('\n').findLast((candidate) => candidate.startsWith(RESULT_MARKER));
  if (run.code !== 0 || line === undefined) throw new Error(`The wiki commands did not run (exit ${run.code}):\n${run.stderr}${run.stdout}`);
  const results = JSON.parse(line.slice(RESULT_MARKER.length)) as CliResult[];
  const failed = results.findIndex((result) => result.code !== 0);
  if (failed >= 0) throw new Error(`npm run wiki -- ${commands[failed]!.argv.join(' ')} failed (exit ${results[failed]!.code}):\n${results[failed]!.stderr}`);
  return results;
}

/** `npm run <script> -- …` (scripts/<script>.ts) as an operator runs it, with the same flags. */
export function spawnScript(script: 'wiki' | 'export' | 'import', args: string[], env: Record<string, string | undefined>, stdin = ''): Promise<CliResult> {
  return spawnNode(`scripts/${script}.ts`, args, env, stdin);
}

function spawnNode(file: string, args: string[], env: Record<string, string | undefined>, stdin: string): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...TEST_PROCESS_NODE_FLAGS, '--conditions=react-server', '--import', 'tsx', file, ...args], {
      cwd: projectRoot,
      env: childEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(stdin);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The API token a `user:create --token` or `token:create` run printed: its own line, starting with
 * the token prefix, wherever it is among the lines. Until 7 December, with read replicas configured,
 * the replica monitor's "… in rotation: serving reads." could follow it on standard output (it
 * logs on standard error now, tests/integration/replica-routing.test.ts).
 */
export function printedToken(stdout: string): string {
  const token = stdout
    .split('\n')
    .map((line) => line.trim())
    .findLast((line) => /^wiki_[A-Za-z0-9_-]{43}$/.test(line));
  if (token === undefined) throw new Error(`No API token in the command's output:\n${stdout}`);
  return token;
}
