import Link from 'next/link';

export interface CategoryBoxEntry {
  name: string;
  href: string;
  exists: boolean;
  label: string;
}

/** MediaWiki's catlinks box at the bottom of a page; a category without its own page is a red link. */
export function CategoryBox({ categories }: { categories: CategoryBoxEntry[] }) {
  if (categories.length === 0) return null;
  return (
    <nav className="catlinks" aria-label="Categories">
      <span className="catlinks-label">{categories.length === 1 ? 'Category' : 'Categories'}:</span>{' '}
      <ul>
        {categories.map((category) => (
          <li key={category.name}>
            <Link
              href={category.href}
              className={category.exists ? undefined : 'new'}
              title={category.exists ? undefined : `Category:${category.label} (page does not exist)`}
            >
              {category.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
