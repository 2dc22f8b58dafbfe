import { spawn } from 'node:child_process';
import { prepareEmbeddedDataDir, projectRoot, TEST_PROCESS_NODE_FLAGS } from './wiki-server';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

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

/** `npm run <script> -- …` (scripts/<script>.ts) as an operator runs it, with the same flags. */
export function spawnScript(script: 'wiki' | 'export' | 'import', args: string[], env: Record<string, string | undefined>, stdin = ''): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...TEST_PROCESS_NODE_FLAGS, '--conditions=react-server', '--import', 'tsx', `scripts/${script}.ts`, ...args], {
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
