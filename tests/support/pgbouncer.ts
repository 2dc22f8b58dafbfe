// A private PgBouncer (the Debian package's binary) in front of test servers, for the tests that
// check the app works through a transaction-mode pooler. It listens on its own loopback port and
// keeps its configuration in a temporary folder, so the system's pgbouncer service plays no part.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { postgresUserIds, privateFolder } from './postgres-cluster';
import { freePort } from './wiki-server';

const BINARY = '/usr/sbin/pgbouncer';
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export interface PgBouncerOptions {
  /** Alias (the database name clients ask PgBouncer for) -> the server's URL. */
  upstreams: Record<string, string>;
  poolMode?: 'transaction' | 'session';
  /** Server connections per alias and user. */
  poolSize?: number;
}

export interface PgBouncer {
  /** The URL a client uses to reach `alias` through PgBouncer. */
  url(alias: string): string;
  stop(): Promise<void>;
}

/** The PgBouncer binary, or null after saying why the PgBouncer tests are skipped. */
export function pgBouncerBinary(): string | null {
  if (existsSync(BINARY)) return BINARY;
  console.warn(`Skipping the PgBouncer tests: ${BINARY} was not found (Debian package pgbouncer; .ci/run installs it).`);
  return null;
}

export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncer> {
  const binary = pgBouncerBinary();
  if (!binary) throw new Error(`PgBouncer is not installed (${BINARY}): check pgBouncerBinary() first.`);
  const upstreams = Object.entries(options.upstreams).map(([alias, url]) => ({ alias, ...parseUpstream(url) }));
  if (upstreams.length === 0) throw new Error('startPgBouncer needs at least one upstream.');

  // PgBouncer refuses to run as root: as root (CI) it runs as `postgres`, which must read its folder.
  const owner = await postgresUserIds();
  const dir = await privateFolder('wiki-pgbouncer-', owner);
  const port = await freePort();
  const configFile = path.join(dir, 'pgbouncer.ini');
  const authFile = path.join(dir, 'userlist.txt');
  await writeFile(authFile, userList(upstreams));
  await writeFile(configFile, configuration({ upstreams, port, authFile, poolMode: options.poolMode ?? 'transaction', poolSize: options.poolSize ?? 10 }));

  // Spawned as `postgres` directly rather than through runuser: runuser answers SIGTERM by waiting
  // two seconds before it exits, which every stop() would pay.
  const child = spawn(binary, [configFile], { stdio: ['ignore', 'pipe', 'pipe'], ...(owner ?? {}) });
  // Only the tail: a long test's warnings must not grow without bound; the last lines explain a failure.
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let running = true;
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      running = false;
      keep(Buffer.from(`\n(PgBouncer exited: ${code ?? signal})`));
      resolve();
    });
    // A spawn that fails (say, setuid refused) emits 'error' instead of 'exit'; unheard, it would crash the test process.
    child.on('error', (error) => {
      running = false;
      keep(Buffer.from(`\n(PgBouncer could not start: ${error.message})`));
      resolve();
    });
  });

  const stop = async () => {
    if (running) await terminate(child, exited);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilListening(
      port,
      () => running,
      () => output,
    );
  } catch (error) {
    await stop();
    throw error;
  }

  const usersByAlias = new Map(upstreams.map((upstream) => [upstream.alias, upstream.user]));
  return {
    url: (alias) => {
      const user = usersByAlias.get(alias);
      if (user === undefined) throw new Error(`PgBouncer has no upstream called ${alias} (it has ${[...usersByAlias.keys()].join(', ')}).`);
      return `postgresql://${encodeURIComponent(user)}@127.0.0.1:${port}/${encodeURIComponent(alias)}`;
    },
    stop,
  };
}

interface Upstream {
  alias: string;
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
}

function parseUpstream(url: string): Omit<Upstream, 'alias'> {
  const parsed = new URL(url);
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port || '5432',
    database: decodeURIComponent(parsed.pathname.slice(1)) || 'postgres',
    user: decodeURIComponent(parsed.username) || 'postgres',
    password: decodeURIComponent(parsed.password),
  };
}

function configuration(settings: { upstreams: Upstream[]; port: number; authFile: string; poolMode: string; poolSize: number }): string {
  const databases = settings.upstreams.map(({ alias, host, port, database, user, password }) => {
    const connection = [`host=${host}`, `port=${port}`, `dbname=${database}`, `user=${user}`, ...(password ? [`password=${password}`] : [])];
    return `${alias} = ${connection.join(' ')}`;
  });
  return [
    '[databases]',
    ...databases,
    '',
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${settings.port}`,
    // No Unix socket: /tmp/.s.PGSQL.<port> could belong to another server or another test run.
    'unix_socket_dir =',
    // The test servers trust loopback; PgBouncer still only admits the users in auth_file.
    'auth_type = trust',
    `auth_file = ${settings.authFile}`,
    `pool_mode = ${settings.poolMode}`,
    `default_pool_size = ${settings.poolSize}`,
    'max_client_conn = 500',
    // node-postgres sends these two as startup parameters (lib/db/client.ts sets both) and
    // PgBouncer 1.18 refuses a client that sends a parameter it does not know: ignoring them is the
    // only way in. The app then loses both server-side timeouts through PgBouncer (its client-side
    // query_timeout still holds); docs/deployment.md says how to set them per role instead, with
    // ALTER ROLE … SET statement_timeout / idle_in_transaction_session_timeout.
    'ignore_startup_parameters = statement_timeout,idle_in_transaction_session_timeout',
    // Connection logging on every test connection would only bury the lines that matter.
    'log_connections = 0',
    'log_disconnections = 0',
    '',
  ].join('\n');
}

function userList(upstreams: Upstream[]): string {
  const users = new Set(upstreams.map((upstream) => upstream.user));
  return [...users].map((user) => `"${user.replaceAll('"', '""')}" ""\n`).join('');
}

async function waitUntilListening(port: number, running: () => boolean, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await accepts(port))) {
    if (!running()) throw new Error(`PgBouncer stopped before listening:\n${output()}`);
    if (Date.now() >= deadline) throw new Error(`PgBouncer did not listen on 127.0.0.1:${port} within ${START_TIMEOUT_MS} ms:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** SIGTERM is PgBouncer's immediate shutdown (SIGINT would wait for clients to disconnect). */
async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
