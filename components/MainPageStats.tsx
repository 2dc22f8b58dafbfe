import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { countArticles, latestChanges } from '@/lib/server/search';
import { titleToUrlPath } from '@/lib/domain/titles';

/** Shown under the Main Page: the article count and the latest edited pages. */
export async function MainPageStats({ limit = 5 }: { limit?: number }) {
  const [articles, changes, t, format] = await Promise.all([countArticles(), latestChanges(limit), getTranslations('article.mainPage'), getFormatter()]);
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
