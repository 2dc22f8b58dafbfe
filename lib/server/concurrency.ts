import 'server-only';

/**
 * A per-process limit on how many of some costly jobs run at once; the rest wait their turn, in
 * order. For work whose memory grows with each job running (decoding images, holding uploads),
 * where a queue is cheaper than a burst.
 */
export interface Limiter {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export function createLimiter(max: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(work) {
      if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      else running += 1;
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        // The slot passes straight to the next waiter, so `running` never drops below what is in use.
        if (next) next();
        else running -= 1;
      }
    },
  };
}
