import '../support/database';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '@/lib/db/client';

/*
 * A transaction that finds every pooled connection busy waits for one as long as a plain query
 * would (the pool's connect timeout), not Prisma's own 2 s: on the embedded database's single
 * connection, saves queue one behind another, and a burst of them must not fail.
 */
const single = createPrismaClient(process.env.DATABASE_URL!, { poolSize: 1, connectTimeoutMs: 20_000 });
const impatient = createPrismaClient(process.env.DATABASE_URL!, { poolSize: 1, connectTimeoutMs: 500 });

afterAll(async () => {
  await Promise.all([single.$disconnect(), impatient.$disconnect()]);
});

/** Holds the client's only connection in a transaction for `ms`. */
const holdConnection = (client: typeof single, ms: number) =>
  client.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_sleep(${ms / 1000})`);
    },
    { timeout: ms + 10_000 },
  );

describe('a transaction behind a busy pool', () => {
  it('waits for the connection longer than 2 s when the pool allows it', async () => {
    const holding = holdConnection(single, 2_500);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const queued = await single.$transaction(async (tx) => tx.$queryRaw<{ one: number }[]>`SELECT 1 AS one`);
    expect(queued).toEqual([{ one: 1 }]);
    expect(Date.now() - started).toBeGreaterThan(2_000);
    await holding;
  });

  it("gives up after the pool's connect timeout when that is shorter", async () => {
    const holding = holdConnection(impatient, 2_500);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await expect(impatient.$transaction(async (tx) => tx.$queryRaw`SELECT 1`)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
    await holding;
  });
});
