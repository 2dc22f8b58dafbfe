import { describe, expect, it } from 'vitest';
import { SERVER_MALLOC_ENVIRONMENT, serverEnvironment, serverNodeArguments } from '@/runtime/server-command';

describe('the server process', () => {
  it("starts with glibc's allocator tuned for big upload buffers", () => {
    const env = serverEnvironment({ PORT: '3000' });
    expect(env).toMatchObject({ PORT: '3000', MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' });
  });

  it("keeps an operator's own allocator settings", () => {
    const env = serverEnvironment({ MALLOC_ARENA_MAX: '8' });
    expect(env.MALLOC_ARENA_MAX).toBe('8');
    expect(env.MALLOC_MMAP_THRESHOLD_).toBe(SERVER_MALLOC_ENVIRONMENT.MALLOC_MMAP_THRESHOLD_);
  });

  it('does not change the environment it was given', () => {
    const given = { PORT: '1' };
    serverEnvironment(given);
    expect(given).toEqual({ PORT: '1' });
  });

  it('runs server.mjs with a heap ceiling', () => {
    const args = serverNodeArguments('/srv/wiki');
    expect(args.at(-1)).toBe('/srv/wiki/runtime/server.mjs');
    expect(args[0]).toMatch(/^--max-old-space-size=\d+$/);
  });
});
