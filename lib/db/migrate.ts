// Applies prisma/migrations the way `prisma migrate deploy` does, without Prisma's native schema
// engine (which cannot be downloaded here, see the offline stack notes). It keeps Prisma Migrate's
// bookkeeping table `_prisma_migrations` exactly as Prisma does, so where the engine is available
// `prisma migrate status|deploy` agrees with what this migrator did.
//
// Importable from scripts and tests: no Next.js, no Prisma client, only `pg`.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

/** The key Prisma Migrate locks on PostgreSQL, so this migrator and Prisma's exclude each other. */
const ADVISORY_LOCK_KEY = 72707369;
/** How long to wait for another migrator's lock before giving up (Prisma gives up after 10 s). */
const LOCK_WAIT = '120s';

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface LocalMigration {
  /** Folder name, e.g. `20261128000000_init`; recorded as `migration_name`. */
  name: string;
  /** Full path of the folder's migration.sql. */
  file: string;
  /** The file's text, run as one script. */
  sql: string;
  /** Hex SHA-256 of the file's bytes, as Prisma records it. */
  checksum: string;
}

export interface MigrateOptions {
  /** Defaults to `prisma/migrations` under the current working directory (as the Prisma CLI). */
  migrationsDir?: string;
  /** Progress lines ("Applying migration …"). Silent by default. */
  log?: (line: string) => void;
  /**
   * Runs after the migrations while the migration lock is still held: first-run work that must
   * happen once however many instances start on one database at the same moment (seeding an
   * empty wiki, rebuilding derived data after an upgrade). The others wait, then find it done.
   */
  thenWhileLocked?: () => Promise<void>;
}

export interface MigrateResult {
  /** Names of the migrations this run applied, in order. */
  applied: string[];
  /** How many local migrations were already applied before this run. */
  alreadyApplied: number;
}

/** Thrown when the database cannot be reached; `cause` holds the driver's error. */
export class MigrationConnectionError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'MigrationConnectionError';
  }
}

export function defaultMigrationsDir(): string {
  return path.resolve(process.cwd(), 'prisma/migrations');
}

export function checksumOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Like Prisma, a recorded checksum also matches the script with other line endings (git autocrlf). */
function matchesChecksum(migration: LocalMigration, recorded: string): boolean {
  if (migration.checksum === recorded) return true;
  const lf = migration.sql.replace(/\r\n/g, '\n');
  return [lf, lf.replace(/\n/g, '\r\n')].some((variant) => checksumOf(variant) === recorded);
}

/** The migrations in `dir` (folders holding a migration.sql), sorted by name. */
export async function listMigrations(dir: string = defaultMigrationsDir()): Promise<LocalMigration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const lockFile = path.join(dir, 'migration_lock.toml');
  const lock = await readFile(lockFile, 'utf8').catch(() => null);
  const provider = lock?.match(/^\s*provider\s*=\s*"([^"]*)"/m)?.[1];
  if (provider !== undefined && provider !== 'postgresql') {
    throw new Error(`${lockFile} says provider = "${provider}"; these migrations are not for PostgreSQL.`);
  }
  const migrations: LocalMigration[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const file = path.join(dir, entry.name, 'migration.sql');
    const exists = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!exists) throw new Error(`Migration folder ${entry.name} has no migration.sql (${file}).`);
    const bytes = await readFile(file);
    migrations.push({ name: entry.name, file, sql: bytes.toString('utf8'), checksum: checksumOf(bytes) });
  }
  return migrations.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

/** The text Prisma stores in `logs` for a failed migration, and the message we throw. */
function databaseErrorText(err: unknown): { logs: string; message: string } {
  const e = err as Partial<pg.DatabaseError> & { message?: string };
  const message = e.message || String(err);
  const lines = [`Database error code: ${e.code ?? 'unknown'}`, '', 'Database error:', `ERROR: ${message}`];
  if (e.detail) lines.push(`DETAIL: ${e.detail}`);
  if (e.hint) lines.push(`HINT: ${e.hint}`);
  if (e.position) lines.push(`POSITION: ${e.position}`);
  return { logs: lines.join('\n'), message: e.code ? `${message} (SQLSTATE ${e.code})` : message };
}

function connectionErrorMessage(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return connectionErrorMessage(err.errors[0]);
  const e = err as { message?: string; code?: string };
  return e.message || e.code || String(err);
}

function resolveHint(name: string): string {
  return (
    `Fix the migration or the database by hand, then mark the failed attempt as rolled back: ` +
    `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${name}' ` +
    `AND finished_at IS NULL AND rolled_back_at IS NULL; (what \`prisma migrate resolve --rolled-back\` does).`
  );
}

/** Refuses to go on when the recorded history and the local folder disagree (as Prisma does). */
function checkHistory(rows: MigrationRow[], local: LocalMigration[], dir: string): Set<string> {
  const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    const reason = failed.logs?.split('\n').find((line) => line.startsWith('ERROR:')) ?? 'no error recorded';
    throw new Error(
      `Migration ${failed.migration_name} failed earlier (started ${failed.started_at.toISOString()}: ${reason}) ` +
        `and blocks new migrations. ${resolveHint(failed.migration_name)}`,
    );
  }
  const byName = new Map(local.map((m) => [m.name, m]));
  const applied = new Set<string>();
  for (const row of rows) {
    if (row.finished_at === null || row.rolled_back_at !== null) continue;
    const migration = byName.get(row.migration_name);
    if (!migration) {
      throw new Error(
        `Migration ${row.migration_name} is recorded as applied in the database but is missing from ${dir}. ` +
          `Restore it from version control (or point DATABASE_URL at the right database).`,
      );
    }
    applied.add(row.migration_name);
  }
  return applied;
}

