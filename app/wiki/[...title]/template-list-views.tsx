import Link from '@/components/Link';
import { getTranslations } from 'next-intl/server';
import { QueryPageList } from '@/components/QueryPageList';
import { loadUnusedTemplatesScreen, loadWantedTemplatesScreen } from '@/lib/server/screens/links';
import type { SearchParams } from '@/lib/domain/query-params';
import { titleToUrlPath } from '@/lib/domain/titles';
import { redLinkHref, specialPageHref } from '@/lib/domain/wiki-hrefs';

/** Special:WantedTemplates: titles pages transclude that do not exist, most used first. */
export async function WantedTemplatesView({ query }: { query: SearchParams }) {
  const [{ items, paging }, t] = await Promise.all([loadWantedTemplatesScreen(query), getTranslations('special.wantedTemplates')]);
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
          (<Link href={`${specialPageHref('WhatLinksHere', item.title)}?hidelinks=1`}>{t('uses', { count: item.uses })}</Link>)
        </>
      )}
      base="/wiki/Special:WantedTemplates"
      paging={paging}
    />
  );
}

/** Special:UnusedTemplates: templates no page transcludes. */
export async function UnusedTemplatesView({ query }: { query: SearchParams }) {
  const [{ items, paging }, t] = await Promise.all([loadUnusedTemplatesScreen(query), getTranslations('special.unusedTemplates')]);
  return (
    <QueryPageList
      intro={t('intro')}
      none={t('none')}
      items={items}
      itemKey={(title) => title.prefixedDbKey}
      renderItem={(title) => (
        <>
          <Link href={titleToUrlPath(title)}>{title.prefixedText}</Link> (<Link href={specialPageHref('WhatLinksHere', title)}>{t('whatLinksHere')}</Link>)
        </>
      )}
      base="/wiki/Special:UnusedTemplates"
      paging={paging}
    />
  );
}
