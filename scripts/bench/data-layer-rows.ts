import type { Shape, SeededIds } from './seed';
import { measure, type Stats } from './measure';
import { ratioText, type Row } from './table';

/**
 * Server time of the data-layer calls behind the pages, measured in this process around the same
 * functions the pages call (no HTTP, no rendering): where the HTTP rows' time goes. Run before
 * the server starts (the embedded database serves one client well at a time).
 */
export async function dataLayerRows(shape: Shape, ids: SeededIds, quick: boolean): Promise<Row[]> {
  const { getPageHistory, getRecentChanges } = await import('@/lib/server/history');
  const { getRevision } = await import('@/lib/server/revisions');
  const { diffRevisions } = await import('@/lib/domain/diff');
  const { searchPages, suggestTitles } = await import('@/lib/server/search');
  const { savePage } = await import('@/lib/server/save-page');
  const { renderMarkdown } = await import('@/lib/domain/markdown');
  const { parseTitle } = await import('@/lib/domain/titles');
  const runs = (n: number) => (quick ? Math.min(n, 5) : n);

  const rows: Row[] = [];
  const add = (name: string, stats: Stats, target: string, budgetMs: number, ratio?: string) =>
    rows.push({ name: `${name} (in-process)`, p50Ms: stats.p50, p99Ms: stats.p99, target, met: Number.isFinite(budgetMs) ? stats.p50 <= budgetMs : undefined, ratio });

  const historyFirst = await measure(() => getPageHistory(ids.hotPageId, { limit: 50 }), { iterations: runs(50) });
  add(`History, first 50 of ${shape.hotRevisions.toLocaleString('en')}`, historyFirst, 'p50 ≤ 20 ms', 20);
  const historyDeep = await measure(() => getPageHistory(ids.hotPageId, { limit: 50, olderThan: ids.deepHistoryCursor }), { iterations: runs(50) });
  add('History, last page', historyDeep, 'p50 ≤ 2× first', 2 * historyFirst.p50, ratioText(historyDeep.p50 / historyFirst.p50, 'first'));
  const rcFirst = await measure(() => getRecentChanges({ limit: 50 }), { iterations: runs(50) });
  add('Recent changes, first 50', rcFirst, 'p50 ≤ 30 ms', 30);
  const rcFiltered = await measure(() => getRecentChanges({ limit: 50, hideMinor: true, onlyNew: true }), { iterations: runs(50) });
  add('Recent changes, new pages, hide minor', rcFiltered, 'p50 ≤ 30 ms', 30);
  const diff = await measure(
    async () => {
      const [older, newer] = await Promise.all([getRevision(ids.bigOldRevisionId), getRevision(ids.bigNewRevisionId)]);
      return diffRevisions(older!.text ?? '', newer!.text ?? '');
    },
    { iterations: runs(10) },
  );
  add(`Diff of two ${sizeLabel(shape.bigPageBytes)} revisions (load + diff)`, diff, 'p50 ≤ 300 ms', 300);
  const search = await measure(() => searchPages('synthetic page', { limit: 20, offset: 0 }), { iterations: runs(50) });
  add(`Search matching all ${shape.pages.toLocaleString('en')} pages`, search, 'p50 ≤ 30 ms', 30);
  const suggest = await measure(() => suggestTitles('bench page 12', 10), { iterations: runs(50) });
  add('Title suggestions', suggest, 'p50 ≤ 10 ms', 10);

  // A save that replaces all 500 links of an index page (500 removed, 500 added) each time:
  // 50 paragraphs of 10 links.
  const hub = parseTitle('Links hub');
  const linksText = (from: number) =>
    Array.from({ length: 50 }, (_, p) => Array.from({ length: 10 }, (_, i) => `See [[Bench page ${from + p * 10 + i}]] too.`).join(' ')).join('\n\n');
  let base = (await savePage({ title: hub, text: linksText(1), summary: '', minor: false, authorId: 1, baseRevisionId: null })).revisionId;
  let round = 0;
  const linkSave = await measure(
    async () => {
      round += 1;
      const result = await savePage({ title: hub, text: linksText(round % 2 === 0 ? 1 : 501), summary: `round ${round}`, minor: false, authorId: 1, baseRevisionId: base });
      base = result.revisionId;
    },
    { iterations: runs(20) },
  );
  add('Save that changes 500 links', linkSave, 'p50 ≤ 100 ms', 100);
  const render = await measure(async () => renderMarkdown(linksText(1)), { iterations: runs(20) });
  add('  of which: rendering its markdown', render, '(part of the save)', Number.POSITIVE_INFINITY);
  return rows;
}

export function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MiB` : `${(bytes / 1024).toFixed(0)} KiB`;
}
