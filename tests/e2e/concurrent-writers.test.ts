import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThrowawayDatabase, namedDatabaseServer, withDatabase, type ThrowawayDatabase } from '../support/throwaway-database';
import { freePort, prepareEmbeddedDataDir, startWiki, type RunningWiki } from '../support/wiki-server';
import { printedToken, runWikiCommands } from '../support/wiki-cli';
import { checkWikiInvariants } from '../support/wiki-invariants';
import { initialPageText, runConcurrentEditors, type EditAttempt, type EditKind } from '../support/concurrent-editors';
import { pgBouncerBinary, startPgBouncer, type PgBouncer } from '../support/pgbouncer';
import { privateClusterBinaries } from '../support/postgres-cluster';
import { createReplicatedCluster, type ReplicatedCluster } from '../support/replica-cluster';

/*
 * Many REST clients edit the same pages at once, from stale bases, through the production server.
 * Afterwards the database must hold exactly the accepted edits, each a whole revision in one linear
 * history per page, and every refusal must be a MediaWiki-shaped 409 (conflict) or 429 (throttle).
 *
 * Accounts: a few "regular" bots whose clients together stay within the edit throttle (so they must
 * never see a 429), and one "bursty" bot shared by more clients than the throttle allows in a
 * minute (so its surplus may be refused with 429, never saved half-way).
 */

interface Scenario {
  clients: number;
  editsPerClient: number;
  hotClients: number;
  spreadPages: number;
  regularAccounts: number;
  clientsPerRegularAccount: number;
}

// 40 writers at once, four times the pool: the contention that once found saved edits answered 503
// (docs/concurrency.md). 400 edits rather than the 1,000 of the first version: the same races in
// about half the CPU time of a suite that runs on two cores.
const POSTGRESQL: Scenario = { clients: 40, editsPerClient: 10, hotClients: 16, spreadPages: 8, regularAccounts: 3, clientsPerRegularAccount: 8 };
const EMBEDDED: Scenario = { clients: 10, editsPerClient: 10, hotClients: 4, spreadPages: 3, regularAccounts: 1, clientsPerRegularAccount: 4 };
const PGBOUNCER: Scenario = { clients: 20, editsPerClient: 10, hotClients: 8, spreadPages: 5, regularAccounts: 2, clientsPerRegularAccount: 6 };

/**
 * Where the wiki's database is: the embedded PGlite; a throwaway database on DATABASE_URL's server;
 * or a private primary with a streaming replica, both behind PgBouncer in transaction pooling
 * (docs/deployment.md), the wiki reading from the replica.
 */
type Backend = 'embedded' | 'postgresql' | 'pgbouncer';

/**
 * The edit limit: a regular account's clients make this many edits in all, plus room for the ones
 * a client sends again after a busy 503, so the limit never refuses them. The throttle counts
 * attempts, as MediaWiki's does; a 503 saved nothing, and its retry is a second attempt (one
 * such retry once made a regular account's 81st attempt a 429).
 */
const editLimitOf = (s: Scenario) => Math.ceil(s.clientsPerRegularAccount * s.editsPerClient * 1.1);
/** The bursty account's attempts, which must exceed the limit for the throttle to be exercised. */
const burstyEditsOf = (s: Scenario) => (s.clients - s.regularAccounts * s.clientsPerRegularAccount) * s.editsPerClient;
/** Client → account: the regular accounts first, the rest share the bursty account (the last one). */
const accountOf = (s: Scenario, client: number) => Math.min(Math.floor(client / s.clientsPerRegularAccount), s.regularAccounts);

// The PostgreSQL run uses the server DATABASE_URL names (CI runs with it, and without it); a test
// run never touches a server nobody named, even one that happens to answer on the default port.
const postgresqlServer = namedDatabaseServer();

interface LoadedWiki {
  wiki: RunningWiki;
  databaseUrl: string;
  accountNames: string[];
  tokens: string[];
}

/**
 * Creates the bot accounts and their tokens with the maintenance commands, all in one process
 * (before the server: the embedded database admits one process).
 */
async function createBots(names: string[], env: Record<string, string | undefined>): Promise<string[]> {
  await prepareEmbeddedDataDir(env);
  const results = await runWikiCommands(
    names.map((name) => ({ argv: ['user:create', name, '--token=load test'], stdin: '' })),
    env,
  );
  return results.map((created) => printedToken(created.stdout));
}

