import { performance } from 'node:perf_hooks';

export interface Stats {
  p50: number;
  p95: number;
  mean: number;
  runs: number;
}

export interface Row {
  name: string;
  stats: Stats;
  target: string;
  /** The figure compared with the target (p50 ms). */
  budgetMs: number;
  ratio?: number;
}

/** Runs fn after a warm-up and returns percentiles in milliseconds. */
export async function measure(fn: () => Promise<unknown>, options: { iterations?: number; warmup?: number } = {}): Promise<Stats> {
  const iterations = options.iterations ?? 50;
  for (let i = 0; i < (options.warmup ?? 3); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p95: at(0.95), mean: samples.reduce((a, b) => a + b, 0) / samples.length, runs: samples.length };
}

export function printTable(rows: Row[], context: { machine: string; database: string }): void {
  const header = ['Measure', 'p50 ms', 'p95 ms', 'runs', 'target', 'met'];
  const lines = rows.map((row) => [
    row.name,
    row.stats.p50.toFixed(2),
    row.stats.p95.toFixed(2),
    String(row.stats.runs),
    row.ratio === undefined ? row.target : `${row.target} (${row.ratio.toFixed(2)}×)`,
    row.stats.p50 <= row.budgetMs ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(`\n${new Date().toISOString().slice(0, 10)} · ${context.machine} · ${context.database}`);
  console.log(format(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(format(line));
}
