// Without DATABASE_URL each integration file's database is a PGlite started from the migrated dump;
// a thread whose last database came from that dump empties it instead of loading the dump again
// (tests/support/pglite-thread.mjs). These tests hold the promise that makes that safe: the next
// file sees exactly what the dump holds, or the dump is loaded afresh.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@/lib/db/migrate';
import { createPrivatePglite, withDatabase } from '../support/throwaway-database';

let folder: string;
let dump: string;
let migrationsRecorded: number;

beforeAll(async () => {
  const template = await createPrivatePglite();
  folder = await mkdtemp(path.join(os.tmpdir(), 'wiki-test-reset-'));
  try {
    await migrate(template.url);
    migrationsRecorded = await count(template.url, '_prisma_migrations');
    dump = path.join(folder, 'migrated.tar');
    await writeFile(dump, Buffer.from(await (await template.dumpDataDir!()).arrayBuffer()));
  } finally {
    await template.drop();
  }
}, 120_000);

afterAll(() => rm(folder, { recursive: true, force: true }));

async function count(url: string, table: string): Promise<number> {
  return withDatabase(url, async (c) => Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n));
}

/** A database from the dump, written to by `write`, dropped; then the next one from the same dump. */
async function nextAfter(write: (url: string) => Promise<unknown>) {
  const first = await createPrivatePglite(dump);
  await write(first.url);
  await first.drop();
  return createPrivatePglite(dump);
}

describe('a test database started from the migrated dump', () => {
  it("is emptied for the next file: no rows, identities from 1, the migrations' record, a clean session", async () => {
    const next = await nextAfter((url) =>
      withDatabase(url, async (c) => {
        await c.query(`INSERT INTO site_settings (key, value) VALUES ('left', 'behind')`);
        await c.query(`INSERT INTO contents (sha1, size, text) VALUES (repeat('a', 40), 1, 'x'), (repeat('b', 40), 1, 'y')`);
        // The socket server serves every connection from one session: what a file sets there stays.
        await c.query(`SET statement_timeout = 1234`);
        await c.query(`SELECT pg_advisory_lock(42)`);
        await c.query(`BEGIN`);
        await c.query(`INSERT INTO site_settings (key, value) VALUES ('uncommitted', 'yes')`);
      }),
    );
    try {
      expect(next.made).toBe('reset');
      expect(await count(next.url, 'site_settings')).toBe(0);
      expect(await count(next.url, '_prisma_migrations')).toBe(migrationsRecorded);
      await withDatabase(next.url, async (c) => {
        const inserted = await c.query(`INSERT INTO contents (sha1, size, text) VALUES (repeat('c', 40), 1, 'z') RETURNING id`);
        expect(inserted.rows[0].id).toBe(1);
        expect((await c.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe('0');
        expect((await c.query('SELECT pg_try_advisory_lock(42) AS free')).rows[0].free).toBe(true);
        expect((await c.query('SELECT pg_advisory_unlock_all()')).rowCount).toBe(1);
      });
    } finally {
      await next.drop();
    }
  });

  it('is loaded afresh when a file changed what emptying the tables cannot undo', async () => {
    const changes = {
      'a function': `CREATE FUNCTION left_behind() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$`,
      'a table': `CREATE TABLE left_behind (id int)`,
      'a column': `ALTER TABLE site_settings ADD COLUMN left_behind int`,
      "a row of the migrations' record": `UPDATE _prisma_migrations SET logs = 'edited'`,
      "a row of pg-boss's queues": `UPDATE pgboss.queue SET retry_limit = retry_limit + 1`,
      'a trigger': `CREATE TRIGGER left_behind BEFORE INSERT ON site_settings FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()`,
    };
    for (const [change, sql] of Object.entries(changes)) {
      const next = await nextAfter((url) => withDatabase(url, (c) => c.query(sql)));
      try {
        expect(next.made, change).toBe('dump');
        expect(await count(next.url, "pg_proc WHERE proname = 'left_behind'"), change).toBe(0);
        expect(await count(next.url, "pg_class WHERE relname = 'left_behind'"), change).toBe(0);
        expect(await count(next.url, "information_schema.columns WHERE column_name = 'left_behind'"), change).toBe(0);
        expect(await count(next.url, "_prisma_migrations WHERE logs = 'edited'"), change).toBe(0);
        expect(await count(next.url, "pg_trigger WHERE tgname = 'left_behind'"), change).toBe(0);
      } finally {
        await next.drop();
      }
    }
  });

  it('is never reused for a file that asks for an empty database', async () => {
    const next = await nextAfter(() => Promise.resolve());
    await next.drop();
    const empty = await createPrivatePglite();
    try {
      expect(next.made).toBe('reset');
      expect(empty.made).toBe('empty');
      expect(await count(empty.url, "pg_class WHERE relname = 'pages'")).toBe(0);
    } finally {
      await empty.drop();
    }
  });
});
