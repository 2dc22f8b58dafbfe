import 'server-only';
import { ApiError } from '@/lib/domain/action-api/errors';
import type { ApiParams } from '@/lib/domain/action-api/params';
import { isKnownNamespace, makeParsedTitle, NS, splitFragment, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { pageIdsOfRevisions, pagesById, pagesByTitle, redirectTargets, titleKey, type PageRow } from '@/lib/server/action-api/query/page-rows';
import type { QueryPage, QueryPageResult } from '@/lib/server/action-api/query/types';

/*
 * MediaWiki's ApiPageSet: the pages a query is about, from titles=, pageids=, revids= or a
 * generator's items, with title normalization, redirect resolution and MediaWiki's entries for
 * what is not a page (missing, invalid, special). Answer order as ApiQuery's: missing titles,
 * invalid titles, missing page ids, special pages, then the existing pages in the order given.
 */

/** A generated or given title: either one already normalized (a generator's) or a client's text. */
export type PageSetSource =
  { kind: 'titles'; titles: string[] } | { kind: 'pageids'; ids: number[] } | { kind: 'revids'; ids: number[] } | { kind: 'generated'; titles: ParsedTitle[] };

export interface PageSet {
  pages: QueryPageResult[];
  normalized: { fromencoded: boolean; from: string; to: string }[];
  redirects: { from: string; to: string; tofragment?: string }[];
  badrevids: Record<string, { revid: number; missing: true }>;
}

/** The page-set facts behind an answer's page (lastrevid, revids asked for), for prop modules. */
const SET_PAGES = new WeakMap<QueryPageResult, QueryPage & { row: PageRow | null }>();

/** The existing pages of the answer (what prop modules work on). */
export function existingPages(pages: readonly QueryPageResult[]): { page: QueryPageResult; row: PageRow; set: QueryPage }[] {
  const out: { page: QueryPageResult; row: PageRow; set: QueryPage }[] = [];
  for (const page of pages) {
    const set = SET_PAGES.get(page);
    if (set?.row) out.push({ page, row: set.row, set });
  }
  return out;
}

/** Which of titles=, pageids=, revids= the request gives (at most one, as MediaWiki). */
export function pageSetSourceOf(params: ApiParams): PageSetSource | null {
  const given = params.atMostOne('titles', 'pageids', 'revids');
  if (given === undefined) return null;
  if (given === 'titles') return { kind: 'titles', titles: params.list('titles') };
  const ids = params.list(given).map((raw) => {
    if (!/^\d{1,10}$/.test(raw.trim())) throw new ApiError('badinteger', `Invalid value "${raw.slice(0, 50)}" for integer parameter "${given}".`);
    return Number(raw.trim());
  });
  return { kind: given as 'pageids' | 'revids', ids };
}

function existing(row: PageRow, revids?: number[]): QueryPageResult {
  const page: QueryPageResult = { pageid: row.id, ns: row.namespace, title: makeParsedTitle(row.namespace as never, row.title).prefixedText };
  SET_PAGES.set(page, { pageid: row.id, ns: row.namespace, title: page.title, lastrevid: row.latestRevisionId, revids, row });
  return page;
}

function missing(title: ParsedTitle): QueryPageResult {
  const page: QueryPageResult = { ns: title.namespace, title: title.prefixedText, missing: true };
  SET_PAGES.set(page, { pageid: null, ns: title.namespace, title: title.prefixedText, lastrevid: null, row: null });
  return page;
}

/** Resolves the source into the answer's pages; `followRedirects` is the `redirects` parameter. */
export async function resolvePageSet(source: PageSetSource, followRedirects: boolean): Promise<PageSet> {
  const result: PageSet = { pages: [], normalized: [], redirects: [], badrevids: {} };
  const invalid: QueryPageResult[] = [];
  const special: QueryPageResult[] = [];
  const missingIds: QueryPageResult[] = [];
  let titles: ParsedTitle[] = [];
  let rows: { row: PageRow; revids?: number[] }[] = [];

  if (source.kind === 'titles') {
    for (const input of source.titles) {
      const parsed = tryParseTitle(splitFragment(input).title);
      if (!parsed.ok) {
        invalid.push({ title: input, invalidreason: parsed.reason, invalid: true } as unknown as QueryPageResult);
        continue;
      }
      if (parsed.title.prefixedText !== input) result.normalized.push({ fromencoded: false, from: input, to: parsed.title.prefixedText });
      if (parsed.title.namespace === NS.SPECIAL) special.push({ ns: NS.SPECIAL, title: parsed.title.prefixedText, special: true });
      else titles.push(parsed.title);
    }
  } else if (source.kind === 'generated') {
    titles = source.titles;
  } else if (source.kind === 'pageids') {
    const found = await pagesById(source.ids);
    for (const id of source.ids) {
      const row = found.get(id);
      if (row) rows.push({ row });
      else missingIds.push({ pageid: id, missing: true } as QueryPageResult);
    }
  } else {
    const pageOf = await pageIdsOfRevisions(source.ids);
    const found = await pagesById([...new Set(pageOf.values())]);
    const byPage = new Map<number, number[]>();
    for (const revid of source.ids) {
      const pageId = pageOf.get(revid);
      if (pageId === undefined || !found.has(pageId)) result.badrevids[String(revid)] = { revid, missing: true };
      else byPage.set(pageId, [...(byPage.get(pageId) ?? []), revid]);
    }
    rows = [...byPage].map(([pageId, revids]) => ({ row: found.get(pageId)!, revids }));
  }

  const missingTitles: QueryPageResult[] = [];
  const found = await pagesByTitle(titles);
  for (const title of titles) {
    const row = found.get(titleKey(title.namespace, title.dbKey));
    if (row) rows.push({ row });
    else missingTitles.push(missing(title));
  }
  if (followRedirects && source.kind !== 'revids') rows = await followRedirectRows(rows, result, missingTitles);

  const seen = new Set<string>();
  const unique = (page: QueryPageResult): boolean => {
    const key = `${page.ns}|${page.title}|${page.pageid ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  result.pages = [...missingTitles, ...invalid, ...missingIds, ...special, ...rows.map(({ row, revids }) => existing(row, revids))].filter(unique);
  return result;
}

/** MediaWiki's resolvePendingRedirects: redirects are replaced by their targets, chains followed, loops stopped. */
async function followRedirectRows(
  rows: { row: PageRow; revids?: number[] }[],
  result: PageSet,
  missingTitles: QueryPageResult[],
): Promise<{ row: PageRow; revids?: number[] }[]> {
  const visited = new Set(rows.map(({ row }) => row.id));
  let current = rows;
  for (let hop = 0; hop < 10 && current.some(({ row }) => row.isRedirect); hop += 1) {
    const targets = await redirectTargets(current.filter(({ row }) => row.isRedirect).map(({ row }) => row.id));
    const wanted = [...targets.values()].filter((target) => isKnownNamespace(target.namespace)).map((target) => makeParsedTitle(target.namespace as never, target.title));
    const found = await pagesByTitle(wanted);
    const next: { row: PageRow; revids?: number[] }[] = [];
    for (const entry of current) {
      const target = entry.row.isRedirect ? targets.get(entry.row.id) : undefined;
      if (!target || !isKnownNamespace(target.namespace)) {
        next.push(entry);
        continue;
      }
      const from = makeParsedTitle(entry.row.namespace as never, entry.row.title).prefixedText;
      const to = makeParsedTitle(target.namespace, target.title);
      result.redirects.push(target.fragment ? { from, to: to.prefixedText, tofragment: target.fragment } : { from, to: to.prefixedText });
      const row = found.get(titleKey(target.namespace, target.title));
      if (!row) missingTitles.push(missing(to));
      else if (!visited.has(row.id)) {
        visited.add(row.id);
        next.push({ row });
      }
    }
    current = next;
  }
  return current;
}
