import Link from '@/components/Link';
import { useTranslations } from 'next-intl';
import { groupCategoryMembers } from '@/lib/domain/categories';

export interface CategoryMemberEntry {
  href: string;
  text: string;
  sortKey: string;
}

/** A category's members grouped under the first letter of their sort key (MediaWiki's CategoryViewer). */
export function CategoryMembers({ categoryText, members }: { categoryText: string; members: CategoryMemberEntry[] }) {
  const t = useTranslations('article.category');
  if (members.length === 0) return <p className="empty-list">{t('empty')}</p>;
  const groups = groupCategoryMembers(members);
  return (
    <section className="category-members" aria-label={t('membersLabel', { category: categoryText })}>
      <h2>{t('membersHeading', { category: categoryText })}</h2>
      <p>{t('count', { count: members.length })}</p>
      <div className="category-groups">
        {groups.map((group, index) => (
          <div className="category-group" key={`${group.letter}-${index}`}>
            <h3>{group.letter}</h3>
            <ul>
              {group.members.map((member) => (
                <li key={member.href}>
                  <Link href={member.href}>{member.text}</Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
