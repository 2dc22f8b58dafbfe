import Link from 'next/link';
import { Timestamp } from '@/components/HistoryList';
import { contributionsHref } from '@/lib/domain/history';
import type { DeletionNotice } from '@/lib/domain/deletion';
import { titleToUrlPath } from '@/lib/domain/titles';

/** A deleted page's address (404): MediaWiki's "This page has been deleted." with the deletion log excerpt. */
export function DeletedPageNotice({ notice }: { notice: DeletionNotice }) {
  const { title, lastDeletion, archivedRevisions } = notice;
  const path = titleToUrlPath(title);
  return (
    <article className="article missing-page deleted-page">
      <h1 className="article-title">{title.prefixedText}</h1>
      <div className="notice notice-warning" role="note">
        <p>
          <strong>This page has been deleted.</strong> The deletion log for this page is provided below for reference.
        </p>
        {lastDeletion && (
          <ul className="deletion-log-excerpt">
            <li>
              <Timestamp date={lastDeletion.at} />{' '}
              {lastDeletion.by ? <Link href={contributionsHref(lastDeletion.by)}>{lastDeletion.by}</Link> : 'A maintenance script'} deleted page{' '}
              {title.prefixedText}
              {lastDeletion.reason && <span className="comment"> ({lastDeletion.reason})</span>}
            </li>
          </ul>
        )}
        {archivedRevisions !== null && archivedRevisions > 0 && (
          <p>
            <Link href={`/wiki/Special:Undelete/${path.slice('/wiki/'.length)}`}>
              View or undelete {archivedRevisions} deleted {archivedRevisions === 1 ? 'revision' : 'revisions'}
            </Link>
            ?
          </p>
        )}
      </div>
      <p>
        You can <Link href={`${path}?action=edit`}>create this page again</Link>, or go back to the <Link href="/wiki/Main_Page">Main Page</Link>.
      </p>
    </article>
  );
}
