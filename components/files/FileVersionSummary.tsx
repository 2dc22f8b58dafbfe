import Link from '@/components/Link';
import { useFormatter, useTranslations } from 'next-intl';
import { Timestamp } from '@/components/HistoryList';
import type { FileHistoryRow } from '@/lib/domain/files/file-page-view';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/**
 * The file version Special:RevisionDelete?type=oldimage acts on, as administrators see it: when and
 * by whom it was uploaded, its comment and its thumbnail, each hidden part marked.
 */
export function FileVersionSummary({ title, row }: { title: ParsedTitle; row: FileHistoryRow }) {
  const t = useTranslations('files.hideVersion');
  const history = useTranslations('files.history');
  const format = useFormatter();
  const hiddenMark = <span className="history-hidden-mark"> ({history('hiddenMark')})</span>;
  const date = <Timestamp date={row.createdAt} />;
  return (
    <>
      <p>
        {t.rich('summary', {
          title: title.prefixedText,
          page: (chunks) => <Link href={titleToUrlPath(title)}>{chunks}</Link>,
          date: () => (row.originalHref ? <a href={row.originalHref}>{date}</a> : date),
          uploader: () => (row.uploader ? <Link href={row.uploader.href}>{row.uploader.name}</Link> : history('userHidden')),
        })}
        {row.hidden.uploader && hiddenMark}
        {row.comment !== null && row.comment !== '' && <span className="comment"> ({row.comment})</span>}
        {row.hidden.comment && hiddenMark}
      </p>
      {row.thumbnail && row.originalHref && (
        <p>
          <a href={row.originalHref}>
            <img
              src={row.thumbnail.src}
              srcSet={row.thumbnail.srcSet}
              width={row.thumbnail.width}
              height={row.thumbnail.height}
              alt={history('thumbnailAlt', { date: format.dateTime(row.createdAt, 'timestamp') })}
              decoding="async"
            />
          </a>
          {row.hidden.file && hiddenMark}
        </p>
      )}
    </>
  );
}
