import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildIsCurrent, ensureProductionBuild } from '../../runtime/build-state';
import { projectRoot } from '../../runtime/database';
import { serverEnvironment, serverNodeArguments } from '../../runtime/server-command';
import { freePort } from '../lib/free-port';

/** Builds the production app when .next is missing or older than the sources, as `npm start` does. */
export async function ensureBenchBuild(): Promise<void> {
  if (buildIsCurrent(projectRoot)) return;
  console.log('Building the wiki (no build, or changed sources)…');
  await ensureProductionBuild(projectRoot);
}

export interface ServerProcess {
  baseUrl: string;
  /** The process that serves HTTP (whose memory is measured). */
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

function track(child: ChildProcess, baseUrl: string): ServerProcess {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    baseUrl,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Starts the production server (runtime/server.mjs, what `npm start` runs after its preparations)
 * on a free loopback port and waits for the first byte of `firstPath`. Returns the server and the
 * time from spawn to that first byte: the cold start.
 */
export async function startWikiServer(env: Record<string, string>, firstPath: string, timeoutMs = 120_000): Promise<{ server: ServerProcess; coldStartMs: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, serverNodeArguments(projectRoot), {
    cwd: projectRoot,
    env: serverEnvironment({ ...process.env, ...env, PORT: String(port), HOSTNAME_BIND: '127.0.0.1', NODE_ENV: 'production' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = track(child, `http://127.0.0.1:${port}`);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The wiki server exited with ${child.exitCode} before answering:\n${server.output()}`);
    if (performance.now() - started > timeoutMs) {
      await server.stop();
      throw new Error(`The wiki server did not answer within ${timeoutMs / 1000} s:\n${server.output()}`);
    }
    // fetch resolves when the status line and headers arrive: the first byte.
    const response = await fetch(`${server.baseUrl}${firstPath}`).catch(() => null);
    if (response) {
      const coldStartMs = performance.now() - started;
      const body = await response.text();
      if (response.status !== 200) {
        await server.stop();
        throw new Error(`${firstPath} answered ${response.status} on first start: ${body.slice(0, 300)}`);
      }
      return { server, coldStartMs };
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until the server answers 200 at its root; throws (with its output) when it exits or takes over 10 s. */
async function answering(server: ServerProcess, child: ChildProcess, what: string): Promise<ServerProcess> {
  const deadline = Date.now() + 10_000;
  while (
    !(await fetch(server.baseUrl).then(
      (r) => r.arrayBuffer().then(() => r.ok),
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await server.stop();
      throw new Error(`${what} did not start:\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return server;
}

/** The minimal Node `http` server (bare-server.mjs) answering every request with the file's bytes. */
export async function startBareServer(file: string, contentType?: string): Promise<ServerProcess> {
  const port = await freePort();
  const args = [path.join(import.meta.dirname, 'bare-server.mjs'), file, String(port), ...(contentType === undefined ? [] : [contentType])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return answering(track(child, `http://127.0.0.1:${port}`), child, 'The bare Node server');
}

/**
 * nginx (Debian's package) answering every request with 2 bytes, in the foreground with its files in
 * `folder`: the fastest server at hand, against which the load generator's own ceiling is measured.
 * Two workers: one per core of the machines this runs on.
 */
export async function startNginx(nginxPath: string, folder: string): Promise<ServerProcess> {
  const port = await freePort();
  const temp = (name: string) => `${name}_temp_path ${path.join(folder, name)};`;
  const config = [
    'worker_processes 2;',
    `pid ${path.join(folder, 'nginx.pid')};`,
    `error_log ${path.join(folder, 'error.log')};`,
    'events { worker_connections 1024; }',
    'http {',
    '  access_log off;',
    `  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join(' ')}`,
    `  server { listen 127.0.0.1:${port}; location / { default_type text/plain; return 200 'ok'; } }`,
    '}',
  ].join('\n');
  const file = path.join(folder, 'nginx.conf');
  writeFileSync(file, config);
  const child = spawn(nginxPath, ['-p', folder, '-c', file, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return answering(track(child, `http://127.0.0.1:${port}`), child, 'nginx');
}

/** A process's resident memory in bytes now (Linux /proc), or null where it cannot be read. */
export function residentMemory(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    // Not Linux, or the process has gone.
    return null;
  }
}

/** Samples a process's resident memory (Linux /proc) until stopped; the peak in bytes, or null elsewhere. */
export function sampleResidentMemory(pid: number, everyMs = 100): { stop(): number | null } {
  let peak: number | null = null;
  const sample = () => {
    const rss = residentMemory(pid);
    if (rss !== null) peak = Math.max(peak ?? 0, rss);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
