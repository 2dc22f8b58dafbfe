import { describe, expect, it } from 'vitest';
import { createLimiter } from '@/lib/server/concurrency';

describe('createLimiter', () => {
  it('runs at most `max` jobs at once, the rest in arrival order, and frees a slot when a job fails', async () => {
    const limiter = createLimiter(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const jobs = Array.from({ length: 6 }, (_, i) =>
      limiter.run(async () => {
        started.push(i);
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
        if (i === 1) throw new Error('job 1 fails');
        return i;
      }),
    );
    const settled = Promise.allSettled(jobs);
    // Let the first jobs start, then release them one at a time.
    for (let released = 0; released < 6; released++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(running).toBeLessThanOrEqual(2);
      releases[released]!();
    }
    const results = await settled;
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
  });
});
