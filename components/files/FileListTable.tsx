import Link from '@/components/Link';
import { useFormatter, useTranslations } from 'next-intl';
import type { FileListItem } from '@/lib/domain/files/file-list-view';
import { useFileSize } from '@/components/files/file-size';

/** Special:ListFiles' and Special:UnusedFiles' table: one row per file, its latest version. */
export function FileListTable({ items }: { items: FileListItem[] }) {
  const t = useTranslations('files.list');
  const th = useTranslations('files.history');
  const format = useFormatter();
  const size = useFileSize();
  return (
    <div className="table-scroll">
      <table className="file-list-table">
        <thead>
          <tr>
            <th scope="col">{t('columns.date')}</th>
            <th scope="col">{t('columns.name')}</th>
            <th scope="col">{t('columns.thumbnail')}</th>
            <th scope="col">{t('columns.size')}</th>
            <th scope="col">{t('columns.user')}</th>
            <th scope="col">{t('columns.comment')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.href}>
              <td>
                <time dateTime={item.createdAt.toISOString()}>{format.dateTime(item.createdAt, 'timestamp')}</time>
              </td>
              <td>
                <Link href={item.href}>{item.name}</Link>
              </td>
              <td>
                {item.thumbnail && item.originalHref ? (
                  <a href={item.originalHref}>
                    <img
                      src={item.thumbnail.src}
                      srcSet={item.thumbnail.srcSet}
                      width={item.thumbnail.width}
                      height={item.thumbnail.height}
                      alt={item.name}
                      loading="lazy"
                      decoding="async"
                    />
                  </a>
                ) : (
                  <span className="history-deleted">{th('fileHidden')}</span>
                )}
              </td>
              <td>{size(item.size)}</td>
              <td>{item.uploader ? <Link href={item.uploader.href}>{item.uploader.name}</Link> : <span className="history-deleted">{th('userHidden')}</span>}</td>
              <td>{item.comment === null ? <span className="history-deleted">{th('commentHidden')}</span> : item.comment}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
