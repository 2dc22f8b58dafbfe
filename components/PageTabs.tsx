import Link from 'next/link';

/** The Read / Edit tabs above a page, as MediaWiki's "views". */
export function PageTabs({ path, current }: { path: string; current: 'read' | 'edit' }) {
  const tabs = [
    { key: 'read', label: 'Read', href: path },
    { key: 'edit', label: 'Edit', href: `${path}?action=edit` },
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
