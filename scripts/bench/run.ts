/**
 * `npm run bench`: builds the production app if stale, seeds a synthetic wiki into its own
 * database, starts the production server and drives load at it from a separate process on
 * loopback, then prints one table: HTTP rows beside their baselines (a bare Node server with the
 * same article bytes, a prerendered and a trivial dynamic response of the same Next.js server),
 * the anonymous and signed-in views again on a second server reading from a private streaming
 * replica (made with PostgreSQL's binaries; skipped without them), a heavy user's watchlist on a
 * generated wiki of its own (the data-layer call and the signed-in page), one-off figures (cold start,
 * memory, storage, the code editor's input latency in headless Chromium) and the data-layer calls
 * timed in-process.
 *
 * PostgreSQL by default (a fresh database on the server of BENCH_DATABASE_URL, DATABASE_URL or
 * 127.0.0.1:5432, dropped afterwards); `--embedded` uses a throwaway PGlite. `--quick` runs a
 * small wiki with 1-second rows (a smoke test of the harness, not a benchmark); `--seconds=N`
 * sets the length of each load row. Targets are shown beside the figures, never asserted.
 */
import '../../runtime/env';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '@/lib/db/migrate';
import { openBenchDatabase, storageFigures } from './database';
import { dataLayerRows, sizeLabel } from './data-layer-rows';
import { editorLatencyRows } from './editor-latency';
import { pageWeightRow } from './page-weight';
import { ARTICLE_SENTENCE, ARTICLE_TITLE, createFixtures, sessionCookie } from './fixtures';
import { CONNECTIONS, httpRows, judgeCeiling } from './http-rows';
import { describeLoadGenerator, loadGenerator } from './load';
import { fileRows } from './file-rows';
import { prepareTemplateRows, templateDrainRows } from './template-rows';
import { replicaRows } from './replica-rows';
import { watchlistRows } from './watchlist-rows';
import { importRows } from './import-rows';
import { FULL_SHAPE, QUICK_SHAPE, seedBenchmarkData, type Shape } from './seed';
import { findTool } from './debian-tools';
import { ensureBenchBuild, sampleResidentMemory, startBareServer, startNginx, startWikiServer, type ServerProcess } from './server-process';
import { printTable, type Row } from './table';
import { parseCommandLine } from '../lib/command-line';

const USAGE = 'Usage: npm run bench [-- --embedded] [--quick] [--seconds=N]';

interface Options {
  embedded: boolean;
  quick: boolean;
  seconds: number;
}

const OPTIONS = { embedded: { type: 'boolean' }, quick: { type: 'boolean' }, seconds: { type: 'string' } } as const;

function parseOptions(args: string[]): Options {
  const line = parseCommandLine(args, OPTIONS, USAGE);
  const given = line.value('seconds');
  // Listed in the order given, as before parseArgs.
  const unknown = [...line.unknown, ...line.positionals, ...(given === undefined || /^\d+$/.test(given) ? [] : [`--seconds=${given}`])];
  unknown.sort((a, b) => args.indexOf(a) - args.indexOf(b));
  if (unknown.length > 0) throw new Error(`Unknown option ${unknown.join(', ')}.\n${USAGE}`);
  const quick = line.flag('quick');
  const seconds = Number(given ?? (quick ? 1 : 5));
  if (seconds < 1) throw new Error(`--seconds must be at least 1.\n${USAGE}`);
  return { embedded: line.flag('embedded'), quick, seconds };
}

function describeShape(shape: Shape): string {
  return `${shape.pages.toLocaleString('en')} pages, ${shape.revisions.toLocaleString('en')} revisions (${shape.hotRevisions.toLocaleString('en')} on one page), a ${sizeLabel(shape.bigPageBytes)} page`;
}

/**
 * The fastest server at hand answering 2 bytes, for the load generator's ceiling row: nginx where it
 * is installed, else the bare Node server (then the ceiling is Node's as much as the generator's,
 * and the row says so by its name). Unlike wrk, nginx is not installed for you: Debian's package
 * starts a system service on port 80.
 */
