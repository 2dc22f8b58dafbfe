import { describe, expect, it } from 'vitest';
import { privateClusterBinaries } from '../support/postgres-cluster';
import {
  countBy,
  createLockedPages,
  DATABASE_UNAVAILABLE_MESSAGE,
  latestIdOf,
  lockWaiters,
  putPage,
  restMessage,
  restUrl,
  timedFetch,
  useFaultWiki,
  waitFor,
  type TimedResponse,
} from '../support/fault-wiki';
import { checkWikiInvariants } from '../support/wiki-invariants';
import { withDatabase } from '../support/throwaway-database';

/*
 * The wiki's own PostgreSQL is stopped and started under reads and writes, then the server is
 * stopped with SIGTERM while saves are in flight. The cluster is private (initdb/pg_ctl on another
 * port), so the shared server of DATABASE_URL is never touched.
 */
const binDir = privateClusterBinaries('database restart tests');

const WRITERS = 4;
const READERS = 4;

interface Recorded extends TimedResponse {
  kind: 'page' | 'rest-read' | 'rest-write';
}

describe.skipIf(binDir === null)('the wiki while its database restarts', () => {
  const faultWiki = useFaultWiki(binDir!);

  it('answers 503 promptly during the outage, recovers within 5 s and keeps every accepted edit whole', async () => {
    const { wiki, token, cluster } = faultWiki();
    const recorded: Recorded[] = [];
    const acceptedRevisions: number[] = [];
    let running = true;

    const writer = async (index: number) => {
      const title = `Restart load ${index}`;
      let latest: number | null = null;
      let refresh = false;
      let edit = 0;
      while (running) {
        if (refresh && latest !== null) {
          // A failed save may have committed and lost only its answer (the database went away
          // between COMMIT and the reply): continue from what is stored, as a client would.
          const current = latestIdOf(await timedFetch(restUrl(wiki, title, '/bare')));
          if (current !== null) [latest, refresh] = [current, false];
        }
        edit += 1;
        const response = await putPage(wiki, token, title, `Edit ${edit} by writer ${index}.\n\n${'Some text. '.repeat(50)}`, latest);
        recorded.push({ ...response, kind: 'rest-write' });
        const saved = latestIdOf(response);
        if (saved !== null) {
          acceptedRevisions.push(saved);
          latest = saved;
        } else {
          refresh = true;
        }
      }
    };
    const reader = async (index: number) => {
      while (running) {
        const page = index % 2 === 0;
        const response = await timedFetch(page ? `${wiki.baseUrl}/wiki/Main_Page` : restUrl(wiki, 'Main Page'));
        recorded.push({ ...response, kind: page ? 'page' : 'rest-read' });
      }
    };
    const load = [...Array.from({ length: WRITERS }, (_, i) => writer(i)), ...Array.from({ length: READERS }, (_, i) => reader(i))];

    // Load is running (every writer has saved) before the stop; the outage lasts until enough
    // requests have been answered in it to judge the answers.
    await until(() => acceptedRevisions.length >= WRITERS);
    await cluster.stop('fast');
    const downAt = Date.now();
    await until(() => {
      const answered = recorded.filter((r) => r.startedAt >= downAt);
      return answered.length > 30 && new Set(answered.map((r) => r.kind)).size === 3;
    });
    const outageEnd = Date.now();
    await cluster.start();
    const upAt = Date.now();

    // Recovery: the first moment both a read and a write succeed again.
    let recoveredAt: number | null = null;
    let probe = 0;
    while (recoveredAt === null && Date.now() - upAt < 15_000) {
      probe += 1;
      const [read, write] = await Promise.all([timedFetch(restUrl(wiki, 'Main Page')), putPage(wiki, token, `Recovery probe ${probe}`, 'Back again.', null)]);
      if (read.status === 200 && write.status >= 200 && write.status < 300) recoveredAt = Date.now();
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Load continues after the recovery until every writer has saved again.
    const savedBeforeRecovery = acceptedRevisions.length;
    await until(() => acceptedRevisions.length >= savedBeforeRecovery + WRITERS);
    running = false;
    await Promise.all(load);

    // Requests sent while the database was down (started after the stop, finished before the start).
    const duringOutage = recorded.filter((r) => r.startedAt >= downAt && r.startedAt + r.ms <= outageEnd);
    const recoveryMs = recoveredAt === null ? null : recoveredAt - upAt;
    console.log(
      `Database restart: ${recorded.length} requests in all (${JSON.stringify(countBy(recorded, (r) => r.status))}); ` +
        `${duringOutage.length} during the ${((outageEnd - downAt) / 1000).toFixed(1)} s outage by status ${JSON.stringify(countBy(duringOutage, (r) => `${r.kind} ${r.status}`))}, ` +
        `slowest ${Math.max(...duringOutage.map((r) => r.ms))} ms; ` +
        `recovery ${recoveryMs} ms after PostgreSQL accepted connections; ${acceptedRevisions.length} edits accepted.`,
    );

    expect(wiki.process.exitCode).toBeNull();
    expect(duringOutage.length).toBeGreaterThan(20);
    for (const response of duringOutage) {
      expect({ kind: response.kind, status: response.status }).toEqual({ kind: response.kind, status: 503 });
      // Answered, not hung until some proxy gave up: the pool's connect timeout is 3 s.
      expect(response.ms).toBeLessThan(5_000);
      if (response.kind === 'page') expect(response.body).toContain('temporarily unavailable');
      else expect(restMessage(response)).toBe(DATABASE_UNAVAILABLE_MESSAGE);
    }
    // Whatever happened around the stop, nothing answered 500 or hung. (A 409 is possible, and
    // correct, for a save whose base was stale because an earlier answer was lost.)
    expect(recorded.filter((r) => ![200, 201, 409, 503].includes(r.status))).toEqual([]);
    expect(recoveryMs).not.toBeNull();
    expect(recoveryMs!).toBeLessThanOrEqual(5_000);

    // Every accepted edit is a whole revision; nothing half-written anywhere.
    const report = await checkWikiInvariants(cluster.url);
    expect(report.problems).toEqual([]);
    const stored = await withDatabase(cluster.url, (client) => client.query<{ id: number }>('SELECT id FROM revisions WHERE id = ANY($1::int[])', [acceptedRevisions]));
    expect(stored.rows.map((row) => row.id).sort((a, b) => a - b)).toEqual([...acceptedRevisions].sort((a, b) => a - b));
  });

  it('on SIGTERM finishes the saves in flight, refuses new connections, closes the pool and exits 0', async () => {
    const { wiki, token, cluster } = faultWiki();
    const titles = ['Shutdown save 1', 'Shutdown save 2', 'Shutdown save 3'];
    // Hold the pages' rows from outside, so the saves are provably inside the server, waiting for
    // the lock, when the signal arrives.
    const { latest, locker } = await createLockedPages(faultWiki(), titles);
    const saves = titles.map((title, i) => putPage(wiki, token, title, 'Saved during shutdown.', latest[i]!));
    await waitFor(async () => (await lockWaiters(cluster.url)) >= titles.length);

    const exited = new Promise<number | null>((resolve) => wiki.process.once('exit', (code) => resolve(code)));
    const signalledAt = Date.now();
    wiki.process.kill('SIGTERM');
    // New connections are refused while the saves are still running.
    const refused = await waitFor(async () => (await timedFetch(`${wiki.baseUrl}/wiki/Main_Page`, {}, 2_000)).error === 'ECONNREFUSED');
    await locker.query('COMMIT');
    await locker.end();

    const answers = await Promise.all(saves);
    const code = await exited;
    const exitMs = Date.now() - signalledAt;
    console.log(`Graceful shutdown: saves in flight answered ${JSON.stringify(answers.map((a) => a.status))}; exit code ${code} after ${exitMs} ms.`);

    expect(refused).toBe(true);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(10_000);
    const savedIds = answers.map((a) => latestIdOf(a)!);
    const stored = await withDatabase(cluster.url, (client) =>
      client.query<{ text: string }>('SELECT c.text FROM revisions r JOIN contents c ON c.id = r.content_id WHERE r.id = ANY($1::int[])', [savedIds]),
    );
    expect(stored.rows.map((row) => row.text)).toEqual(titles.map(() => 'Saved during shutdown.'));
    // The pool was closed: no session of the wiki is left on the server.
    expect(await wikiSessions(cluster.url)).toBe(0);
  });
});

/** Client sessions other than this check's own. */
async function wikiSessions(url: string): Promise<number> {
  const { rows } = await withDatabase(url, (c) =>
    c.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"),
  );
  return Number(rows[0]!.n);
}

/** Waits for a condition on what the load has recorded so far (the load runs meanwhile). */
async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('The load did not reach the expected point in time.');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
