import Link from 'next/link';
import { redirect } from 'next/navigation';
import { exactTitleExists, listAllPages, randomPage, searchPages, MAX_QUERY_LENGTH } from '@/lib/server/search';
import { NS, titleToUrlPath, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function intParam(value: string | string[] | undefined, fallback: number, min: number, max: number): number {
  const raw = first(value);
  if (raw === undefined || !/^\d{1,6}$/.test(raw)) return fallback;
  return Math.min(max, Math.max(min, Number(raw)));
}

const SEARCH_PATH = '/wiki/Special:Search';
const LIMITS = [20, 50, 100];

function searchHref(search: string, offset: number, limit: number): string {
  const params = new URLSearchParams({ search, fulltext: '1' });
  if (offset > 0) params.set('offset', String(offset));
  if (limit !== 20) params.set('limit', String(limit));
  return `${SEARCH_PATH}?${params.toString()}`;
}

/**
 * /wiki/Special:Search?search=…[&fulltext=1][&offset=][&limit=]. Without `fulltext` (the header's
 * "Go"), a query naming an existing page redirects to it, as MediaWiki's go feature does.
 */
export async function SearchView({ query }: { query: SearchParams }) {
  const search = (first(query.search) ?? '').slice(0, MAX_QUERY_LENGTH * 4);
  const fulltext = first(query.fulltext) !== undefined && first(query.fulltext) !== '';
  if (!fulltext && search.trim() !== '') {
    const target = await exactTitleExists(search);
    if (target) redirect(titleToUrlPath(target));
  }
  const limit = intParam(query.limit, 20, 1, 100);
  const offset = intParam(query.offset, 0, 0, 10_000);
  const form = (
    <form action={SEARCH_PATH} method="get" role="search" className="search-form">
      <input type="search" name="search" defaultValue={search} aria-label="Search for" maxLength={MAX_QUERY_LENGTH} size={40} />
      <input type="hidden" name="fulltext" value="1" />
      <button type="submit" className="button-primary">
        Search
      </button>
    </form>
  );
  if (search.trim() === '') return form;

  const results = await searchPages(search, { limit, offset });
  const named = results.notice ? null : tryParseTitle(search);
  const createTitle = named?.ok && named.title.namespace !== NS.SPECIAL && !(await exactTitleExists(search)) ? named : null;
  return (
    <div className="search-results">
      {form}
      {results.notice ? (
        <p className="notice notice-error" role="alert">
          {results.notice}
        </p>
      ) : (
        <>
          {createTitle?.ok ? (
            <p className="search-create">
              Create the page <Link href={`${titleToUrlPath(createTitle.title)}?action=edit`}>{createTitle.title.prefixedText}</Link> on this wiki
              {' '}(or see the search results below).
            </p>
          ) : null}
          {results.total === 0 ? (
            <p className="search-none">There were no results matching the query.</p>
          ) : (
            <>
              <p className="search-count">
                Results {offset + 1}–{offset + results.hits.length} of {results.total}
              </p>
              <ul className="search-result-list">
                {results.hits.map((hit) => (
                  <li key={hit.pageId}>
                    <div className="search-result-heading">
                      <Link href={titleToUrlPath(hit.title)}>{hit.title.prefixedText}</Link>
                    </div>
                    {/* snippetHtml is escaped text with only <mark> added (lib/server/search.ts highlightToHtml). */}
                    <div className="search-result-snippet" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
                  </li>
                ))}
              </ul>
              <nav className="search-paging" aria-label="Search results pages">
                {offset > 0 ? <Link href={searchHref(search, Math.max(0, offset - limit), limit)}>← previous {limit}</Link> : <span>← previous {limit}</span>}
                {' | '}
                {offset + limit < results.total ? <Link href={searchHref(search, offset + limit, limit)}>next {limit} →</Link> : <span>next {limit} →</span>}
                {' | Show '}
                {LIMITS.map((n, i) => (
                  <span key={n}>
                    {i > 0 ? ' | ' : ''}
                    {n === limit ? n : <Link href={searchHref(search, offset, n)}>{n}</Link>}
                  </span>
                ))}
              </nav>
            </>
          )}
        </>
      )}
    </div>
  );
}

function allPagesHref(from: ParsedTitle | null): string {
  return from ? `/wiki/Special:AllPages?from=${encodeURIComponent(from.dbKey)}` : '/wiki/Special:AllPages';
}

/** /wiki/Special:AllPages[?from=Title]: main-namespace titles in alphabetical order, 100 a page. */
export async function AllPagesView({ query, subpage }: { query: SearchParams; subpage: string | null }) {
  const from = first(query.from) ?? subpage ?? '';
  const list = await listAllPages({ from, limit: 100 });
  const navigation = (
    <nav className="allpages-nav" aria-label="All pages navigation">
      {list.previous ? <Link href={allPagesHref(list.previous)}>Previous page ({list.previous.prefixedText})</Link> : null}
      {list.previous && list.next ? ' | ' : null}
      {list.next ? <Link href={allPagesHref(list.next)}>Next page ({list.next.prefixedText})</Link> : null}
    </nav>
  );
  return (
    <div className="allpages">
      <form action="/wiki/Special:AllPages" method="get" className="search-form">
        <label htmlFor="allpages-from">Display pages starting at: </label>
        <input id="allpages-from" type="text" name="from" defaultValue={from} maxLength={255} />
        <button type="submit">Go</button>
      </form>
      {navigation}
      {list.titles.length === 0 ? (
        <p>There are no pages from this point on.</p>
      ) : (
        <ul className="allpages-list">
          {list.titles.map(({ pageId, title, isRedirect }) => (
            <li key={pageId} className={isRedirect ? 'allpages-redirect' : undefined}>
              <Link href={isRedirect ? `${titleToUrlPath(title)}?redirect=no` : titleToUrlPath(title)}>{title.prefixedText}</Link>
            </li>
          ))}
        </ul>
      )}
      {navigation}
    </div>
  );
}

/** /wiki/Special:Random: redirects to a random article. */
export async function RandomView() {
  const title = await randomPage();
  if (title) redirect(titleToUrlPath(title));
  return <p>There are no articles on this wiki yet.</p>;
}
