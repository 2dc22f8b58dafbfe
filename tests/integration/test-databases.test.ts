// The test run's own database plumbing (tests/support/global-database.ts, database.ts): every
// integration file has a private database, and nothing a global setup does leaks into the
// environment that every test process (e2e ones too) inherits.
import { uniqueTitle } from '../support/database';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../support/throwaway-database';
import setupDatabases from '../support/global-database';

const rowsAtStart = await withDatabase(
  process.env.DATABASE_URL!,
  async (c) => (await c.query<{ pages: string; users: string }>('SELECT (SELECT count(*) FROM pages) AS pages, (SELECT count(*) FROM users) AS users')).rows[0]!,
);

describe('test databases', () => {
  it("gives this file its own migrated database, empty of other files' data", () => {
    expect(process.env.DATABASE_URL).toBeTruthy();
    expect(process.env.DATABASE_URL).not.toBe(inject('databaseServer'));
    expect(rowsAtStart).toEqual({ pages: '0', users: '0' });
    expect(uniqueTitle()).not.toBe(uniqueTitle());
  });

  describe('the global setup', () => {
    const saved = { url: process.env.DATABASE_URL, pool: process.env.DATABASE_POOL_SIZE };
    afterAll(() => {
      process.env.DATABASE_URL = saved.url;
      if (saved.pool === undefined) delete process.env.DATABASE_POOL_SIZE;
      else process.env.DATABASE_POOL_SIZE = saved.pool;
    });

    it('leaves DATABASE_URL and the pool size unset when the user set none (the test processes inherit them)', async () => {
      delete process.env.DATABASE_URL;
      delete process.env.DATABASE_POOL_SIZE;
      const provided: Record<string, unknown> = {};
      const teardown = await setupDatabases({ provide: (key: string, value: unknown) => void (provided[key] = value) } as never);
      try {
        expect(process.env.DATABASE_URL).toBeUndefined();
        expect(process.env.DATABASE_POOL_SIZE).toBeUndefined();
        expect(provided.databaseServer).toBe('');
        expect(provided.migratedPgliteDump).toMatch(/migrated\.tar$/);
      } finally {
        await teardown();
      }
    });
  });
});
