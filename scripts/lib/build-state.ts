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
