/**
 * `npm run bench`: seeds a synthetic wiki into its own database and prints a table of timings.
 * PostgreSQL by default (a fresh database on the server of BENCH_DATABASE_URL, DATABASE_URL or
 * 127.0.0.1:5432, dropped afterwards); `npm run bench -- --embedded` uses a throwaway PGlite.
 * Timings are server time measured in-process around the same functions the pages call; figures
 * are medians over repeated runs, and targets are shown beside them, never asserted (shared,
 * noisy machines: compare ratios within one run).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrate } from '@/lib/db/migrate';
import { startEmbeddedDatabase } from '@/lib/db/embedded';
import { seedBenchmarkData, SHAPE } from './seed';
import { measure, printTable, type Row } from './measure';

async function openBenchDatabase(embedded: boolean): Promise<{ url: string; label: string; drop(): Promise<void> }> {
  if (embedded) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'wiki-bench-'));
    const db = await startEmbeddedDatabase({ dataDir: dir });
    return { url: db.url, label: 'embedded PGlite', drop: async () => (await db.stop(), await rm(dir, { recursive: true, force: true })) };
  }
  const server = new URL(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  const name = `wiki_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    label: `PostgreSQL ${server.hostname}:${server.port || 5432}`,
    async drop() {
      const client = new pg.Client({ connectionString: server.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

async function main(): Promise<void> {
  const embedded = process.argv.includes('--embedded');
  const database = await openBenchDatabase(embedded);
  try {
    console.log(`Benchmark database: ${database.label}. Seeding ${SHAPE.pages} pages, ${SHAPE.revisions} revisions…`);
    await migrate(database.url);
    const seededAt = Date.now();
    const ids = await seedBenchmarkData(database.url);
    console.log(`Seeded in ${((Date.now() - seededAt) / 1000).toFixed(1)} s.`);

    process.env.DATABASE_URL = database.url;
    const { getPageHistory, getRecentChanges } = await import('@/lib/server/history');
    const { getRevision } = await import('@/lib/server/revisions');
    const { diffRevisions } = await import('@/lib/domain/diff');
    const { getDb } = await import('@/lib/server/db');

    const rows: Row[] = [];
    const historyFirst = await measure(() => getPageHistory(ids.hotPageId, { limit: 50 }));
    rows.push({ name: `History, first 50 of ${SHAPE.hotRevisions} revisions`, stats: historyFirst, target: '≤ 20 ms', budgetMs: 20 });
    const historyDeep = await measure(() => getPageHistory(ids.hotPageId, { limit: 50, olderThan: 1_200 }));
    rows.push({ name: 'History, deep page (200th page of 50)', stats: historyDeep, target: '≤ 2× first page', budgetMs: 2 * historyFirst.p50, ratio: historyDeep.p50 / historyFirst.p50 });
    const rcFirst = await measure(() => getRecentChanges({ limit: 50 }));
    rows.push({ name: `Recent changes, first 50 of ${SHAPE.revisions + 2} revisions`, stats: rcFirst, target: '≤ 30 ms', budgetMs: 30 });
    const rcFiltered = await measure(() => getRecentChanges({ limit: 50, hideMinor: true, onlyNew: true }));
    rows.push({ name: 'Recent changes, only new pages, hide minor', stats: rcFiltered, target: '≤ 30 ms', budgetMs: 30 });
    const rcDeep = await measure(() => getRecentChanges({ limit: 50, olderThan: 500 }));
    rows.push({ name: 'Recent changes, deep page', stats: rcDeep, target: '≤ 2× first page', budgetMs: 2 * rcFirst.p50, ratio: rcDeep.p50 / rcFirst.p50 });
    const diff = await measure(async () => {
      const [older, newer] = await Promise.all([getRevision(ids.bigOldRevisionId), getRevision(ids.bigNewRevisionId)]);
      return diffRevisions(older!.text ?? '', newer!.text ?? '');
    }, { iterations: 10 });
    rows.push({ name: 'Diff of two 1 MiB revisions (load + diff)', stats: diff, target: '≤ 300 ms', budgetMs: 300 });

    const { searchPages, suggestTitles } = await import('@/lib/server/search');
    const search = await measure(() => searchPages('synthetic page', { limit: 20, offset: 0 }));
    rows.push({ name: `Full-text search matching all ${SHAPE.pages} pages`, stats: search, target: '≤ 30 ms', budgetMs: 30 });
    const suggest = await measure(() => suggestTitles('bench page 12', 10));
    rows.push({ name: 'Title suggestions (prefix)', stats: suggest, target: '≤ 10 ms', budgetMs: 10 });

    // A save that replaces all 500 links of a page (500 removed, 500 added) each time.
    const { savePage } = await import('@/lib/server/save-page');
    const { parseTitle } = await import('@/lib/domain/titles');
    const hub = parseTitle('Links hub');
    // 50 paragraphs of 10 links, as an index page would have them.
    const linksText = (from: number) =>
      Array.from({ length: 50 }, (_, p) => Array.from({ length: 10 }, (_, i) => `See [[Bench page ${from + p * 10 + i}]] too.`).join(' ')).join('\n\n');
    let base = (await savePage({ title: hub, text: linksText(1), summary: '', minor: false, authorId: 1, baseRevisionId: null })).revisionId;
    let round = 0;
    const linkSave = await measure(async () => {
      round += 1;
      const result = await savePage({ title: hub, text: linksText(round % 2 === 0 ? 1 : 501), summary: `round ${round}`, minor: false, authorId: 1, baseRevisionId: base });
      base = result.revisionId;
    }, { iterations: 20 });
    rows.push({ name: 'Save that changes 500 links', stats: linkSave, target: '≤ 100 ms', budgetMs: 100 });
    const { renderMarkdown } = await import('@/lib/domain/markdown');
    const render = await measure(async () => renderMarkdown(linksText(1)), { iterations: 20 });
    rows.push({ name: '  of which: rendering its markdown', stats: render, target: '(part of the save)', budgetMs: Number.POSITIVE_INFINITY });

    printTable(rows, { machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}`, database: database.label });
    await getDb().$disconnect();
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
