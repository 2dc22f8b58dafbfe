import { spawn } from 'node:child_process';
import path from 'node:path';
import { statsOf, type Stats } from './measure';
import { ensureTool } from './debian-tools';
import { runWrk, type WrkReport } from './wrk';

const WORKER = path.join(import.meta.dirname, 'load-worker.mjs');

export interface LoadResult extends Stats {
  reqPerSec: number;
  /** Non-2xx answers, socket errors and timeouts. */
  failed: number;
  /** Saves: who timed the samples (the server's Server-Timing total, or the client), and the client's median. */
  timedBy?: 'server' | 'client';
  clientP50?: number;
}

interface WorkerOutput {
  ok: number;
  failed: number;
  seconds: number;
  latencies: number[];
  clientLatencies?: number[];
  timedBy?: 'server' | 'client';
}

/** Runs load-worker.mjs in a child process and summarises its samples. */
async function runWorker(config: Record<string, unknown>): Promise<LoadResult> {
  const child = spawn(process.execPath, [WORKER, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`The load generator failed (exit ${code}): ${stderr.trim()}`);
  const output = JSON.parse(stdout) as WorkerOutput;
  const clientP50 = output.clientLatencies ? statsOf(output.clientLatencies).p50 : undefined;
  return { ...statsOf(output.latencies), reqPerSec: output.ok / output.seconds, failed: output.failed, timedBy: output.timedBy, clientP50 };
}

/** What generates the load: wrk where it is (or can be) installed, else autocannon, and why. */
export type LoadGenerator = { name: 'wrk'; path: string } | { name: 'autocannon'; why: string };

let chosen: LoadGenerator | undefined;

/** Picks the load generator once per run (installing wrk when missing and possible). */
export function loadGenerator(): LoadGenerator {
  if (chosen === undefined) {
    const wrk = ensureTool('wrk', 'wrk');
    chosen = 'path' in wrk ? { name: 'wrk', path: wrk.path } : { name: 'autocannon', why: wrk.missing };
  }
  return chosen;
}

/** One sentence for under the table. */
export function describeLoadGenerator(generator: LoadGenerator): string {
  return generator.name === 'wrk'
    ? `Load generator: wrk (${generator.path}, 2 threads) in its own process on loopback.`
    : `Load generator: autocannon in its own process on loopback, because ${generator.why}; it saturates near 10,000 req/s, so compare each row with the ceiling row.`;
}

/** A wrk report as the benchmark's figures (milliseconds, requests per second). */
export function fromWrkReport(report: WrkReport): LoadResult {
  return { p50: report.p50Us / 1000, p99: report.p99Us / 1000, runs: report.requests, reqPerSec: report.requests / (report.durationUs / 1e6), failed: report.errors };
}

type LoadOptions = { connections: number; seconds: number; headers?: Record<string, string> };

async function loadOnce(url: string, options: LoadOptions): Promise<LoadResult> {
  const generator = loadGenerator();
  if (generator.name === 'wrk') return fromWrkReport(await runWrk(generator.path, url, options));
  return runWorker({ mode: 'load', url, ...options });
}

/**
 * Load on one URL for `seconds` from another process: wrk, else autocannon (load-worker.mjs). A
 * run that completed no request says nothing (a short row on a busy machine, where every
 * connection's first answer came after the end): it is measured once more, three times as long.
 * A URL that never answers still ends with no request and is reported as such.
 */
export async function loadTest(url: string, options: LoadOptions): Promise<LoadResult> {
  const result = await loadOnce(url, options);
  return result.runs > 0 ? result : loadOnce(url, { ...options, seconds: options.seconds * 3 });
}

/** `count` sequential REST saves of a page, each on top of the last (server time from Server-Timing when sent). */
export function sequentialSaves(url: string, options: { token: string; latestId: number; count: number; text: string }): Promise<LoadResult> {
  return runWorker({ mode: 'saves', url, ...options });
}

/** A few plain requests, so that the first compile, render or cache fill is not measured; throws unless 200. */
export async function warmUp(url: string, headers: Record<string, string> = {}, times = 3): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < times; i++) {
    const response = await fetch(url, { headers, redirect: 'manual' });
    const body = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
    bytes = body.byteLength;
  }
  return bytes;
}