function useLoadedWiki(label: string, scenario: Scenario, backend: Backend): () => LoadedWiki {
  let loaded: LoadedWiki | undefined;
  let database: ThrowawayDatabase | undefined;
  let dataDir: string | undefined;
  let cluster: ReplicatedCluster | undefined;
  let bouncer: PgBouncer | undefined;
  const embedded = backend === 'embedded';

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'wiki-load-'));
    const accountNames = Array.from({ length: scenario.regularAccounts + 1 }, (_, i) =>
      i < scenario.regularAccounts ? `Load bot ${label} ${i + 1}` : `Load bot ${label} bursty`,
    );
    let env: Record<string, string | undefined>;
    let databaseUrl: string;
    if (embedded) {
      const port = await freePort();
      env = { DATABASE_URL: undefined, WIKI_DATA_DIR: dataDir, EMBEDDED_DB_PORT: String(port) };
      databaseUrl = `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
    } else if (backend === 'pgbouncer') {
      cluster = await createReplicatedCluster(binDir!);
      bouncer = await startPgBouncer({ upstreams: { wiki: cluster.primaryUrl, wiki_replica: cluster.replicaUrl }, poolSize: 20 });
      // LISTEN and the migrator need a session of their own: the direct URL bypasses PgBouncer.
      env = { DATABASE_URL: bouncer.url('wiki'), DATABASE_REPLICA_URLS: bouncer.url('wiki_replica'), DATABASE_DIRECT_URL: cluster.primaryUrl, WIKI_DATA_DIR: dataDir };
      databaseUrl = cluster.primaryUrl;
    } else {
      database = await createThrowawayDatabase({ server: postgresqlServer! });
      env = { DATABASE_URL: database.url, WIKI_DATA_DIR: dataDir };
      databaseUrl = database.url;
    }
    const tokens = await createBots(accountNames, env);
    const wiki = await startWiki({ ...env, WIKI_EDIT_RATE_LIMIT: String(editLimitOf(scenario)) });
    loaded = { wiki, databaseUrl, accountNames, tokens };
  });

  afterAll(async () => {
    await loaded?.wiki.stop();
    await database?.drop();
    await bouncer?.stop();
    await cluster?.destroy();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  return () => loaded!;
}

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');
const dbKey = (title: string) => title.replaceAll(' ', '_');
const isAccepted = (a: EditAttempt) => a.status >= 200 && a.status < 300;
const savedOf = (a: EditAttempt) => a.body as { latest: { id: number }; source: string };

function printFigures(label: string, scenario: Scenario, attempts: EditAttempt[], seconds: number): void {
  const row = (list: EditAttempt[]) => ({
    attempted: list.length,
    accepted: list.filter(isAccepted).length,
    'of which merged': list.filter((a) => isAccepted(a) && savedOf(a).source !== a.sent).length,
    '409 conflict': list.filter((a) => a.status === 409).length,
    '429 throttled': list.filter((a) => a.status === 429).length,
    other: list.filter((a) => !isAccepted(a) && a.status !== 409 && a.status !== 429).length,
    '503 busy, retried': list.reduce((sum, a) => sum + a.busyRetries, 0),
  });
  const kinds: EditKind[] = ['status', 'append', 'stale-status'];
  const table = Object.fromEntries([...kinds.map((k) => [k, row(attempts.filter((a) => a.kind === k))]), ['all edits', row(attempts)]]);
  const latencies = attempts.map((a) => a.milliseconds).sort((x, y) => x - y);
  const percentile = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!);
  console.log(
    `Concurrent writers on ${label}: ${scenario.clients} clients × ${scenario.editsPerClient} edits in ${seconds.toFixed(1)} s; ` +
      `PUT latency median ${percentile(0.5)} ms, p95 ${percentile(0.95)} ms, max ${percentile(1)} ms`,
  );
  console.table(table);
}

interface RevisionRow {
  id: number;
  namespace: number;
  title: string;
  parent_id: number | null;
  sha1: string;
  size: number;
  summary: string;
  text: string;
  author: string;
}

function defineRun(label: string, scenario: Scenario, backend: Backend): void {
  const loaded = useLoadedWiki(label, scenario, backend);

  it(`keeps every accepted edit as one revision in one linear history per page (${scenario.clients} × ${scenario.editsPerClient})`, async () => {
    expect(burstyEditsOf(scenario), 'the bursty account stays within the limit').toBeGreaterThan(editLimitOf(scenario));
    const { wiki, databaseUrl, accountNames, tokens } = loaded();
    const bursty = tokens.at(-1)!;
    const stamp = Date.now().toString(36);
    const hotTitle = `Load ${label} hot ${stamp}`;
    const spreadTitles = Array.from({ length: scenario.spreadPages }, (_, i) => `Load ${label} spread ${i} ${stamp}`);
    for (const title of [hotTitle, ...spreadTitles]) {
      const response = await fetch(`${wiki.baseUrl}/w/rest.php/v1/page`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bursty}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title, source: initialPageText(title, scenario.clients), comment: 'load test page' }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
    }
    const before = await withDatabase(databaseUrl, async (c) => (await c.query<{ n: string; max: number }>('SELECT count(*) AS n, max(id) AS max FROM revisions')).rows[0]!);

    const started = performance.now();
    const attempts = await runConcurrentEditors({
      baseUrl: wiki.baseUrl,
      clientTokens: Array.from({ length: scenario.clients }, (_, client) => tokens[accountOf(scenario, client)]!),
      editsPerClient: scenario.editsPerClient,
      hotClients: scenario.hotClients,
      hotTitle,
      spreadTitles,
      seed: 8,
    });
    printFigures(label, scenario, attempts, (performance.now() - started) / 1000);
    if (backend === 'pgbouncer') {
      // The clients' reads of their bases were served by the replica, through PgBouncer too.
      const health = (await (await fetch(`${wiki.baseUrl}/w/health`)).json()) as { reads: { replica: number } };
      expect(health.reads.replica).toBeGreaterThan(0);
    }
    expect(attempts).toHaveLength(scenario.clients * scenario.editsPerClient);

    // Every answer is a save, a conflict or a throttle; never a server error.
    const unexpected = attempts.filter((a) => ![200, 409, 429].includes(a.status));
    expect(
      unexpected.map((a) => ({ status: a.status, body: a.body })),
      wiki.output().slice(-3000),
    ).toEqual([]);

    // Refusals in MediaWiki's error shape; the throttle only refuses the account that exceeded it.
    for (const refused of attempts.filter((a) => !isAccepted(a))) {
      const conflict = refused.status === 409;
      expect(refused.body).toEqual({
        httpCode: refused.status,
        httpReason: conflict ? 'Conflict' : 'Too Many Requests',
        errorKey: conflict ? 'editconflict' : 'rest-ratelimited',
        messageTranslations: { en: expect.stringMatching(/\S/u) },
      });
      if (!conflict) {
        expect(Number(refused.retryAfter)).toBeGreaterThan(0);
        expect(accountOf(scenario, refused.client), 'a client within its limit was throttled').toBe(scenario.regularAccounts);
      }
    }

    // Each accepted edit is exactly the revision it reported: page, text, hash, summary, author, and
    // (unless the server merged it with edits saved meanwhile) the base it was sent with.
    const accepted = attempts.filter(isAccepted);
    const ids = accepted.map((a) => savedOf(a).latest.id);
    expect(new Set(ids).size, 'two accepted edits reported the same revision').toBe(ids.length);
    const rows = await withDatabase(
      databaseUrl,
      async (c) =>
        (
          await c.query<RevisionRow>(
            `SELECT r.id, p.namespace, p.title, r.parent_id, r.sha1, r.size, r.summary, c.text, u.name AS author
       FROM revisions r JOIN pages p ON p.id = r.page_id JOIN contents c ON c.id = r.content_id JOIN users u ON u.id = r.author_id
       WHERE r.id > $1 ORDER BY r.id`,
            [before.max],
          )
        ).rows,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const edit of accepted) {
      const saved = savedOf(edit);
      const row = byId.get(saved.latest.id);
      expect(row, `revision ${saved.latest.id} reported by ${edit.label} is not in the database`).toBeDefined();
      const merged = saved.source !== edit.sent;
      expect({ namespace: row!.namespace, title: row!.title, text: row!.text, sha1: row!.sha1, size: row!.size, summary: row!.summary, author: row!.author }).toEqual({
        namespace: 0,
        title: dbKey(edit.title),
        text: saved.source,
        sha1: sha1(saved.source),
        size: Buffer.byteLength(saved.source),
        summary: edit.label,
        author: accountNames[accountOf(scenario, edit.client)],
      });
      if (merged) {
        expect(row!.parent_id).toBeGreaterThan(edit.baseId);
        // A merge keeps the editor's change.
        expect(saved.source).toContain(edit.kind === 'append' ? `- ${edit.label}` : `Status: ${edit.label} from r${edit.baseId}`);
      } else {
        expect(row!.parent_id, `${edit.label} was saved over a revision it had not seen`).toBe(edit.baseId);
      }
    }
    // No phantom writes: the new revisions are exactly the accepted edits.
    expect(rows.map((row) => row.id).sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
    const after = await withDatabase(databaseUrl, async (c) => Number((await c.query('SELECT count(*) AS n FROM revisions')).rows[0].n));
    expect(after - Number(before.n)).toBe(accepted.length);

    // No lost edit: every accepted note is still on its page, and no refused one is.
    const finalText = new Map(
      await Promise.all(
        [hotTitle, ...spreadTitles].map(async (title) => {
          const page = await (await fetch(`${wiki.baseUrl}/w/rest.php/v1/page/${encodeURIComponent(dbKey(title))}`)).json();
          return [title, page.source as string] as const;
        }),
      ),
    );
    for (const edit of attempts.filter((a) => a.kind === 'append')) {
      const present = finalText.get(edit.title)!.split('\n').includes(`- ${edit.label}`);
      expect(present, `note of ${edit.label} (status ${edit.status})`).toBe(isAccepted(edit));
    }

    // Edit counters moved once per saved revision (a rolled-back save must not count).
    const counts = await withDatabase(
      databaseUrl,
      async (c) =>
        (
          await c.query<{ name: string; edit_count: number; revisions: string }>(
            `SELECT u.name, u.edit_count, (SELECT count(*) FROM revisions r WHERE r.author_id = u.id) AS revisions
       FROM users u WHERE u.name = ANY($1)`,
            [accountNames],
          )
        ).rows,
    );
    for (const row of counts) expect(row.edit_count, row.name).toBe(Number(row.revisions));

    const { problems, stats } = await checkWikiInvariants(databaseUrl);
    expect(problems).toEqual([]);
    expect(stats.revisions).toBe(after);

    // The run exercised what it claims to: saves, clean merges and conflicts all happened.
    expect(accepted.filter((a) => savedOf(a).source !== a.sent).length, 'no edit was merged').toBeGreaterThan(0);
    expect(attempts.filter((a) => a.status === 409).length, 'no edit conflicted').toBeGreaterThan(0);
    expect(accepted.length, 'too few edits were accepted to prove anything').toBeGreaterThanOrEqual(attempts.length / 4);
    // A limit, not a speed target (those are the benchmark's): 1,000 saves took 150-190 s beside
    // the rest of the suite on two cores, and over 240 s when other work shared the machine; the
    // 400 of today's run need well under half of that.
  }, 360_000);
}

describe.skipIf(!postgresqlServer)('concurrent REST writers on PostgreSQL', () => {
  defineRun('PostgreSQL', POSTGRESQL, 'postgresql');
});

// On the path without DATABASE_URL, as every file's embedded database: with DATABASE_URL this run
// would repeat that path's, which CI runs too (the PostgreSQL path runs the two above instead).
describe.skipIf(postgresqlServer)('concurrent REST writers on the embedded PGlite', () => {
  defineRun('embedded PGlite', EMBEDDED, 'embedded');
});

// Deployment-shaped like the replica tests (tests/e2e/replicas.test.ts): on the PostgreSQL path.
const binDir = privateClusterBinaries('concurrent writers behind PgBouncer');
const behindPgBouncer = Boolean(postgresqlServer) && binDir !== null && pgBouncerBinary() !== null;

describe.skipIf(!behindPgBouncer)('concurrent REST writers behind PgBouncer (transaction pooling), reading from a streaming replica', () => {
  defineRun('PgBouncer', PGBOUNCER, 'pgbouncer');
});
