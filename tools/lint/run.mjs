// `npm run lint`: installs tools/lint's own dependencies when they are missing or older than its
// lockfile (a fresh clone, CI, or after a version bump), then runs ESLint on the whole tree with
// the root eslint.config.mjs. Extra arguments go to ESLint (e.g. `npm run lint -- --fix app/`).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const root = path.resolve(here, '../..');
const installed = path.join(here, 'node_modules/.package-lock.json');
const lockfile = path.join(here, 'package-lock.json');

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lockfile).mtimeMs) {
  const status = run('npm', ['ci', '--prefix', here, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here });
  if (status !== 0) process.exit(status);
}

const args = process.argv.slice(2);
const eslint = path.join(here, 'node_modules/eslint/bin/eslint.js');
process.exit(run(process.execPath, [eslint, '--max-warnings', '0', ...(args.length > 0 ? args : ['.'])], { cwd: root }));
