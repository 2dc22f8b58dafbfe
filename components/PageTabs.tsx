import Link from 'next/link';
import { ProtectionLock } from '@/components/ProtectionLock';
import { useTranslations } from 'next-intl';
import type { DiscussionTabs } from '@/lib/domain/talk';
import type { PageAccess } from '@/lib/domain/protection';

export type { DiscussionTabs, PageAccess };

/**
 * lib/domain/talk names the subject tab in English ("Article", "User page", "Category"); these
 * are its catalog keys. A label not listed here is shown as given.
 */
const SUBJECT_LABEL_KEYS = { Article: 'article', 'User page': 'userPage', Category: 'category' } as const;

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
  const t = useTranslations('common.tabs');
  const tabs = [
    { key: 'read', label: t('read'), href: path },
    // MediaWiki's wording: someone who may not edit can still read the source.
    { key: 'edit', label: access && !access.mayEdit ? t('viewSource') : t('edit'), href: `${path}?action=edit` },
    { key: 'history', label: t('viewHistory'), href: `${path}?action=history` },
  ] as const;
  const subjectLabel = discussion && (Object.hasOwn(SUBJECT_LABEL_KEYS, discussion.subject.label)
    ? t(SUBJECT_LABEL_KEYS[discussion.subject.label as keyof typeof SUBJECT_LABEL_KEYS])
    : discussion.subject.label);
  return (
    <nav aria-label={t('pageActions')} className="page-tabs">
      {access?.lock && <ProtectionLock lock={access.lock} />}
      {discussion && subjectLabel && (
        <ul className="namespace-tabs" aria-label={t('namespaces')}>
          <NamespaceTab label={subjectLabel} href={discussion.subject.href} exists={discussion.subject.exists} selected={discussion.current === 'subject'} />
          <NamespaceTab label={t('discussion')} href={discussion.talk.href} exists={discussion.talk.exists} selected={discussion.current === 'talk'} />
        </ul>
      )}
      <ul className="view-tabs">
        {tabs.map((tab) => (
          <li key={tab.key} className={tab.key === current ? 'selected' : undefined}>
            <Link href={tab.href} aria-current={tab.key === current ? 'page' : undefined}>
              {tab.label}
            </Link>
          </li>
        ))}
        {discussion?.current === 'talk' && (
          <li>
            <Link href={`${path}?action=edit&section=new`}>{t('addTopic')}</Link>
          </li>
        )}
        {discussion && (discussion.current === 'talk' ? discussion.talk.exists : discussion.subject.exists) && (
          <li>
            <Link href={`/wiki/Special:MovePage/${path.slice('/wiki/'.length)}`}>{t('move')}</Link>
          </li>
        )}
        {access?.mayProtect && (
          <li className={current === 'protect' ? 'selected' : undefined}>
            <Link href={`${path}?action=protect`} aria-current={current === 'protect' ? 'page' : undefined}>
              {access.lock ? t('changeProtection') : t('protect')}
            </Link>
          </li>
        )}
        {access?.mayDelete && (
          <li>
            <Link href={`${path}?action=delete`}>{t('delete')}</Link>
          </li>
        )}
      </ul>
    </nav>
  );
}

function NamespaceTab({ label, href, exists, selected }: { label: string; href: string; exists: boolean; selected: boolean }) {
  const t = useTranslations('common.tabs');
  // A missing page's tab is a red link to create it, as on MediaWiki.
  const target = exists ? href : `${href}?action=edit`;
  return (
    <li className={selected ? 'selected' : undefined}>
      <Link href={target} className={exists ? undefined : 'new'} title={exists ? undefined : t('missing', { label })}>
        {label}
      </Link>
    </li>
  );
}
