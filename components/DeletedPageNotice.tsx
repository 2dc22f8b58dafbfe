import Link from '@/components/Link';
import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Timestamp } from '@/components/HistoryList';
import { contributionsHref } from '@/lib/domain/history';
import type { DeletionNotice } from '@/lib/domain/deletion';
import { titleToUrlPath } from '@/lib/domain/titles';

/** A deleted page's address (404): MediaWiki's "This page has been deleted." with the deletion log excerpt. */
export function DeletedPageNotice({ notice, tabs }: { notice: DeletionNotice; tabs?: ReactNode }) {
  const t = useTranslations('admin.deletedPage');
  const { title, lastDeletion, archivedRevisions } = notice;
  const path = titleToUrlPath(title);
  const deletedBy = lastDeletion?.by ?? null;
  return (
    <article className="article missing-page deleted-page">
      {tabs}
      <h1 className="article-title">{title.prefixedText}</h1>
      <div className="notice notice-warning" role="note">
        <p>{t.rich('notice', { strong: (chunks) => <strong>{chunks}</strong> })}</p>
        {lastDeletion && (
          <ul className="deletion-log-excerpt">
            <li>
              <Timestamp date={lastDeletion.at} />{' '}
              {deletedBy
                ? t.rich('deletedBy', { user: deletedBy, title: title.prefixedText, link: (chunks) => <Link href={contributionsHref(deletedBy)}>{chunks}</Link> })
                : t('deletedByScript', { title: title.prefixedText })}
              {lastDeletion.reason && <span className="comment"> ({lastDeletion.reason})</span>}
            </li>
          </ul>
        )}
        {archivedRevisions !== null && archivedRevisions > 0 && (
          <p>
            <Link href={`/wiki/Special:Undelete/${path.slice('/wiki/'.length)}`}>{t('undeleteLink', { count: archivedRevisions })}</Link>?
          </p>
        )}
      </div>
      <p>
        {t.rich('recreate', {
          create: (chunks) => <Link href={`${path}?action=edit`}>{chunks}</Link>,
          main: (chunks) => <Link href="/wiki/Main_Page">{chunks}</Link>,
        })}
      </p>
    </article>
  );
}
