import Link from 'next/link';
import { groupCategoryMembers } from '@/lib/domain/categories';

export interface CategoryMemberEntry {
  href: string;
  text: string;
  sortKey: string;
}

/** A category's members grouped under the first letter of their sort key (MediaWiki's CategoryViewer). */
export function CategoryMembers({ categoryText, members }: { categoryText: string; members: CategoryMemberEntry[] }) {
  if (members.length === 0) return <p className="empty-list">This category currently contains no pages.</p>;
  const groups = groupCategoryMembers(members);
  return (
    <section className="category-members" aria-label={`Pages in category "${categoryText}"`}>
      <h2>Pages in category “{categoryText}”</h2>
      <p>
        The following {members.length === 1 ? 'page is' : `${members.length} pages are`} in this category.
      </p>
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
