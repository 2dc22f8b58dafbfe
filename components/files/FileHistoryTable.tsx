import Link from '@/components/Link';
import { useFormatter, useTranslations } from 'next-intl';
import type { FileHistoryRow } from '@/lib/domain/files/file-page-view';
import { useFileSize } from '@/components/files/file-size';

/**
 * MediaWiki's "File history" table: every version this viewer may see, newest first, with its
 * date (linking to that version's original), thumbnail, dimensions, size, uploader and comment.
 * Parts hidden from others are marked for the administrators who still see them; parts withheld
 * from this viewer say so instead.
 */
export function FileHistoryTable({ rows }: { rows: FileHistoryRow[] }) {
  const t = useTranslations('files.history');
  const format = useFormatter();
  const size = useFileSize();
  const hiddenMark = <span className="history-hidden-mark"> ({t('hiddenMark')})</span>;
  return (
    <section className="file-history" aria-labelledby="filehistory">
      <h2 id="filehistory">{t('heading')}</h2>
      <p>{t('intro')}</p>
      <div className="table-scroll">
        <table className="file-history-table">
          <thead>
            <tr>
              <th scope="col">{t('columns.action')}</th>
              <th scope="col">{t('columns.dateTime')}</th>
              <th scope="col">{t('columns.thumbnail')}</th>
              <th scope="col">{t('columns.dimensions')}</th>
              <th scope="col">{t('columns.size')}</th>
              <th scope="col">{t('columns.user')}</th>
              <th scope="col">{t('columns.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const when = format.dateTime(row.createdAt, 'timestamp');
              return (
                <tr key={row.id} className={row.isLatest ? 'file-history-current' : undefined}>
                  <td>
                    {row.isLatest && t('current')}
                    {row.revertHref && <Link href={row.revertHref}>{t('revert')}</Link>}
                    {row.archived && <span className="file-history-archived">{t('archived')}</span>}
                    {row.hideHref && (
                      <span className="mw-history-revisiondelete">
                        {' '}
                        (<Link href={row.hideHref}>{t('changeVisibility')}</Link>)
                      </span>
                    )}
                  </td>
                  <td>
                    {row.originalHref ? (
                      <a href={row.originalHref}>
                        <time dateTime={row.createdAt.toISOString()}>{when}</time>
                      </a>
                    ) : (
                      <time dateTime={row.createdAt.toISOString()}>{when}</time>
                    )}
                    {row.hidden.file && row.originalHref && hiddenMark}
                  </td>
                  <td>
                    {row.thumbnail && row.originalHref ? (
                      <a href={row.originalHref}>
                        <img
                          src={row.thumbnail.src}
                          srcSet={row.thumbnail.srcSet}
                          width={row.thumbnail.width}
                          height={row.thumbnail.height}
                          alt={t('thumbnailAlt', { date: when })}
                          loading="lazy"
                          decoding="async"
                        />
                      </a>
                    ) : (
                      <span className="history-deleted">{t('fileHidden')}</span>
                    )}
                  </td>
                  <td>{t('dimensions', { width: format.number(row.width), height: format.number(row.height) })}</td>
                  <td>{size(row.size)}</td>
                  <td>
                    {row.uploader ? <Link href={row.uploader.href}>{row.uploader.name}</Link> : <span className="history-deleted">{t('userHidden')}</span>}
                    {row.hidden.uploader && row.uploader && hiddenMark}
                  </td>
                  <td>
                    {row.comment === null ? <span className="history-deleted">{t('commentHidden')}</span> : row.comment}
                    {row.hidden.comment && row.comment !== null && hiddenMark}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
