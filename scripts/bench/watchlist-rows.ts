import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { migrate } from '@/lib/db/migrate';
import { openBenchDatabase } from './database';
import { sessionCookie } from './fixtures';
import { loadRow, measureUrl } from './http-rows';
import { quantile } from './measure';
import { startWikiServer, type ServerProcess } from './server-process';
import { ratioText, type Row } from './table';

/*
 * Watchlist rows (docs/watchlist.md, docs/benchmark.md): "the watchlist query must stay fast for a
 * heavy user: 2,000 watched pages on a wiki with 100,000 revisions, first page ≤ 30 ms p50". On a
 * wiki of its own (a second database on the same server, or a second PGlite), generated with
 * set-based SQL: 10,000 pages (9,000 subject pages and the talk pages of the first 1,000), 100,000
 * revisions spread evenly over the last 30 days (each page's creation first, then edits on random
 * pages, so some pages were last edited weeks ago), nine authors, and a heavy user, one of the
 * authors, watching 2,000 subject pages (222 of them with a talk page) while the other authors
 * watch about a quarter of the wiki each. Timed in-process around getWatchlistChanges, the call
 * Special:Watchlist makes: the first page with the defaults (7 days, each page's latest change,
 * 50 rows) and with every change; then the signed-in HTTP view of Special:Watchlist on a server
 * of its own, skipped with the reason in one line where the build has no such page (404).
 */

export interface WatchlistRun {
  embedded: boolean;
  quick: boolean;
  /** The bench server's variables other than its database (secret, baselines, rate limits). */
  serverEnv: Record<string, string>;
  secret: string;
  seconds: number;
  warmupSeconds: number;
  /** The rows already measured: the HTTP row's budget uses the trivial dynamic page's p50. */
  rows: Row[];
  /** Registers a cleanup with the run too, so that Ctrl-C leaves no server or database behind. */
  onCleanup(cleanup: () => Promise<unknown>): void;
}

export interface WatchlistShape {
  pages: number;
  /** Pages in the main namespace; the rest are talk pages of the first subject pages. */
  subjects: number;
  revisions: number;
  /** Authors other than the heavy user (who authors as many revisions as each of them). */
  authors: number;
  days: number;
}

export const WATCHLIST_FULL_SHAPE: WatchlistShape = { pages: 10_000, subjects: 9_000, revisions: 100_000, authors: 8, days: 30 };
export const WATCHLIST_QUICK_SHAPE: WatchlistShape = { pages: 200, subjects: 180, revisions: 2_000, authors: 8, days: 30 };
const TARGET_MS = 30;

/** Row names start with these, followed by the number of watched titles. */
const FIRST_PAGE = 'Watchlist, latest change per page';
const ALL_CHANGES = 'Watchlist, every change';
const HTTP_VIEW = 'Watchlist view (Special:Watchlist), signed in';

