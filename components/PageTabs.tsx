import Link from 'next/link';
import type { DiscussionTabs } from '@/lib/domain/talk';
import type { PageAccess } from '@/lib/domain/protection';

export type { DiscussionTabs, PageAccess };

/**
 * The Article / Discussion tabs, then Read / Edit / View history (MediaWiki's "views"), the
 * administrators' Protect and Delete, and the lock of a protected page. Without `access` the
 * viewer is assumed to be allowed to edit and nothing is known about protection.
 */
export function PageTabs({
  path,
  current,
  discussion,
  access,
}: {
  path: string;
  current: 'read' | 'edit' | 'history' | 'protect';
  discussion?: DiscussionTabs;
  access?: PageAccess;
}) {
  const tabs = [
    { key: 'read', label: 'Read', href: path },
    // MediaWiki's wording: someone who may not edit can still read the source.
    { key: 'edit', label: access && !access.mayEdit ? 'View source' : 'Edit', href: `${path}?action=edit` },
    { key: 'history', label: 'View history', href: `${path}?action=history` },
  ] as const;
  return (
    <nav aria-label="Page actions" className="page-tabs">
      {access?.lock && (
        <span className="protection-lock" role="img" aria-label={access.lock} title={access.lock}>
          🔒
        </span>
      )}
      {discussion && (
        <ul className="namespace-tabs" aria-label="Namespaces">
          <NamespaceTab label={discussion.subject.label} href={discussion.subject.href} exists={discussion.subject.exists} selected={discussion.current === 'subject'} />
          <NamespaceTab label="Discussion" href={discussion.talk.href} exists={discussion.talk.exists} selected={discussion.current === 'talk'} />
        </ul>
      )}
      <ul>
        {tabs.map((tab) => (
          <li key={tab.key} className={tab.key === current ? 'selected' : undefined}>
            <Link href={tab.href} aria-current={tab.key === current ? 'page' : undefined}>
              {tab.label}
            </Link>
          </li>
        ))}
        {discussion?.current === 'talk' && (
          <li>
            <Link href={`${path}?action=edit&section=new`}>Add topic</Link>
          </li>
        )}
        {discussion && (discussion.current === 'talk' ? discussion.talk.exists : discussion.subject.exists) && (
          <li>
            <Link href={`/wiki/Special:MovePage/${path.slice('/wiki/'.length)}`}>Move</Link>
          </li>
        )}
        {access?.mayProtect && (
          <li className={current === 'protect' ? 'selected' : undefined}>
            <Link href={`${path}?action=protect`} aria-current={current === 'protect' ? 'page' : undefined}>
              {access.lock ? 'Change protection' : 'Protect'}
            </Link>
          </li>
        )}
        {access?.mayDelete && (
          <li>
            <Link href={`${path}?action=delete`}>Delete</Link>
          </li>
        )}
      </ul>
    </nav>
  );
}

function NamespaceTab({ label, href, exists, selected }: { label: string; href: string; exists: boolean; selected: boolean }) {
  // A missing page's tab is a red link to create it, as on MediaWiki.
  const target = exists ? href : `${href}?action=edit`;
  return (
    <li className={selected ? 'selected' : undefined}>
      <Link href={target} className={exists ? undefined : 'new'} title={exists ? undefined : `${label} (page does not exist)`}>
        {label}
      </Link>
    </li>
  );
}
