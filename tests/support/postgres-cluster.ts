// A private PostgreSQL server (initdb + pg_ctl on its own port and socket folder) that a fault test
// may stop and start at will, leaving the shared server that DATABASE_URL names untouched.
// initdb and postgres refuse to run as root: as root (CI) they run as the `postgres` user.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../scripts/lib/free-port';

const run = promisify(execFile);

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', '/usr/local/bin', '/usr/bin'];

export interface PostgresCluster {
  url: string;
  /** `fast` ends sessions and checkpoints; `immediate` is a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** The user and group that PostgreSQL's tools run as, or null when we are not root (they run as us). */
export interface PostgresOwner {
  uid: number;
  gid: number;
}

/** Runs one of PostgreSQL's programs (initdb, pg_ctl, pg_basebackup…) from the binaries folder. */
export type PostgresTool = (name: string, args: string[]) => Promise<{ stdout: string; stderr: string }>;

/** The folder of initdb and pg_ctl for the fault tests, or null after saying why `tests` are skipped. */
export function privateClusterBinaries(tests: string): string | null {
  const binaries = findPostgresBinaries();
  if ('dir' in binaries) return binaries.dir;
  console.warn(`Skipping ${tests}: no private PostgreSQL cluster possible: ${binaries.missing}`);
  return null;
}

/** Where initdb and pg_ctl are, or why this machine cannot run a private cluster. */
export function findPostgresBinaries(): { dir: string } | { missing: string } {
  const dir = BIN_DIRS.find((candidate) => existsSync(path.join(candidate, 'initdb')) && existsSync(path.join(candidate, 'pg_ctl')));
  if (!dir) return { missing: `initdb and pg_ctl were not found in ${BIN_DIRS.join(', ')}` };
  return { dir };
}

export async function postgresUserIds(): Promise<PostgresOwner | null> {
  if (process.getuid?.() !== 0) return null;
  const { stdout } = await run('id', ['-u', 'postgres']).catch(() => ({ stdout: '' }));
  const { stdout: group } = await run('id', ['-g', 'postgres']).catch(() => ({ stdout: '' }));
  if (!stdout.trim()) throw new Error('Running as root, but there is no `postgres` user to run initdb and postgres as.');
  return { uid: Number(stdout), gid: Number(group) };
}

/** A fresh temporary folder that only the server's user may enter, as PostgreSQL demands of its data and socket folders. */
export async function privateFolder(prefix: string, owner: PostgresOwner | null): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), prefix));
  if (owner) await chown(folder, owner.uid, owner.gid);
  await chmod(folder, 0o700);
  return folder;
}

export function postgresTool(binDir: string, owner: PostgresOwner | null): PostgresTool {
  return (name, args) => (owner ? run('runuser', ['-u', 'postgres', '--', path.join(binDir, name), ...args]) : run(path.join(binDir, name), args));
}

/**
 * pg_ctl's `-o` for a server on `port` that listens on loopback only and puts its socket in
 * `socketDir` (never the shared /var/run/postgresql). fsync is off: the data is thrown away anyway.
 */
export function serverOptions(port: number, socketDir: string, settings: string[] = []): string {
  return [`-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off`, ...settings.map((setting) => `-c ${setting}`)].join(' ');
}

export async function createPostgresCluster(binDir: string): Promise<PostgresCluster> {
  const owner = await postgresUserIds();
  const root = await privateFolder('wiki-pg-', owner);
  const dataDir = path.join(root, 'data');
  const port = await freePort();
  const tool = postgresTool(binDir, owner);
  const pgCtl = (args: string[]) => tool('pg_ctl', ['-D', dataDir, ...args]);

  await tool('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const start = async () => {
    await pgCtl(['-o', serverOptions(port, root), '-l', path.join(root, 'log'), '-w', 'start']);
  };
  await start();
  let destroyed = false;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: async (mode = 'fast') => {
      await pgCtl(['-m', mode, '-w', 'stop']);
    },
    start,
    destroy: async () => {
      if (destroyed) return;
      destroyed = true;
      await pgCtl(['-m', 'immediate', 'stop']).catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}
