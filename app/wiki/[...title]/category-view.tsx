import Link from '@/components/Link';
import { getTranslations } from 'next-intl/server';
import { CategoryMembers } from '@/components/CategoryMembers';
import { PageTabs } from '@/components/PageTabs';
import { submitWatch } from '@/app/actions/watchlist';
import { loadCategoryScreen } from '@/lib/server/screens/article';
import type { SearchParams } from '@/lib/domain/query-params';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { redLinkHref } from '@/lib/domain/wiki-hrefs';
import { articleScreenContent } from './article-view';

/**
 * /wiki/Category:Name: the category page's own text (an ordinary, editable page) followed by its
 * members, grouped under the first letter of their sort key. A category without a page of its own
 * still lists its members, with a note, as on MediaWiki.
 */
export async function CategoryView({ title, query }: { title: ParsedTitle; query: SearchParams }) {
  const [screen, t] = await Promise.all([loadCategoryScreen(title, query), getTranslations('article.category')]);
  const path = titleToUrlPath(title);
  const { previousHref, nextHref } = screen;
  const list = (
    <>
      <CategoryMembers categoryText={title.text} members={screen.members} />
      {(previousHref || nextHref) && (
        <p className="query-pager">
          {previousHref && <Link href={previousHref}>{t('previousPage')}</Link>}
          {previousHref && nextHref && ' | '}
          {nextHref && <Link href={nextHref}>{t('nextPage')}</Link>}
        </p>
      )}
    </>
  );
  if (screen.article) {
    const article = articleScreenContent(title, screen.article);
    return (
      <>
        {article}
        <div className="category-view">{list}</div>
      </>
    );
  }
  const { tabs } = screen;
  return (
    <article className="article category-view">
      <PageTabs watchAction={submitWatch} path={path} current="read" access={tabs.access} discussion={tabs.discussion ?? undefined} exists={tabs.exists} />
      <h1 className="article-title">{title.prefixedText}</h1>
      <p className="notice category-missing" role="note">
        {t.rich('missingPage', { link: (chunks) => <Link href={redLinkHref(title)}>{chunks}</Link> })}
      </p>
      {list}
    </article>
  );
}
