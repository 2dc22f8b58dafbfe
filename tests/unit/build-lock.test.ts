import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withBuildLock } from '@/runtime/build-state';

const folders: string[] = [];
function projectFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'wiki-build-lock-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the build lock (two npm starts that both find the build stale)', () => {
  it('lets one build run at a time, the second after the first', async () => {
    const root = projectFolder();
    const events: string[] = [];
    const build = (name: string) =>
      withBuildLock(
        root,
        async () => {
          events.push(`${name} starts`);
          await pause(50);
          events.push(`${name} ends`);
          return name;
        },
        10,
      );
    expect(await Promise.all([build('first'), build('second')])).toEqual(['first', 'second']);
    expect(events).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
    expect(existsSync(path.join(root, '.next-build.lock'))).toBe(false);
  });

  it('takes over the lock of a process that is gone (killed mid-build)', async () => {
    const root = projectFolder();
    mkdirSync(path.join(root, '.next-build.lock'));
    // Process ids stay below 2^22 on Linux: this one cannot be running.
    writeFileSync(path.join(root, '.next-build.lock', 'pid'), String(2 ** 22 + 1));
    expect(await withBuildLock(root, async () => 'built', 10)).toBe('built');
  });

  it('waits for a lock whose process runs, and releases its own when the build fails', async () => {
    const root = projectFolder();
    mkdirSync(path.join(root, '.next-build.lock'));
    writeFileSync(path.join(root, '.next-build.lock', 'pid'), String(process.pid));
    let built = false;
    const waiting = withBuildLock(root, async () => (built = true), 10);
    await pause(100);
    expect(built).toBe(false);
    rmSync(path.join(root, '.next-build.lock'), { recursive: true });
    await waiting;
    expect(built).toBe(true);

    await expect(withBuildLock(root, async () => Promise.reject(new Error('next build failed')), 10)).rejects.toThrow('next build failed');
    expect(existsSync(path.join(root, '.next-build.lock'))).toBe(false);
  });
});
