import Link from '@/components/Link';
import { getTranslations } from 'next-intl/server';
import { QueryPager } from '@/components/QueryPager';
import { QueryPageList } from '@/components/QueryPageList';
import { loadOrphanedPagesScreen, loadWantedPagesScreen, loadWhatLinksHereScreen } from '@/lib/server/screens/links';
import type { SearchParams } from '@/lib/domain/query-params';
import { titleToUrlPath } from '@/lib/domain/titles';
import { noRedirectHref, redLinkHref, specialPageHref } from '@/lib/domain/wiki-hrefs';

/** Special:WhatLinksHere/<Title>: pages linking to the title, and redirects to it. */
export async function WhatLinksHereView({ target, query }: { target: string | null; query: SearchParams }) {
  const [screen, t] = await Promise.all([loadWhatLinksHereScreen(target, query), getTranslations('special.whatLinksHere')]);
  if (screen.kind === 'no-target') {
    return <p>{t.rich('noTarget', { code: (chunks) => <code>{chunks}</code> })}</p>;
  }
  if (screen.kind === 'bad-title') return <p className="error">{t('invalid', { title: screen.title, reason: screen.reason })}</p>;
  const { title, items, paging, base, filters } = screen;
  return (
    <>
      <p>{t.rich('intro', { title: title.prefixedText, link: (chunks) => <Link href={titleToUrlPath(title)}>{chunks}</Link> })}</p>
      <p className="whatlinkshere-filters">
        {t('filters')} <Link href={filters.toggleLinksHref}>{t(filters.hideLinks ? 'showLinks' : 'hideLinks')}</Link>
        {' | '}
        <Link href={filters.toggleTransclusionsHref}>{t(filters.hideTransclusions ? 'showTransclusions' : 'hideTransclusions')}</Link>
      </p>
      {items.length === 0 ? (
        <p className="empty-list">{t('none', { title: title.prefixedText })}</p>
      ) : (
        <ul className="whatlinkshere-list">
          {items.map((item) => (
            <li key={item.title.prefixedDbKey}>
              <Link href={item.isRedirect ? noRedirectHref(item.title) : titleToUrlPath(item.title)}>{item.title.prefixedText}</Link>
              {item.isRedirect && ` ${t('redirect')}`}
              {item.isTransclusion && ` ${t('transclusion')}`}
            </li>
          ))}
        </ul>
      )}
      <QueryPager base={base} {...paging} />
    </>
  );
}

/** Special:WantedPages: titles that do not exist, most linked first. */
export async function WantedPagesView({ query }: { query: SearchParams }) {
  const [{ items, paging }, t] = await Promise.all([loadWantedPagesScreen(query), getTranslations('special.wantedPages')]);
  return (
    <QueryPageList
      intro={t('intro')}
      none={t('none')}
      items={items}
      itemKey={(item) => item.title.prefixedDbKey}
      renderItem={(item) => (
        <>
          <Link href={redLinkHref(item.title)} className="new" title={t('missing', { title: item.title.prefixedText })}>
            {item.title.prefixedText}
          </Link>{' '}
          (<Link href={specialPageHref('WhatLinksHere', item.title)}>{t('links', { count: item.links })}</Link>)
        </>
      )}
      base="/wiki/Special:WantedPages"
      paging={paging}
    />
  );
}

/** Special:OrphanedPages: articles no page links to. */
export async function OrphanedPagesView({ query }: { query: SearchParams }) {
  const [{ items, paging }, t] = await Promise.all([loadOrphanedPagesScreen(query), getTranslations('special.orphanedPages')]);
  return (
    <QueryPageList
      intro={t('intro')}
      none={t('none')}
      items={items}
      itemKey={(title) => title.prefixedDbKey}
      renderItem={(title) => (
        <>
          <Link href={titleToUrlPath(title)}>{title.prefixedText}</Link>
        </>
      )}
      base="/wiki/Special:OrphanedPages"
      paging={paging}
    />
  );
}
