import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { QueryPager } from '@/components/QueryPager';
import { loadUnusedTemplatesScreen, loadWantedTemplatesScreen } from '@/lib/server/screens/links';
import type { SearchParams } from '@/lib/domain/query-params';
import { titleToUrlPath } from '@/lib/domain/titles';
import { redLinkHref, specialPageHref } from '@/lib/domain/wiki-hrefs';

/** Special:WantedTemplates: titles pages transclude that do not exist, most used first. */
export async function WantedTemplatesView({ query }: { query: SearchParams }) {
  const [{ items, paging }, t] = await Promise.all([loadWantedTemplatesScreen(query), getTranslations('special.wantedTemplates')]);
  return (
    <>
      <p>{t('intro')}</p>
      {items.length === 0 ? (
        <p className="empty-list">{t('none')}</p>
      ) : (
        <ol className="special-list" start={paging.offset + 1}>
          {items.map((item) => (
            <li key={item.title.prefixedDbKey}>
              <Link href={redLinkHref(item.title)} className="new" title={t('missing', { title: item.title.prefixedText })}>
                {item.title.prefixedText}
              </Link>{' '}
              (<Link href={`${specialPageHref('WhatLinksHere', item.title)}?hidelinks=1`}>{t('uses', { count: item.uses })}</Link>)
            </li>
          ))}
        </ol>
      )}
      <QueryPager base="/wiki/Special:WantedTemplates" {...paging} />
    </>
  );
}

/** Special:UnusedTemplates: templates no page transcludes. */
export async function UnusedTemplatesView({ query }: { query: SearchParams }) {
  const [{ items, paging }, t] = await Promise.all([loadUnusedTemplatesScreen(query), getTranslations('special.unusedTemplates')]);
  return (
    <>
      <p>{t('intro')}</p>
      {items.length === 0 ? (
        <p className="empty-list">{t('none')}</p>
      ) : (
        <ol className="special-list" start={paging.offset + 1}>
          {items.map((title) => (
            <li key={title.prefixedDbKey}>
              <Link href={titleToUrlPath(title)}>{title.prefixedText}</Link> (<Link href={specialPageHref('WhatLinksHere', title)}>{t('whatLinksHere')}</Link>)
            </li>
          ))}
        </ol>
      )}
      <QueryPager base="/wiki/Special:UnusedTemplates" {...paging} />
    </>
  );
}
