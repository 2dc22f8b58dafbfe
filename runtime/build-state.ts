import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Sources whose change means the production build is stale.
const SOURCE_ENTRIES = ['app', 'components', 'lib', 'messages', 'next.config.ts', 'proxy.ts', 'package-lock.json', 'prisma/schema.prisma'];
const IGNORED = new Set(['node_modules', 'generated', '.next']);

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (!IGNORED.has(child)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** True when .next holds a production build newer than every source file. */
export function buildIsCurrent(root: string): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCE_ENTRIES.every((entry) => newestMtime(path.join(root, entry)) <= builtAt);
}

/** Whether a process with this id runs (signal 0 checks without signalling). */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `work` while holding the project folder's build lock. Two processes that both find the
 * build stale (two `npm start`s in one folder, a start beside the test run's build) must not both
 * run `next build` into .next: each deletes the other's chunks, and a server already running on
 * the first build then answers every page with a ChunkLoadError. The lock is a directory (mkdir is
 * atomic) naming its holder's process id; the lock of a process that is gone (killed mid-build) is
 * taken over.
 */
export async function withBuildLock<T>(root: string, work: () => Promise<T>, pollMs = 500): Promise<T> {
  const lock = path.join(root, '.next-build.lock');
  const owner = path.join(lock, 'pid');
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(owner, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(existsSync(owner) ? readFileSync(owner, 'utf8') : NaN);
      // A lock without a pid yet is being taken right now; one whose process is gone is stale.
      if (Number.isInteger(holder) && !processRuns(holder)) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Runs `next build` unless the build is current (checked again under the build lock: another
 * process may have built it while this one waited). `quiet` keeps Next's output unless it fails
 * (the test run's global setup); otherwise it goes to the terminal (npm start, the benchmark).
 * Resolves to whether it built.
 */
export async function ensureProductionBuild(root: string, options: { quiet?: boolean } = {}): Promise<boolean> {
  if (buildIsCurrent(root)) return false;
  return withBuildLock(root, async () => {
    if (buildIsCurrent(root)) return false;
    await runNextBuild(root, options.quiet ?? false);
    return true;
  });
}

async function runNextBuild(root: string, quiet: boolean): Promise<void> {
  const build = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  let output = '';
  build.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  build.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    build.on('error', reject);
    build.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`The build failed${output ? `:\n${output}` : '; see the messages above.'}`);
}
