import Link from 'next/link';

/** The Read / Edit / View history tabs above a page, as MediaWiki's "views". */
export function PageTabs({ path, current }: { path: string; current: 'read' | 'edit' | 'history' }) {
  const tabs = [
    { key: 'read', label: 'Read', href: path },
    { key: 'edit', label: 'Edit', href: `${path}?action=edit` },
    { key: 'history', label: 'View history', href: `${path}?action=history` },
  ] as const;
  return (
    <nav aria-label="Page actions" className="page-tabs">
      <ul>
        {tabs.map((tab) => (
          <li key={tab.key} className={tab.key === current ? 'selected' : undefined}>
            <Link href={tab.href} aria-current={tab.key === current ? 'page' : undefined}>
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
