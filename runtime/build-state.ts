import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

/**
 * Runs `next build` unless the build is current. `quiet` keeps Next's output unless it fails
 * (the test run's global setup); otherwise it goes to the terminal (npm start, the benchmark).
 * Resolves to whether it built.
 */
export async function ensureProductionBuild(root: string, options: { quiet?: boolean } = {}): Promise<boolean> {
  if (buildIsCurrent(root)) return false;
  const build = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  let output = '';
  build.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  build.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    build.on('error', reject);
    build.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`The build failed${output ? `:\n${output}` : '; see the messages above.'}`);
  return true;
}