/** Closes this process's database client (lib/server/db.ts) so that the next getDb() opens one on DATABASE_URL. */
async function closeDatabase(): Promise<void> {
  const close = (globalThis as Record<symbol, (() => Promise<void>) | undefined>)[Symbol.for('wiki.closeDatabase')];
  await close?.().catch(() => undefined);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** The generated wiki; the heavy user must exist (id `heavyId` = authors + 1) before the revisions name them. */
async function seedWatchlistWiki(client: pg.Client, shape: WatchlistShape, heavyId: number): Promise<{ watched: number; watchedPages: number }> {
  const { pages, subjects, revisions, authors, days } = shape;
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO pages (id, namespace, title)
     SELECT n, CASE WHEN n <= $2 THEN 0 ELSE 1 END, 'Watched_page_' || CASE WHEN n <= $2 THEN n ELSE n - $2 END
     FROM generate_series(1, $1::int) n`,
    [pages, subjects],
  );
  await client.query(
    `INSERT INTO contents (id, sha1, size, text)
     SELECT n, md5('w' || n) || substr(md5('x' || n), 1, 8), length(t), t
     FROM generate_series(1, $1::int) n, LATERAL (SELECT 'Revision ' || n || E' of a watched page.\n\n' || repeat('Some text. ', 10) AS t) x`,
    [revisions],
  );
  // Revision n (in time order, as ids are) creates page n for n ≤ pages, then edits a page chosen by
  // a hash of n; its author is one of the authors or the heavy user, by another hash.
  await client.query(
    `INSERT INTO revisions (id, page_id, parent_id, author_id, summary, minor, size, sha1, content_id, created_at)
     SELECT s.n, s.page_id, lag(s.n) OVER (PARTITION BY s.page_id ORDER BY s.n), s.author_id, 'Watched edit ' || s.n, s.n % 5 = 1,
            c.size, c.sha1, c.id, now() - make_interval(secs => $3 * 86400.0 * ($1 - s.n) / $1)
     FROM (SELECT n, CASE WHEN n <= $2 THEN n ELSE 1 + abs(hashtext('page ' || n)) % $2 END AS page_id,
                  1 + abs(hashtext('author ' || n)) % $4 AS author_id
           FROM generate_series(1, $1::int) n) s
     JOIN contents c ON c.id = s.n`,
    [revisions, pages, days, authors + 1],
  );
  await client.query(
    `UPDATE pages p SET latest_revision_id = m.max_id, length = r.size
     FROM (SELECT page_id, max(id) AS max_id FROM revisions GROUP BY page_id) m JOIN revisions r ON r.id = m.max_id
     WHERE m.page_id = p.id`,
  );
  // The heavy user watches subject page n when n % 9 is 0 or 4: 2/9 of 9,000 subject pages, 2,000.
  // Their visits: up to two weeks ago, so that some listed changes are unseen.
  const watched = await client.query(
    `INSERT INTO watchlist (user_id, namespace, title, seen_at, talk_seen_at, added_at)
     SELECT $1, 0, 'Watched_page_' || n, now() - make_interval(days => n % 14), now() - make_interval(days => n % 10), now() - interval '60 days'
     FROM generate_series(1, $2::int) n WHERE n % 9 IN (0, 4)`,
    [heavyId, subjects],
  );
  await client.query(
    `INSERT INTO watchlist (user_id, namespace, title)
     SELECT a, 0, 'Watched_page_' || n FROM generate_series(1, $1::int) a, generate_series(1, $2::int) n
     WHERE abs(hashtext('watch ' || a || ' ' || n)) % 4 = 0`,
    [authors, subjects],
  );
  await client.query(`SELECT setval(pg_get_serial_sequence('pages', 'id'), (SELECT max(id) FROM pages))`);
  await client.query(`SELECT setval(pg_get_serial_sequence('contents', 'id'), (SELECT max(id) FROM contents))`);
  await client.query(`SELECT setval(pg_get_serial_sequence('revisions', 'id'), (SELECT max(id) FROM revisions))`);
  await client.query('COMMIT');
  await client.query('ANALYZE');
  const { rows } = await client.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM pages p JOIN watchlist w ON w.title = p.title AND p.namespace IN (w.namespace, w.namespace + 1) WHERE w.user_id = $1`,
    [heavyId],
  );
  return { watched: watched.rowCount ?? 0, watchedPages: rows[0]!.count };
}

export interface PreparedWatchlistWiki {
  heavy: { id: number; name: string; sessionVersion: number };
  /** Titles the heavy user watches, and the pages they cover (subject and talk). */
  watched: number;
  watchedPages: number;
}

/**
 * The authors in bulk, the heavy user through the wiki's own account code (a password hash, so that
 * a session of theirs is accepted), then the wiki. The in-process database client must already be
 * on `url`.
 */
export async function prepareWatchlistWiki(url: string, shape: WatchlistShape): Promise<PreparedWatchlistWiki> {
  const { createAccount } = await import('@/lib/server/accounts');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`INSERT INTO users (id, name, name_key, is_system) SELECT a, 'Watch author ' || a, 'watch author ' || a, false FROM generate_series(1, $1::int) a`, [
      shape.authors,
    ]);
    await client.query(`SELECT setval(pg_get_serial_sequence('users', 'id'), $1)`, [shape.authors]);
    const heavy = await createAccount({ username: 'Heavy watcher', password: `bench-watch-${Date.now()}-lantern` }, null);
    if (heavy.id !== shape.authors + 1) throw new Error(`The heavy watcher got id ${heavy.id}, expected ${shape.authors + 1}.`);
    return { heavy, ...(await seedWatchlistWiki(client, shape, heavy.id)) };
  } finally {
    await client.end();
  }
}

/** p50, p95 and p99 (ms) of `iterations` sequential calls after `warmup` discarded ones, and the rows of the last answer. */
async function timeCall(call: () => Promise<{ rows: unknown[] }>, iterations: number, warmup = 5): Promise<{ p50: number; p95: number; p99: number; listed: number }> {
  let listed = 0;
  for (let i = 0; i < warmup; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    listed = (await call()).rows.length;
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95), p99: quantile(samples, 0.99), listed };
}

function skippedView(reason: string, short: string): Row {
  console.log(`Watchlist view row skipped: ${reason}.`);
  // No connections column: a row with one has latencies, and this one has none.
  return { name: HTTP_VIEW, value: `skipped: ${short}`, target: '(reported)' };
}

