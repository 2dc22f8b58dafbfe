import os from 'node:os';

/** One line of the benchmark table. Figures absent for a row print as "–". */
export interface Row {
  name: string;
  /** Concurrent connections of an HTTP row; absent for in-process and one-off figures. */
  connections?: number;
  reqPerSec?: number;
  p50Ms?: number;
  p99Ms?: number;
  /** A figure that is not a latency (cold start, memory, storage). */
  value?: string;
  target: string;
  /** Comparison with a baseline, e.g. "0.52× bare". */
  ratio?: string;
  /** Whether the target is met; absent when the row has no target. */
  met?: boolean;
  /** Failed requests etc.: printed under the table. */
  problem?: string;
}

export interface RunContext {
  database: string;
  shape: string;
  date: Date;
}

export function machineDescription(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores, ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/**
 * "0.31× bare": two decimals, or two significant digits below 0.1. With wrk the bare baseline
 * answers about 36,000 req/s and Next.js's dynamic page about 130, a ratio that two decimals
 * print as "0.00×", as if the page had answered nothing.
 */
export function ratioText(value: number, of: string): string {
  const digits = value >= 0.1 || value === 0 || !Number.isFinite(value) ? value.toFixed(2) : value.toPrecision(2);
  return `${digits}× ${of}`;
}

const HEADER = ['Measure', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'value', 'target', 'ratio', 'met'];

function ms(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  return value >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2);
}

function formatRow(row: Row): string[] {
  return [
    row.name,
    row.connections === undefined ? '–' : String(row.connections),
    row.reqPerSec === undefined ? '–' : Math.round(row.reqPerSec).toLocaleString('en'),
    ms(row.p50Ms),
    ms(row.p99Ms),
    row.value ?? '–',
    row.target,
    row.ratio ?? '–',
    row.met === undefined ? '–' : row.met ? 'yes' : 'NO',
  ];
}

/** Prints the run's context line and a Markdown table (pasteable into docs/benchmark.md). */
export function printTable(rows: Row[], context: RunContext): void {
  const lines = rows.map(formatRow);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(`\n${context.date.toISOString().slice(0, 10)} · ${machineDescription()} · ${context.database} · ${context.shape}`);
  console.log(format(HEADER));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(format(line));
  const problems = rows.filter((row) => row.problem);
  for (const row of problems) console.log(`! ${row.name}: ${row.problem}`);
}