async function readAppliedRows(client: pg.Client): Promise<MigrationRow[]> {
  const result = await client.query<MigrationRow>(
    `SELECT id, checksum, migration_name, started_at, finished_at, rolled_back_at, logs
       FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return result.rows;
}

/** Applies one migration in its own transaction; records success inside it, failure after it. */
async function applyMigration(client: pg.Client, migration: LocalMigration): Promise<boolean> {
  await client.query('BEGIN');
  let startedAt: Date = new Date();
  try {
    startedAt = (await client.query<{ now: Date }>('SELECT now() AS now')).rows[0]?.now ?? startedAt;
    // Checked again inside the transaction: on servers where the advisory lock does not exclude
    // other connections (PGlite serves every connection from one session), another migrator may
    // have applied it since we looked.
    const done = await client.query(
      `SELECT 1 FROM "_prisma_migrations"
        WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      [migration.name],
    );
    if (done.rowCount) {
      await client.query('ROLLBACK');
      return false;
    }
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations"
         (id, checksum, migration_name, started_at, finished_at, logs, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), NULL, 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
    return true;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    const { logs, message } = databaseErrorText(err);
    let recorded: string;
    try {
      await client.query(
        `INSERT INTO "_prisma_migrations"
           (id, checksum, migration_name, started_at, finished_at, logs, applied_steps_count)
         VALUES ($1, $2, $3, $4, NULL, $5, 0)`,
        [randomUUID(), migration.checksum, migration.name, startedAt, `Migration name: ${migration.name}\n\n${logs}`],
      );
      recorded = ` Its changes were rolled back; the failure is recorded in _prisma_migrations and blocks further migrations. ${resolveHint(migration.name)}`;
    } catch (recordErr) {
      recorded = ` Its changes were rolled back; recording the failure also failed: ${connectionErrorMessage(recordErr)}.`;
    }
    throw new Error(`Migration ${migration.name} failed to apply: ${message}.${recorded}`, { cause: err });
  }
}

/**
 * Applies every pending migration of `migrationsDir` to the database at `databaseUrl`, in name
 * order, each in its own transaction, holding Prisma's advisory lock for the whole run.
 * Refuses (throws) when a migration failed earlier, when an applied migration's file was edited,
 * or when the database has an applied migration that is missing locally.
 * Note: migrations run inside a transaction, so they cannot use statements that PostgreSQL
 * forbids there (CREATE INDEX CONCURRENTLY, ALTER TYPE … ADD VALUE before PG 12, …).
 */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  return oneAtATimeInThisProcess(databaseUrl, () => migrateHoldingLock(databaseUrl, options));
}

const runningMigrators = new Map<string, Promise<unknown>>();

/**
 * PGlite serves every connection from one session, so its advisory lock excludes nobody; the
 * embedded database belongs to one process, so queuing this process's migrators per database
 * gives the same guarantee there that the advisory lock gives on PostgreSQL.
 */
async function oneAtATimeInThisProcess<T>(databaseUrl: string, run: () => Promise<T>): Promise<T> {
  const queued = (runningMigrators.get(databaseUrl) ?? Promise.resolve()).catch(() => undefined).then(run);
  runningMigrators.set(databaseUrl, queued);
  try {
    return await queued;
  } finally {
    if (runningMigrators.get(databaseUrl) === queued) runningMigrators.delete(databaseUrl);
  }
}

async function migrateHoldingLock(databaseUrl: string, options: MigrateOptions): Promise<MigrateResult> {
  const dir = options.migrationsDir ?? defaultMigrationsDir();
  const log = options.log ?? (() => undefined);
  const local = await listMigrations(dir);

  let client: pg.Client | undefined;
  try {
    client = new pg.Client({ connectionString: databaseUrl });
    // An idle client whose server goes away emits 'error'; the failing query reports it instead.
    client.on('error', () => undefined);
    await client.connect();
  } catch (err) {
    await client?.end().catch(() => undefined);
    throw new MigrationConnectionError(`Cannot connect to the database: ${connectionErrorMessage(err)}`, {
      cause: err,
    });
  }

  try {
    await client.query(`SET lock_timeout = '${LOCK_WAIT}'`);
    try {
      await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    } catch (err) {
      throw new Error(`Another migrator has held the migration lock (pg_advisory_lock(${ADVISORY_LOCK_KEY})) for over ${LOCK_WAIT}: ` + `${connectionErrorMessage(err)}`, {
        cause: err,
      });
    }
    await client.query('RESET lock_timeout');
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const rows = await readAppliedRows(client);
      const appliedNames = checkHistory(rows, local, dir);
      for (const row of rows) {
        const migration = local.find((m) => m.name === row.migration_name);
        if (!migration || row.finished_at === null || row.rolled_back_at !== null) continue;
        if (!matchesChecksum(migration, row.checksum)) {
          throw new Error(
            `Migration ${migration.name} was modified after it was applied: ${migration.file} has checksum ` +
              `${migration.checksum}, the database recorded ${row.checksum}. Restore the applied version ` +
              `and put the change in a new migration.`,
          );
        }
      }
      const applied: string[] = [];
      let alreadyApplied = 0;
      for (const migration of local) {
        if (appliedNames.has(migration.name)) {
          alreadyApplied += 1;
          continue;
        }
        log(`Applying migration ${migration.name}`);
        if (await applyMigration(client, migration)) applied.push(migration.name);
        else alreadyApplied += 1;
      }
      await options.thenWhileLocked?.();
      return { applied, alreadyApplied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
