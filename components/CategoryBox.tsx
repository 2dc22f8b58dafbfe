import Link from '@/components/Link';
import { useTranslations } from 'next-intl';

export interface CategoryBoxEntry {
  name: string;
  href: string;
  exists: boolean;
  label: string;
}

/** MediaWiki's catlinks box at the bottom of a page; a category without its own page is a red link. */
export function CategoryBox({ categories }: { categories: CategoryBoxEntry[] }) {
  const t = useTranslations('article.categories');
  if (categories.length === 0) return null;
  return (
    <nav className="catlinks" aria-label={t('label')}>
      <span className="catlinks-label">{t('heading', { count: categories.length })}</span>{' '}
      <ul>
        {categories.map((category) => (
          <li key={category.name}>
            <Link href={category.href} className={category.exists ? undefined : 'new'} title={category.exists ? undefined : t('missing', { name: category.label })}>
              {category.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
