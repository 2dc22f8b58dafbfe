import Link from '@/components/Link';
import { useTranslations } from 'next-intl';
import type { PageLink } from '@/lib/domain/files/file-page-view';

/**
 * MediaWiki's "File usage" section: the pages that show the file (one page of them, with a link
 * to the next), and the other files with the same bytes ("duplicates").
 */
export function FileUsage({ pages, nextHref, duplicates }: { pages: PageLink[]; nextHref: string | null; duplicates: PageLink[] }) {
  const t = useTranslations('files.usage');
  return (
    <section className="file-usage" aria-labelledby="filelinks">
      <h2 id="filelinks">{t('heading')}</h2>
      {pages.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <>
          <p>{t('intro', { count: pages.length })}</p>
          <ul>
            {pages.map((page) => (
              <li key={page.href}>
                <Link href={page.href}>{page.text}</Link>
              </li>
            ))}
          </ul>
          {nextHref && (
            <p>
              <Link href={nextHref}>{t('more')}</Link>
            </p>
          )}
        </>
      )}
      {duplicates.length > 0 && (
        <>
          <p>{t('duplicates', { count: duplicates.length })}</p>
          <ul className="file-duplicates">
            {duplicates.map((file) => (
              <li key={file.href}>
                <Link href={file.href}>{file.text}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
