import Link from '@/components/Link';
import { useFormatter, useTranslations } from 'next-intl';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

export interface MainPageStatsProps {
  /** Main-namespace pages that are not redirects. */
  articles: number;
  /** The latest edited pages, newest first. */
  changes: readonly { title: ParsedTitle; revisionId: number; timestamp: Date; author: string }[];
}

/** Shown under the Main Page: the article count and the latest edited pages (loaded by the page). */
export function MainPageStats({ articles, changes }: MainPageStatsProps) {
  const t = useTranslations('article.mainPage');
  const format = useFormatter();
  return (
    <aside className="main-page-stats" aria-label={t('statsLabel')}>
      <p>
        {t.rich('articleCount', { count: articles, number: format.number(articles), strong: (chunks) => <strong>{chunks}</strong> })} ·{' '}
        <Link href="/wiki/Special:AllPages">{t('allPages')}</Link> · <Link href="/wiki/Special:Random">{t('randomPage')}</Link>
      </p>
      {changes.length > 0 ? (
        <>
          <h2>{t('latestChanges')}</h2>
          <ul>
            {changes.map((change) => (
              <li key={change.revisionId}>
                <Link href={titleToUrlPath(change.title)}>{change.title.prefixedText}</Link>{' '}
                <span className="main-page-stats-meta">
                  ({change.author}, <time dateTime={change.timestamp.toISOString()}>{format.dateTime(change.timestamp, 'date')}</time>)
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </aside>
  );
}
