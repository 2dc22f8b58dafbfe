import Link from '@/components/Link';
import { useTranslations } from 'next-intl';

const LINKS = [
  { key: 'mainPage', href: '/wiki/Main_Page' },
  { key: 'recentChanges', href: '/wiki/Special:RecentChanges' },
  { key: 'randomPage', href: '/wiki/Special:Random' },
  { key: 'allPages', href: '/wiki/Special:AllPages' },
  { key: 'uploadFile', href: '/wiki/Special:Upload' },
  { key: 'specialPages', href: '/wiki/Special:SpecialPages' },
] as const;

/**
 * The wiki's navigation (MediaWiki's sidebar). It sits in a <details> so that on narrow screens
 * it folds into a "Menu" button that works without JavaScript and from the keyboard; on wide
 * screens app/styles/layout.css hides the button and always shows the links.
 */
export function Sidebar() {
  const t = useTranslations('common.sidebar');
  return (
    <div className="sidebar">
      <details className="sidebar-menu">
        <summary>{t('menu')}</summary>
        <nav aria-label={t('label')}>
          <ul className="sidebar-links">
            {LINKS.map(({ key, href }) => (
              <li key={key}>
                <Link href={href}>{t(key)}</Link>
              </li>
            ))}
          </ul>
        </nav>
      </details>
    </div>
  );
}
