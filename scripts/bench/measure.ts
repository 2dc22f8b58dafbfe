import { performance } from 'node:perf_hooks';

export interface Stats {
  p50: number;
  p99: number;
  runs: number;
}

/** The q-quantile (0..1) of ascending samples: the nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function statsOf(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), runs: sorted.length };
}

/** Runs fn after a warm-up and returns percentiles in milliseconds (in-process server time). */
export async function measure(fn: () => Promise<unknown>, options: { iterations?: number; warmup?: number } = {}): Promise<Stats> {
  const iterations = options.iterations ?? 50;
  for (let i = 0; i < (options.warmup ?? 3); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return statsOf(samples);
}
