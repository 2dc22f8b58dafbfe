import Link from 'next/link';
import { redirect } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { exactTitleExists, listAllPages, randomPage, searchPages, MAX_QUERY_LENGTH, type AllPagesResult, type SearchResults as Results } from '@/lib/server/search';
import { NS, titleToUrlPath, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

// The async views below only read; the words are in small synchronous components (useTranslations),
// so that a test can render a view's output inside the i18n provider without a Next request.

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

function SearchForm({ search }: { search: string }) {
  const t = useTranslations('special.search');
  return (
    <form action={SEARCH_PATH} method="get" role="search" className="search-form">
      <input type="search" name="search" defaultValue={search} aria-label={t('searchFor')} maxLength={MAX_QUERY_LENGTH} size={40} />
      <input type="hidden" name="fulltext" value="1" />
      <button type="submit" className="button-primary">
        {t('submit')}
      </button>
    </form>
  );
}

interface SearchResultsProps {
  search: string;
  results: Results;
  offset: number;
  limit: number;
  /** A valid title that no page has yet: offered for creation. */
  createTitle: ParsedTitle | null;
}

function SearchResults({ search, results, offset, limit, createTitle }: SearchResultsProps) {
  const t = useTranslations('special.search');
  const format = useFormatter();
  if (results.notice) {
    return (
      <p className="notice notice-error" role="alert">
        {results.notice}
      </p>
    );
  }
  const size = { limit: format.number(limit) };
  return (
    <>
      {createTitle ? (
        <p className="search-create">
          {t.rich('create', {
            title: createTitle.prefixedText,
            link: (chunks) => <Link href={`${titleToUrlPath(createTitle)}?action=edit`}>{chunks}</Link>,
          })}
        </p>
      ) : null}
      {results.total === 0 ? (
        <p className="search-none">{t('none')}</p>
      ) : (
        <>
          <p className="search-count">
            {t('count', { from: format.number(offset + 1), to: format.number(offset + results.hits.length), total: format.number(results.total) })}
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
          <nav className="search-paging" aria-label={t('pagesLabel')}>
            {offset > 0 ? <Link href={searchHref(search, Math.max(0, offset - limit), limit)}>{t('previous', size)}</Link> : <span>{t('previous', size)}</span>}
            {' | '}
            {offset + limit < results.total ? <Link href={searchHref(search, offset + limit, limit)}>{t('next', size)}</Link> : <span>{t('next', size)}</span>}
            {` | ${t('show')} `}
            {LIMITS.map((n, i) => (
              <span key={n}>
                {i > 0 ? ' | ' : ''}
                {n === limit ? format.number(n) : <Link href={searchHref(search, offset, n)}>{format.number(n)}</Link>}
              </span>
            ))}
          </nav>
        </>
      )}
    </>
  );
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
  if (search.trim() === '') return <SearchForm search={search} />;

  const results = await searchPages(search, { limit, offset });
  const named = results.notice ? null : tryParseTitle(search);
  const createTitle = named?.ok && named.title.namespace !== NS.SPECIAL && !(await exactTitleExists(search)) ? named.title : null;
  return (
    <div className="search-results">
      <SearchForm search={search} />
      <SearchResults search={search} results={results} offset={offset} limit={limit} createTitle={createTitle} />
    </div>
  );
}

function allPagesHref(from: ParsedTitle | null): string {
  return from ? `/wiki/Special:AllPages?from=${encodeURIComponent(from.dbKey)}` : '/wiki/Special:AllPages';
}

function AllPagesNavigation({ list }: { list: AllPagesResult }) {
  const t = useTranslations('special.allPages');
  return (
    <nav className="allpages-nav" aria-label={t('navigationLabel')}>
      {list.previous ? <Link href={allPagesHref(list.previous)}>{t('previous', { title: list.previous.prefixedText })}</Link> : null}
      {list.previous && list.next ? ' | ' : null}
      {list.next ? <Link href={allPagesHref(list.next)}>{t('next', { title: list.next.prefixedText })}</Link> : null}
    </nav>
  );
}

function AllPagesList({ from, list }: { from: string; list: AllPagesResult }) {
  const t = useTranslations('special.allPages');
  return (
    <div className="allpages">
      <form action="/wiki/Special:AllPages" method="get" className="search-form">
        <label htmlFor="allpages-from">{t('from')} </label>
        <input id="allpages-from" type="text" name="from" defaultValue={from} maxLength={255} />
        <button type="submit">{t('go')}</button>
      </form>
      <AllPagesNavigation list={list} />
      {list.titles.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ul className="allpages-list">
          {list.titles.map(({ pageId, title, isRedirect }) => (
            <li key={pageId} className={isRedirect ? 'allpages-redirect' : undefined}>
              <Link href={isRedirect ? `${titleToUrlPath(title)}?redirect=no` : titleToUrlPath(title)}>{title.prefixedText}</Link>
            </li>
          ))}
        </ul>
      )}
      <AllPagesNavigation list={list} />
    </div>
  );
}

/** /wiki/Special:AllPages[?from=Title]: main-namespace titles in alphabetical order, 100 a page. */
export async function AllPagesView({ query, subpage }: { query: SearchParams; subpage: string | null }) {
  const from = first(query.from) ?? subpage ?? '';
  const list = await listAllPages({ from, limit: 100 });
  return <AllPagesList from={from} list={list} />;
}

function NoArticles() {
  const t = useTranslations('special.random');
  return <p>{t('none')}</p>;
}

/** /wiki/Special:Random: redirects to a random article. */
export async function RandomView() {
  const title = await randomPage();
  if (title) redirect(titleToUrlPath(title));
  return <NoArticles />;
}
