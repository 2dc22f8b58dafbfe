import { describe, expect, it } from 'vitest';
import { privateClusterBinaries } from '../support/postgres-cluster';
import {
  countBy,
  createLockedPages,
  DATABASE_UNAVAILABLE_MESSAGE,
  lockWaiters,
  putPage,
  restMessage,
  restUrl,
  timedFetch,
  useFaultWiki,
  waitFor,
} from '../support/fault-wiki';
import { checkWikiInvariants } from '../support/wiki-invariants';

/*
 * A wiki with a two-connection pool whose connections are all stuck behind row locks held from
 * outside (the slowest kind of query: one that waits). New requests must be turned away quickly
 * with 503, and statement_timeout must end the stuck statements, long before the locks go away.
 */
const binDir = privateClusterBinaries('pool exhaustion tests');

const POOL_SIZE = 2;
const CONNECT_TIMEOUT_MS = 1_000;
const STATEMENT_TIMEOUT_MS = 4_000;
/**
 * The longest the lock is held (it goes as soon as every request has answered): longer than the
 * statement timeout, so a save still waiting when it goes would prove it was not applied.
 */
const LOCK_HELD_MS = 12_000;

describe.skipIf(binDir === null)('the wiki when every pooled connection is busy', () => {
  const faultWiki = useFaultWiki(binDir!, {
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
    DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
  });

  it('turns new requests away fast with 503, cancels the stuck statements, and recovers', async () => {
    const { wiki, token, cluster } = faultWiki();
    const titles = Array.from({ length: POOL_SIZE }, (_, i) => `Busy page ${i + 1}`);
    const { latest, locker } = await createLockedPages(faultWiki(), titles);
    const lockedAt = Date.now();
    let lockReleased = false;
    let answered!: () => void;
    const allAnswered = new Promise<void>((resolve) => (answered = resolve));
    const release = (async () => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([allAnswered, new Promise((resolve) => (timer = setTimeout(resolve, LOCK_HELD_MS)))]);
      clearTimeout(timer);
      lockReleased = true;
      await locker.query('COMMIT');
      await locker.end();
    })();

    // One save per pooled connection, each holding it inside a transaction that waits for a lock.
    const stuckSaves = titles.map((title, i) =>
      putPage(wiki, token, title, 'Saved while the pool was full.', latest[i]!).then((response) => ({ ...response, beforeRelease: !lockReleased })),
    );
    await waitFor(async () => (await lockWaiters(cluster.url)) >= POOL_SIZE);

    // Meanwhile, other readers and writers.
    const turnedAway = await Promise.all([
      timedFetch(restUrl(wiki, 'Main Page')),
      timedFetch(restUrl(wiki, 'Main Page', '/bare')),
      timedFetch(`${wiki.baseUrl}/wiki/Main_Page`),
      putPage(wiki, token, 'Newcomer while the pool was full', 'Hello.', null),
    ]);
    const stuck = await Promise.all(stuckSaves);
    answered();
    console.log(
      `Pool exhaustion (pool ${POOL_SIZE}, connect timeout ${CONNECT_TIMEOUT_MS} ms, statement timeout ${STATEMENT_TIMEOUT_MS} ms): ` +
        `new requests ${JSON.stringify(turnedAway.map((r) => `${r.status} in ${r.ms} ms`))}; ` +
        `stuck saves ${JSON.stringify(stuck.map((r) => `${r.status} after ${r.ms} ms`))} (lock held ${LOCK_HELD_MS} ms); ` +
        `by status ${JSON.stringify(countBy([...turnedAway, ...stuck], (r) => r.status))}.`,
    );

    for (const response of turnedAway) {
      expect(response.status).toBe(503);
      // Fast: a few connect timeouts at most, not minutes (and not until the lock was released).
      expect(response.ms).toBeLessThan(5_000);
      expect(response.startedAt + response.ms).toBeLessThan(lockedAt + LOCK_HELD_MS);
    }
    expect(turnedAway[2]!.body).toContain('temporarily unavailable');
    expect(restMessage(turnedAway[0]!)).toBe(DATABASE_UNAVAILABLE_MESSAGE);
    // statement_timeout ended the waiting saves while the lock was still held: 503, nothing saved.
    for (const response of stuck) {
      expect(response.status).toBe(503);
      expect(restMessage(response)).toBe(DATABASE_UNAVAILABLE_MESSAGE);
      expect(response.beforeRelease).toBe(true);
    }

    await release;
    const recovered = await timedFetch(restUrl(wiki, 'Main Page'));
    expect(recovered.status).toBe(200);
    const retried = await putPage(wiki, token, titles[0]!, 'Saved after the pool freed up.', latest[0]!);
    expect(retried.status).toBe(200);
    expect((await checkWikiInvariants(cluster.url)).problems).toEqual([]);
  });
});
