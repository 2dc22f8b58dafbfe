import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { freePort } from '../../scripts/lib/free-port';

export { freePort };

export const projectRoot = path.resolve(import.meta.dirname, '../..');

export interface RunningWiki {
  baseUrl: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}

/**
 * Gives a wiki that will use the embedded database in `env.WIKI_DATA_DIR` (no DATABASE_URL) the
 * migrated, seeded database that global-build.ts prepared, when that folder has none yet: what
 * `npm start` would make there, without paying for it again. Outside the e2e project, a no-op.
 */
export async function prepareEmbeddedDataDir(env: Record<string, string | undefined>, template = inject('embeddedTemplate')): Promise<void> {
  const dataDir = env.WIKI_DATA_DIR;
  const databaseUrl = 'DATABASE_URL' in env ? env.DATABASE_URL : process.env.DATABASE_URL;
  if (!template || !dataDir || databaseUrl || existsSync(path.join(dataDir, 'pglite'))) return;
  await cp(path.join(template, 'pglite'), path.join(dataDir, 'pglite'), { recursive: true });
}

/**
 * Node flags of the processes the tests spawn (npm start's script, the maintenance CLI), before
 * `npm start`'s own. `--liftoff-only`: V8 compiles WebAssembly with its baseline compiler only.
 * Behaviour is unchanged; what changes is CPU time. The embedded database (PGlite, a large
 * WebAssembly module) otherwise has its hot functions recompiled by the optimizing compiler in
 * every process that opens it. That costs about 2.5 CPU-seconds per wiki start and 1.2 per CLI
 * run, and a test's short-lived process never earns it back (a 13-test e2e file: 75 → 70 CPU-s,
 * docs/testing.md).
 */
export const TEST_PROCESS_NODE_FLAGS = ['--liftoff-only'];

/** Spawns `npm start`'s script (runtime/start.ts) with the given variables (undefined removes one). */
function spawnStart(env: Record<string, string | undefined>, port: number): { child: ChildProcess; output(): string } {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  const child = spawn(process.execPath, [...TEST_PROCESS_NODE_FLAGS, '--conditions=react-server', '--import', 'tsx', 'runtime/start.ts'], {
    cwd: projectRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

export interface StartOptions {
  /** Leave an empty WIKI_DATA_DIR empty, so that `npm start` creates and seeds the database itself. */
  firstRun?: boolean;
  timeoutMs?: number;
  /** The seeded embedded database to copy (global-build.ts); test files get it from Vitest's inject. */
  embeddedTemplate?: string;
}

/**
 * Runs `npm start` exactly as a user would (build if needed, database, migrations, seed,
 * production server) and waits until it answers HTTP.
 */
export async function startWiki(env: Record<string, string | undefined>, options: StartOptions = {}): Promise<RunningWiki> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  if (!options.firstRun) await prepareEmbeddedDataDir(env, options.embeddedTemplate ?? inject('embeddedTemplate'));
  const port = await freePort();
  const { child, output } = spawnStart(env, port);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The wiki exited with ${child.exitCode} before serving:\n${output()}`);
    if (Date.now() >= deadline) {
      child.kill('SIGKILL');
      throw new Error(`The wiki did not answer within ${timeoutMs} ms:\n${output()}`);
    }
    const status = await fetch(`${baseUrl}/wiki/Main_Page`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    process: child,
    output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs the start script and waits for it to exit (for start-up failures). */
export async function runStartExpectingExit(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  const { child, output } = spawnStart(env, await freePort());
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return { code, output: output() };
}
