import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CategoryMembers } from '@/components/CategoryMembers';
import { PageTabs } from '@/components/PageTabs';
import { categoryMembers, clampOffset } from '@/lib/server/links';
import { readPageTabs } from '@/lib/server/article-page';
import { getActor } from '@/lib/server/session';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { ArticleOrRedirect } from './article-view';

type SearchParams = Record<string, string | string[] | undefined>;

const MEMBERS_PER_PAGE = 200;

/**
 * /wiki/Category:Name: the category page's own text (an ordinary, editable page) followed by its
 * members, grouped under the first letter of their sort key. A category without a page of its own
 * still lists its members, with a note, as on MediaWiki.
 */
export async function CategoryView({ title, query }: { title: ParsedTitle; query: SearchParams }) {
  const rawOffset = Array.isArray(query.offset) ? query.offset[0] : query.offset;
  const offset = clampOffset(rawOffset !== undefined && /^\d{1,9}$/u.test(rawOffset) ? Number(rawOffset) : 0);
  const [article, members, t] = await Promise.all([
    ArticleOrRedirect({ title, query }),
    categoryMembers(title.dbKey, { limit: MEMBERS_PER_PAGE, offset }),
    getTranslations('article.category'),
  ]);
  const path = titleToUrlPath(title);
  const list = (
    <>
      <CategoryMembers
        categoryText={title.text}
        members={members.items.map((member) => ({ href: titleToUrlPath(member.title), text: member.title.prefixedText, sortKey: member.sortKey }))}
      />
      {(offset > 0 || members.hasMore) && (
        <p className="query-pager">
          {offset > 0 && <Link href={`${path}?offset=${Math.max(0, offset - MEMBERS_PER_PAGE)}`}>{t('previousPage')}</Link>}
          {offset > 0 && members.hasMore && ' | '}
          {members.hasMore && <Link href={`${path}?offset=${offset + MEMBERS_PER_PAGE}`}>{t('nextPage')}</Link>}
        </p>
      )}
    </>
  );
  if (article) {
    return (
      <>
        {article}
        <div className="category-view">{list}</div>
      </>
    );
  }
  const tabs = await readPageTabs(title, getActor());
  return (
    <article className="article category-view">
      <PageTabs path={path} current="read" access={tabs.access} discussion={tabs.discussion ?? undefined} exists={tabs.exists} />
      <h1 className="article-title">{title.prefixedText}</h1>
      <p className="notice category-missing" role="note">
        {t.rich('missingPage', { link: (chunks) => <Link href={`${path}?action=edit&redlink=1`}>{chunks}</Link> })}
      </p>
      {list}
    </article>
  );
}