async function startCeilingServer(scratch: string): Promise<ServerProcess & { name: string }> {
  const nginx = findTool('nginx');
  if (nginx) {
    const folder = path.join(scratch, 'nginx');
    await mkdir(folder);
    return { ...(await startNginx(nginx, folder)), name: 'nginx' };
  }
  const tiny = path.join(scratch, 'tiny.txt');
  await writeFile(tiny, 'ok');
  return { ...(await startBareServer(tiny, 'text/plain')), name: 'bare Node http' };
}

/**
 * Cleanups run in reverse order, also on Ctrl-C, so no server or database is left behind. One run
 * of them, which every caller awaits: Ctrl-C stops the server, main() then fails and would exit
 * before the database was dropped.
 */
const cleanups: (() => Promise<unknown>)[] = [];
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => console.error(error));
  })();
  return cleaning;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const shape = options.quick ? QUICK_SHAPE : FULL_SHAPE;
  const generator = loadGenerator();
  await ensureBenchBuild();

  const database = await openBenchDatabase(options.embedded);
  cleanups.push(() => database.drop());
  console.log(`Benchmark database: ${database.label}. Seeding ${describeShape(shape)}…`);
  await migrate(database.url);
  const seededAt = Date.now();
  const seeded = await seedBenchmarkData(database.url, shape);
  process.env.DATABASE_URL = database.url;
  const fixtures = await createFixtures(seeded);
  console.log(`Seeded in ${((Date.now() - seededAt) / 1000).toFixed(1)} s. Timing the data layer in-process…`);
  const dataRows = await dataLayerRows(shape, seeded, options.quick);
  const templates = await prepareTemplateRows(database.url, options.quick);
  const storage = await storageFigures(database.url);
  const { getDb } = await import('@/lib/server/db');
  await getDb().$disconnect();

  console.log(`Starting the production server; ${options.seconds} s per load row…`);
  const secret = randomBytes(32).toString('base64url');
  const serverEnv = {
    NEXTAUTH_SECRET: secret,
    AUTH_TRUST_HOST: '1',
    WIKI_BENCH_BASELINES: '1',
    WIKI_EDIT_RATE_LIMIT: '1000000',
    WIKI_UPLOAD_RATE_LIMIT: '1000000',
  };
  // One database: replicas named in the environment or .env are for the replica rows' own server.
  const { server, coldStartMs } = await startWikiServer({ ...database.serverEnv, DATABASE_URL: database.url, DATABASE_REPLICA_URLS: '', ...serverEnv }, '/wiki/Main_Page');
  cleanups.push(() => server.stop());
  const article = await fetch(`${server.baseUrl}${fixtures.articlePath}`);
  if (article.status !== 200) throw new Error(`${fixtures.articlePath} answered ${article.status}.`);
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'wiki-bench-html-'));
  cleanups.push(() => rm(scratch, { recursive: true, force: true }));
  const htmlFile = path.join(scratch, 'article.html');
  const articleHtml = Buffer.from(await article.arrayBuffer());
  await writeFile(htmlFile, articleHtml);
  const bare = await startBareServer(htmlFile);
  cleanups.push(() => bare.stop());
  const ceiling = await startCeilingServer(scratch);
  cleanups.push(() => ceiling.stop());

  const memory = sampleResidentMemory(server.pid);
  const rows = await httpRows({
    wikiUrl: server.baseUrl,
    bareUrl: bare.baseUrl,
    ceiling: { url: ceiling.baseUrl, server: ceiling.name },
    cookie: await sessionCookie(fixtures.editor, secret),
    seconds: options.seconds,
    warmupSeconds: options.quick ? 0 : 1,
    saves: options.quick ? 5 : 30,
    shape,
    seeded,
    fixtures,
    inProcess: {
      historyFirst: inProcessP50(dataRows, 'History, first 50'),
      recentChanges: inProcessP50(dataRows, 'Recent changes, first 50'),
      bigDiff: inProcessP50(dataRows, 'Diff of two'),
    },
  });
  const peakRss = memory.stop();
  // Beside the rows they compare with; a second server on a private primary and replica, stopped after.
  const replica = await replicaRows({
    shape,
    serverEnv,
    secret,
    seconds: options.seconds,
    warmupSeconds: options.quick ? 0 : 1,
    rows,
    comparedWith: options.embedded ? 'PGlite' : 'no replica',
    onCleanup: (cleanup) => cleanups.push(cleanup),
  });
  // A wiki of its own (a second database and server, stopped after): a heavy user's watchlist.
  const watchlist = await watchlistRows({
    embedded: options.embedded,
    quick: options.quick,
    serverEnv,
    secret,
    seconds: options.seconds,
    warmupSeconds: options.quick ? 0 : 1,
    rows,
    onCleanup: (cleanup) => cleanups.push(cleanup),
  });
  // After the page rows, whose figures must not include the re-rendering; before the uploads.
  const templateRows = await templateDrainRows({
    wikiUrl: server.baseUrl,
    databaseUrl: database.url,
    token: fixtures.editor.token,
    articlePath: fixtures.articlePath,
    seconds: options.seconds,
    warmupSeconds: options.quick ? 0 : 1,
    dependents: templates.dependents,
    embedded: options.embedded,
  });
  // After the page rows, whose memory figure must not include the uploads.
  const files = await fileRows({
    wikiUrl: server.baseUrl,
    serverPid: server.pid,
    token: fixtures.editor.token,
    seconds: options.seconds,
    warmupSeconds: options.quick ? 0 : 1,
    connections: CONNECTIONS,
    quick: options.quick,
  });
  // A process and a database of its own: `npm run import` of a Fandom-style dump in wikitext.
  const imports = await importRows({ embedded: options.embedded, quick: options.quick, onCleanup: (cleanup) => cleanups.push(cleanup) });
  const weight = await pageWeightRow({ wikiUrl: server.baseUrl, articlePath: fixtures.articlePath, sentence: ARTICLE_SENTENCE });
  // Last, on an idle server: the figures are of the browser's work while typing.
  const editor = await editorLatencyRows({
    wikiUrl: server.baseUrl,
    cookie: await sessionCookie(fixtures.editor, secret),
    editorName: fixtures.editor.name,
    articleTitle: ARTICLE_TITLE,
    keys: options.quick ? 20 : 80,
  });

  const oneOff: Row[] = [
    { name: 'Cold start to first byte of /wiki/Main_Page', value: `${Math.round(coldStartMs).toLocaleString('en')} ms`, target: '(reported)' },
    {
      name: 'Server RSS, peak during the load rows',
      value: peakRss === null ? 'n/a' : `${(peakRss / 1e6).toFixed(0)} MB`,
      target: '≤ 400 MB',
      met: peakRss === null ? undefined : peakRss <= 400e6,
    },
    {
      name: 'Storage per revision (revisions, texts, renderings)',
      value: `${Math.round(storage.bytes / storage.revisions).toLocaleString('en')} B`,
      target: '(reported)',
      ratio: `${storage.contents.toLocaleString('en')} texts / ${storage.revisions.toLocaleString('en')} revs`,
    },
    weight,
    ...editor,
  ];
  printTable(judgeCeiling([...rows, ...replica, ...watchlist, ...templateRows, ...files, ...imports, ...oneOff, ...dataRows, ...templates.rows]), {
    database: database.label,
    shape: `${describeShape(shape)}; article ${(articleHtml.length / 1024).toFixed(1)} KiB; ${options.seconds} s per load row`,
    date: new Date(),
  });
  console.log(
    `${describeLoadGenerator(generator)} Edit save: "server time" is the total of the response's Server-Timing header; the client median on loopback is shown beside it.`,
  );
}

process.on('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanUp();
    // The render worker threads (lib/server/render.ts) would keep the process alive.
    process.exit();
  });

/** The p50 of an in-process row, by the start of its name. */
function inProcessP50(rows: Row[], name: string): number {
  const row = rows.find((candidate) => candidate.name.startsWith(name));
  if (row?.p50Ms === undefined) throw new Error(`No in-process row named "${name}…".`);
  return row.p50Ms;
}
