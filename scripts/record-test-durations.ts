/**
 * Writes tests/support/file-durations.json from the last `npm test`'s per-file times (Vitest's
 * cache), for the test sequencer on a fresh clone, where that cache is empty: the longest files
 * must start first there too (tests/support/slowest-first.ts). Run after a full, passing `npm test`
 * on a quiet machine: `npm run test:durations`.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const cacheRoot = path.join(root, 'node_modules/.vite/vitest');
const output = path.join(root, 'tests/support/file-durations.json');

type CachedResult = [key: string, value: { duration: number; failed: boolean }];

const caches = existsSync(cacheRoot) ? readdirSync(cacheRoot).map((dir) => path.join(cacheRoot, dir, 'results.json')) : [];
const results = caches.filter(existsSync).flatMap((file) => Object.values((JSON.parse(readFileSync(file, 'utf8')) as { results: Record<string, CachedResult> }).results));
if (results.length === 0) {
  console.error('No test times found: run `npm test` first (Vitest keeps them in node_modules/.vite/vitest).');
  process.exit(1);
}
// Keyed by file (the sequencer's fallback); a failed run's time says little, so it is left out.
const seconds: Record<string, number> = {};
for (const [key, { duration, failed }] of results) {
  const file = key.slice(key.indexOf(':') + 1);
  if (!failed && file.startsWith('tests/')) seconds[file] = Math.max(seconds[file] ?? 0, Math.round(duration / 100) / 10);
}
const sorted = Object.fromEntries(Object.entries(seconds).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(output, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`Wrote the times of ${Object.keys(sorted).length} test files to ${path.relative(root, output)}.`);