export async function watchlistRows(run: WatchlistRun): Promise<Row[]> {
  const shape = run.quick ? WATCHLIST_QUICK_SHAPE : WATCHLIST_FULL_SHAPE;
  const sectionAt = Date.now();
  console.log(`Watchlist rows: a wiki of its own, ${shape.pages.toLocaleString('en')} pages and ${shape.revisions.toLocaleString('en')} revisions over ${shape.days} days…`);
  const database = await openBenchDatabase(run.embedded);
  let dropping: Promise<void> | undefined;
  const drop = () => (dropping ??= database.drop());
  run.onCleanup(drop);
  const rows: Row[] = [];
  let server: ServerProcess | undefined;
  try {
    await migrate(database.url);
    const previous = process.env.DATABASE_URL;
    await closeDatabase();
    process.env.DATABASE_URL = database.url;
    let heavy: { id: number; name: string; sessionVersion: number };
    let firstP50: number;
    try {
      const { loadActor } = await import('@/lib/server/actors');
      const { getWatchlistChanges } = await import('@/lib/server/watchlist');
      const seedingAt = Date.now();
      const seeded = await prepareWatchlistWiki(database.url, shape);
      heavy = seeded.heavy;
      console.log(
        `Seeded in ${((Date.now() - seedingAt) / 1000).toFixed(1)} s: the heavy user watches ${seeded.watched.toLocaleString('en')} titles (${seeded.watchedPages.toLocaleString('en')} pages with their talk pages).`,
      );
      const actor = await loadActor(heavy.id);
      if (!actor) throw new Error('The heavy watcher cannot act.');
      const iterations = run.quick ? 5 : 100;
      const defaults = { days: 7 as const, hideMinor: false, hideOwn: false, limit: 50 };
      const add = (name: string, stats: Awaited<ReturnType<typeof timeCall>>) => {
        rows.push({
          name: `${name} (in-process)`,
          p50Ms: stats.p50,
          p99Ms: stats.p99,
          value: `p95 ${stats.p95.toFixed(1)} ms, ${stats.listed} rows`,
          target: `p50 ≤ ${TARGET_MS} ms`,
          ratio: ratioText(stats.p50 / TARGET_MS, 'target'),
          met: stats.p50 <= TARGET_MS,
        });
        return stats;
      };
      const label = `${seeded.watched.toLocaleString('en')} pages watched, 7 days, first 50`;
      firstP50 = add(`${FIRST_PAGE}, ${label}`, await timeCall(() => getWatchlistChanges(actor, { ...defaults, allChanges: false }), iterations)).p50;
      add(`${ALL_CHANGES}, ${label}`, await timeCall(() => getWatchlistChanges(actor, { ...defaults, allChanges: true }), iterations));
    } finally {
      await closeDatabase();
      process.env.DATABASE_URL = previous;
    }

    // The page as the heavy user sees it, on a server of its own on this database.
    try {
      ({ server } = await startWikiServer({ ...run.serverEnv, ...database.serverEnv, DATABASE_URL: database.url, DATABASE_REPLICA_URLS: '' }, '/wiki/Watched_page_1'));
    } catch (error) {
      rows.push(skippedView(`its server did not start: ${firstLine(error)}`, 'no server'));
      return rows;
    }
    const started = server;
    run.onCleanup(() => started.stop());
    const headers = { cookie: await sessionCookie({ ...heavy, token: '' }, run.secret) };
    const url = `${server.baseUrl}/wiki/Special:Watchlist`;
    const check = await fetch(url, { headers, redirect: 'manual' });
    const body = await check.text();
    if (check.status === 404) {
      rows.push(skippedView('/wiki/Special:Watchlist answered 404: this build has no such special page', 'no such page'));
    } else if (check.status !== 200 || !body.includes('Watched page')) {
      const problem = check.status === 200 ? 'answered 200 without any watched page in it' : `answered ${check.status}: ${body.slice(0, 200)}`;
      rows.push({ name: HTTP_VIEW, value: 'failed', target: '(reported)', problem });
    } else {
      const result = await measureUrl(url, 1, run, headers);
      const dynamic = run.rows.find((row) => row.name === 'Baseline: Next.js trivial dynamic page' && row.connections === 1)?.p50Ms;
      const budget = dynamic === undefined ? undefined : dynamic + 2 * firstP50;
      rows.push({
        ...loadRow(HTTP_VIEW, result, 1),
        value: `${Math.round(Buffer.byteLength(body) / 1024)} KiB page`,
        target: budget === undefined ? '(reported)' : `p50 ≤ dynamic + 2× data = ${budget.toFixed(1)} ms`,
        ratio: budget === undefined ? undefined : ratioText(result.p50 / budget, 'budget'),
        met: budget === undefined ? undefined : result.p50 <= budget && result.failed === 0,
      });
    }
    console.log(`Watchlist rows measured in ${((Date.now() - sectionAt) / 1000).toFixed(1)} s.`);
    return rows;
  } catch (error) {
    // The rest of the table is still worth printing; the rows say what went wrong.
    const message = firstLine(error);
    const names = [FIRST_PAGE, ALL_CHANGES, HTTP_VIEW].filter((name) => !rows.some((row) => row.name.startsWith(name)));
    return [...rows, ...names.map((name) => ({ name, value: 'failed', target: `p50 ≤ ${TARGET_MS} ms`, problem: message }))];
  } finally {
    await server?.stop();
    await drop();
  }
}
