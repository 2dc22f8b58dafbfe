import Link from '@/components/Link';
import { useTranslations } from 'next-intl';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

export interface AllPagesListData {
  titles: { pageId: number; title: ParsedTitle; isRedirect: boolean }[];
  /** The first title of the next page of results, or null at the end. */
  next: ParsedTitle | null;
  /** The first title of the previous page of results, or null at the start. */
  previous: ParsedTitle | null;
}

function allPagesHref(from: ParsedTitle | null): string {
  return from ? `/wiki/Special:AllPages?from=${encodeURIComponent(from.dbKey)}` : '/wiki/Special:AllPages';
}

function AllPagesNavigation({ list }: { list: AllPagesListData }) {
  const t = useTranslations('special.allPages');
  return (
    <nav className="allpages-nav" aria-label={t('navigationLabel')}>
      {list.previous ? <Link href={allPagesHref(list.previous)}>{t('previous', { title: list.previous.prefixedText })}</Link> : null}
      {list.previous && list.next ? ' | ' : null}
      {list.next ? <Link href={allPagesHref(list.next)}>{t('next', { title: list.next.prefixedText })}</Link> : null}
    </nav>
  );
}

/** Special:AllPages: the "from" form, then one page of titles between previous/next links (redirects in italics). */
export function AllPagesList({ from, list }: { from: string; list: AllPagesListData }) {
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
