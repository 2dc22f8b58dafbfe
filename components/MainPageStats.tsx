import Link from 'next/link';
import { countArticles, latestChanges } from '@/lib/server/search';
import { titleToUrlPath } from '@/lib/domain/titles';

/** Shown under the Main Page: the article count and the latest edited pages. */
export async function MainPageStats({ limit = 5 }: { limit?: number }) {
  const [articles, changes] = await Promise.all([countArticles(), latestChanges(limit)]);
  return (
    <aside className="main-page-stats" aria-label="Wiki statistics">
      <p>
        This wiki has <strong>{articles.toLocaleString('en')}</strong> {articles === 1 ? 'article' : 'articles'} ·{' '}
        <Link href="/wiki/Special:AllPages">all pages</Link> · <Link href="/wiki/Special:Random">random page</Link>
      </p>
      {changes.length > 0 ? (
        <>
          <h2>Latest changes</h2>
          <ul>
            {changes.map((change) => (
              <li key={change.revisionId}>
                <Link href={titleToUrlPath(change.title)}>{change.title.prefixedText}</Link>{' '}
                <span className="main-page-stats-meta">
                  ({change.author}, <time dateTime={change.timestamp.toISOString()}>{change.timestamp.toISOString().slice(0, 10)}</time>)
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </aside>
  );
}
