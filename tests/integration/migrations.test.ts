// The project's migrator (lib/db/migrate.ts) against a real PostgreSQL server: it must keep
// `_prisma_migrations` exactly as Prisma Migrate does and refuse the situations Prisma refuses.
import { createHash, randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile, mkdir, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, listMigrations, migrate } from '@/lib/db/migrate';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@/tests/support/throwaway-database';

interface Row {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

let db: ThrowawayDatabase;
let scratch: string | undefined;

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const migrationRows = () => query<Row>('SELECT * FROM "_prisma_migrations" ORDER BY started_at, migration_name');
const tableExists = async (name: string) => (await query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [name]))[0]?.t != null;

/** A copy of prisma/migrations in a temporary folder, to add or edit migrations freely. */
async function copyOfMigrations(extra: Record<string, string> = {}): Promise<string> {
  scratch = await mkdtemp(path.join(tmpdir(), 'wiki-migrations-'));
  await cp(defaultMigrationsDir(), scratch, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(path.join(scratch, name));
    await writeFile(path.join(scratch, name, 'migration.sql'), sql);
  }
  return scratch;
}

beforeEach(async () => {
  db = await createThrowawayDatabase();
});

afterEach(async () => {
  await db.drop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe('migrate', () => {
  it('applies every migration to an empty database and records it as Prisma Migrate does', async () => {
    const local = await listMigrations();
    expect(local.length).toBeGreaterThan(0);

    const first = await migrate(db.url);
    expect(first).toEqual({ applied: local.map((m) => m.name), alreadyApplied: 0 });

    const rows = await migrationRows();
    expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      const bytes = await readFile(local[i]!.file);
      expect(row.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    for (const table of ['users', 'pages', 'revisions', 'contents', 'rendered_revisions', 'site_settings']) {
      expect(await tableExists(table), table).toBe(true);
    }

    const second = await migrate(db.url);
    expect(second).toEqual({ applied: [], alreadyApplied: local.length });
    expect(await migrationRows()).toHaveLength(rows.length);
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const dir = await copyOfMigrations();
    const [init] = await listMigrations(dir);
    await migrate(db.url, { migrationsDir: dir });

    // Only line endings differ (a Windows checkout): Prisma accepts that, and so do we.
    const original = await readFile(init!.file, 'utf8');
    await writeFile(init!.file, original.replace(/\n/g, '\r\n'));
    await expect(migrate(db.url, { migrationsDir: dir })).resolves.toMatchObject({ applied: [] });

    await writeFile(init!.file, original);
    await appendFile(init!.file, '\n-- edited after it was applied\n');
    await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(new RegExp(`Migration ${init!.name} was modified after it was applied`));
  });

  it('refuses to run when the database has an applied migration that is missing locally', async () => {
    await migrate(db.url);
    await query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 1)`,
      [randomUUID(), '0'.repeat(64), '20990101000000_from_another_branch'],
    );
    await expect(migrate(db.url)).rejects.toThrow(/20990101000000_from_another_branch .*missing from/);
  });

  it('records a failed migration as Prisma does, rolls it back, and blocks until it is resolved', async () => {
    const broken = '29990101000000_broken';
    const dir = await copyOfMigrations({
      [broken]: 'CREATE TABLE "half_done" ("id" INTEGER);\nSELECT * FROM "no_such_table";\n',
    });
    await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(new RegExp(`Migration ${broken} failed to apply: relation "no_such_table" does not exist`));
    const rows = await migrationRows();
    const failed = rows.find((r) => r.migration_name === broken);
    expect(failed).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0 });
    expect(failed!.logs).toContain('relation "no_such_table" does not exist');
    expect(rows.filter((r) => r.finished_at !== null)).toHaveLength(rows.length - 1);
    expect(await tableExists('half_done')).toBe(false); // its transaction was rolled back
    expect(await tableExists('users')).toBe(true); // the migrations before it stay applied

    await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(new RegExp(`Migration ${broken} failed earlier`));

    // Resolved the way `prisma migrate resolve --rolled-back` does, and the migration fixed.
    await query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`, [broken]);
    await writeFile(path.join(dir, broken, 'migration.sql'), 'CREATE TABLE "half_done" ("id" INTEGER);\n');
    await expect(migrate(db.url, { migrationsDir: dir })).resolves.toMatchObject({ applied: [broken] });
    expect(await tableExists('half_done')).toBe(true);
  });

  it('applies each migration once when two instances start at the same time', async () => {
    const dir = await copyOfMigrations({
      '29990101000000_slow': 'SELECT pg_sleep(0.3);\nCREATE TABLE "probe" ("id" INTEGER);\n',
      '29990102000000_after_slow': 'INSERT INTO "probe" ("id") VALUES (1);\n',
    });
    const names = (await listMigrations(dir)).map((m) => m.name);

    const results = await Promise.all([migrate(db.url, { migrationsDir: dir }), migrate(db.url, { migrationsDir: dir })]);

    expect([...results[0].applied, ...results[1].applied].sort()).toEqual(names);
    expect(results.map((r) => r.applied.length + r.alreadyApplied)).toEqual([names.length, names.length]);
    const rows = await migrationRows();
    expect(rows.map((r) => r.migration_name).sort()).toEqual(names);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(await query('SELECT * FROM "probe"')).toEqual([{ id: 1 }]);
  });

  it('runs first-start work once, under the lock, when two instances start on one empty database', async () => {
    const dir = await copyOfMigrations({ '29990101000000_first_start': 'CREATE TABLE "first_start" ("instance" INTEGER);\n' });
    // Check-then-act, slowly, as seeding an empty wiki is: unlocked, both would see an empty table.
    const seedIfEmpty = (instance: number) => async () => {
      const rows = await query('SELECT * FROM "first_start"');
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (rows.length === 0) await query('INSERT INTO "first_start" ("instance") VALUES ($1)', [instance]);
    };

    await Promise.all([1, 2].map((instance) => migrate(db.url, { migrationsDir: dir, thenWhileLocked: seedIfEmpty(instance) })));

    expect(await query('SELECT * FROM "first_start"')).toHaveLength(1);
  });
});
