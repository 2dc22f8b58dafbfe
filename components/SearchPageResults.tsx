import Link from '@/components/Link';
import { useFormatter, useTranslations } from 'next-intl';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

const SEARCH_PATH = '/wiki/Special:Search';
const LIMITS = [20, 50, 100];

function searchHref(search: string, offset: number, limit: number): string {
  const params = new URLSearchParams({ search, fulltext: '1' });
  if (offset > 0) params.set('offset', String(offset));
  if (limit !== 20) params.set('limit', String(limit));
  return `${SEARCH_PATH}?${params.toString()}`;
}

/** Special:Search's own search form (full text). */
export function SearchPageForm({ search, maxLength }: { search: string; maxLength: number }) {
  const t = useTranslations('special.search');
  return (
    <form action={SEARCH_PATH} method="get" role="search" className="search-form">
      <input type="search" name="search" defaultValue={search} aria-label={t('searchFor')} maxLength={maxLength} size={40} />
      <input type="hidden" name="fulltext" value="1" />
      <button type="submit" className="button-primary">
        {t('submit')}
      </button>
    </form>
  );
}

export interface SearchPageResultsProps {
  search: string;
  results: {
    total: number;
    /** snippetHtml is escaped text with only <mark> added (the search module's highlightToHtml). */
    hits: { pageId: number; title: ParsedTitle; snippetHtml: string }[];
    /** Why there are no results other than "nothing matched", for the reader. */
    notice?: string;
  };
  offset: number;
  limit: number;
  /** A valid title that no page has yet: offered for creation. */
  createTitle: ParsedTitle | null;
}

/** One page of full-text results: the count, each hit with its snippet, and the paging links. */
export function SearchPageResults({ search, results, offset, limit, createTitle }: SearchPageResultsProps) {
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
                {/* snippetHtml is escaped text with only <mark> added (the search module's highlightToHtml). */}
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
