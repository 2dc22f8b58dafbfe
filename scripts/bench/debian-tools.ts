import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The path of an executable on the PATH (plus the sbin folders, where Debian puts nginx), or null. */
export function findTool(name: string, searchPath = process.env.PATH ?? ''): string | null {
  const folders = [...searchPath.split(path.delimiter).filter(Boolean), '/usr/sbin', '/sbin'];
  for (const folder of folders) {
    const candidate = path.join(folder, name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Finds a tool of the benchmark's (wrk, nginx), installing its Debian package first when it is
 * missing and this process may (root, with apt-get). Returns its path, or why it cannot be used:
 * the benchmark then falls back to a Node equivalent and says so under the table.
 */
export function ensureTool(name: string, debianPackage: string): { path: string } | { missing: string } {
  const override = process.env[`${name.toUpperCase()}_PATH`];
  if (override) return existsSync(override) ? { path: override } : { missing: `${name.toUpperCase()}_PATH names no file (${override})` };
  const found = findTool(name);
  if (found) return { path: found };
  if (process.getuid?.() !== 0 || findTool('apt-get') === null) return { missing: `${name} is not installed (Debian: apt-get install ${debianPackage})` };
  console.log(`Installing ${name} (Debian package ${debianPackage}) for the load rows…`);
  const installed = spawnSync('apt-get', ['install', '-y', '-qq', debianPackage], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const after = findTool(name);
  const reason = installed.stderr?.toString().trim().split('\n').at(-1) || 'apt-get failed';
  return after ? { path: after } : { missing: `${name} could not be installed: ${reason}` };
}
