import 'server-only';
import { exactTitleExists, listAllPages, randomPage, searchPages, MAX_QUERY_LENGTH, type AllPagesResult, type SearchResults } from '@/lib/server/search';
import { first, type QueryValue, type SearchParams } from '@/lib/domain/query-params';
import { NS, titleToUrlPath, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

/** A whole number of up to six digits, kept within [min, max]; `fallback` for anything else. */
function intParam(value: QueryValue, fallback: number, min: number, max: number): number {
  const raw = first(value);
  if (raw === undefined || !/^\d{1,6}$/.test(raw)) return fallback;
  return Math.min(max, Math.max(min, Number(raw)));
}

export type SearchScreen =
  /** "Go" with a query naming an existing page: that page. */
  | { kind: 'go'; href: string }
  | { kind: 'form'; search: string; maxLength: number }
  | {
      kind: 'results';
      search: string;
      maxLength: number;
      results: SearchResults;
      offset: number;
      limit: number;
      /** A valid title that no page has yet: offered for creation. */
      createTitle: ParsedTitle | null;
    };

/**
 * /wiki/Special:Search?search=…[&fulltext=1][&offset=][&limit=]. Without `fulltext` (the header's
 * "Go"), a query naming an existing page redirects to it, as MediaWiki's go feature does.
 */
export async function loadSearchScreen(query: SearchParams): Promise<SearchScreen> {
  const search = (first(query.search) ?? '').slice(0, MAX_QUERY_LENGTH * 4);
  const fulltext = first(query.fulltext) !== undefined && first(query.fulltext) !== '';
  if (!fulltext && search.trim() !== '') {
    const target = await exactTitleExists(search);
    if (target) return { kind: 'go', href: titleToUrlPath(target) };
  }
  const limit = intParam(query.limit, 20, 1, 100);
  const offset = intParam(query.offset, 0, 0, 10_000);
  if (search.trim() === '') return { kind: 'form', search, maxLength: MAX_QUERY_LENGTH };

  const results = await searchPages(search, { limit, offset });
  const named = results.notice ? null : tryParseTitle(search);
  const createTitle = named?.ok && named.title.namespace !== NS.SPECIAL && !(await exactTitleExists(search)) ? named.title : null;
  return { kind: 'results', search, maxLength: MAX_QUERY_LENGTH, results, offset, limit, createTitle };
}

/** /wiki/Special:AllPages[?from=Title]: main-namespace titles in alphabetical order, 100 a page. */
export async function loadAllPagesScreen(query: SearchParams, subpage: string | null): Promise<{ from: string; list: AllPagesResult }> {
  const from = first(query.from) ?? subpage ?? '';
  return { from, list: await listAllPages({ from, limit: 100 }) };
}

/** /wiki/Special:Random: the address of a random article, null when there is none. */
export async function loadRandomScreen(): Promise<{ href: string | null }> {
  const title = await randomPage();
  return { href: title ? titleToUrlPath(title) : null };
}
