import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * wrk (Debian's package), the benchmark's load generator where it is installed. autocannon, in one
 * Node process, topped out near 10,000 req/s on these machines: below what the bare Node baseline
 * and the cached article view reach, so both rows measured autocannon and their ratio read ~1.
 * wrk (C, an event loop per thread) answers 60,000 req/s against a 2-byte Node response here.
 */

/** wrk's `done` callback prints its summary as one JSON line after this marker. */
const MARKER = 'WIKI_BENCH_WRK ';

/** Prints wrk's summary as one JSON line (see the file); wrk reads it once per thread, so it is a file. */
const REPORT_SCRIPT = path.join(import.meta.dirname, 'wrk-report.lua');

export interface WrkReport {
  requests: number;
  durationUs: number;
  errors: number;
  p50Us: number;
  p99Us: number;
}

/** wrk's arguments: two threads (never more than connections), the report script, the headers. */
export function wrkArguments(url: string, script: string, options: { connections: number; seconds: number; headers?: Record<string, string> }): string[] {
  const threads = Math.min(2, options.connections);
  const headers = Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  return ['-t', String(threads), '-c', String(options.connections), '-d', `${options.seconds}s`, '--timeout', '10s', '-s', script, ...headers, url];
}

/** The JSON line of the report script in wrk's output; throws when there is none. */
export function parseWrkReport(stdout: string): WrkReport {
  const line = stdout.split('\n').find((candidate) => candidate.startsWith(MARKER));
  if (line === undefined) throw new Error(`wrk printed no report:\n${stdout.trim().slice(0, 500)}`);
  return JSON.parse(line.slice(MARKER.length)) as WrkReport;
}

/** Runs wrk against one URL. */
export async function runWrk(wrkPath: string, url: string, options: { connections: number; seconds: number; headers?: Record<string, string> }): Promise<WrkReport> {
  const child = spawn(wrkPath, wrkArguments(url, REPORT_SCRIPT, options), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`wrk failed (exit ${code}): ${(stderr || stdout).trim().slice(0, 500)}`);
  return parseWrkReport(stdout);
}
