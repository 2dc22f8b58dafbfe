import Link from '@/components/Link';
import { getTranslations } from 'next-intl/server';
import { QueryPager } from '@/components/QueryPager';
import { QueryPageList } from '@/components/QueryPageList';
import { FileListTable } from '@/components/files/FileListTable';
import { loadListFilesScreen, loadUnusedFilesScreen, loadWantedFilesScreen } from '@/lib/server/screens/file-lists';
import { FILE_LIST_SORTS } from '@/lib/domain/files/file-list-view';
import { uploadHref } from '@/lib/domain/files/file-page-view';
import type { SearchParams } from '@/lib/domain/query-params';
import { specialPageHref } from '@/lib/domain/wiki-hrefs';

const LIST_FILES = '/wiki/Special:ListFiles';

/** Special:ListFiles: every file with its latest version, sorted by date, name or size. */
export async function ListFilesView({ query }: { query: SearchParams }) {
  const [{ items, paging, sort, total }, t] = await Promise.all([loadListFilesScreen(query), getTranslations('files.list')]);
  const base = sort === 'date' ? LIST_FILES : `${LIST_FILES}?sort=${sort}`;
  return (
    <>
      <p>
        {t('intro')} {t('total', { count: total })}
      </p>
      <p className="file-list-sort">
        {t('sortBy')}{' '}
        {FILE_LIST_SORTS.map((choice, index) => (
          <span key={choice}>
            {index > 0 && ' | '}
            {choice === sort ? (
              <strong aria-current="true">{t(`sort.${choice}`)}</strong>
            ) : (
              <Link href={choice === 'date' ? LIST_FILES : `${LIST_FILES}?sort=${choice}&limit=${paging.limit}`}>{t(`sort.${choice}`)}</Link>
            )}
          </span>
        ))}
      </p>
      {items.length === 0 ? <p className="empty-list">{t('none')}</p> : <FileListTable items={items} />}
      <QueryPager base={base} {...paging} />
    </>
  );
}

/** Special:UnusedFiles: files no page shows. */
export async function UnusedFilesView({ query }: { query: SearchParams }) {
  const [{ items, paging }, t] = await Promise.all([loadUnusedFilesScreen(query), getTranslations('files.unused')]);
  return (
    <>
      <p>{t('intro')}</p>
      {items.length === 0 ? <p className="empty-list">{t('none')}</p> : <FileListTable items={items} />}
      <QueryPager base="/wiki/Special:UnusedFiles" {...paging} />
    </>
  );
}

/** Special:WantedFiles: files pages show that were never uploaded (or were deleted), most used first. */
export async function WantedFilesView({ query }: { query: SearchParams }) {
  const [{ items, paging }, t] = await Promise.all([loadWantedFilesScreen(query), getTranslations('files.wanted')]);
  return (
    <QueryPageList
      intro={t('intro')}
      none={t('none')}
      items={items}
      itemKey={(item) => item.name}
      renderItem={(item) => (
        <>
          <Link href={uploadHref(item.name)} className="new" title={t('missing', { title: item.prefixedText })}>
            {item.prefixedText}
          </Link>{' '}
          (<Link href={specialPageHref('WhatLinksHere', item.prefixedText)}>{t('pages', { count: item.pages })}</Link>)
        </>
      )}
      base="/wiki/Special:WantedFiles"
      paging={paging}
    />
  );
}
