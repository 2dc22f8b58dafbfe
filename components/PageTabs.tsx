import Link from '@/components/Link';
import { ProtectionLock } from '@/components/ProtectionLock';
import { useTranslations } from 'next-intl';
import type { DiscussionTabs } from '@/lib/domain/talk';
import type { PageAccess } from '@/lib/domain/protection';
import { WatchStar, type WatchAction } from '@/components/watchlist/WatchStar';
import { StarMessages } from '@/components/watchlist/StarMessages';

export type { DiscussionTabs, PageAccess };

/**
 * lib/domain/talk names the subject tab in English ("Article", "User page", "Category"); these
 * are its catalog keys. A label not listed here is shown as given.
 */
const SUBJECT_LABEL_KEYS = { Article: 'article', 'User page': 'userPage', Category: 'category' } as const;

/**
 * The Article / Discussion tabs, then Read / Edit / View history (MediaWiki's "views"), Move for
 * those who may move the page, the administrators' Protect and Delete, and the lock of a protected
 * page. As on MediaWiki, a viewer who may not edit gets "View source" instead of Edit, and is not
 * shown actions they cannot take. A page that does not exist has only "Create" (or "View source").
 * Without `access` nothing is known about the viewer: Edit is offered, nothing else.
 */
export function PageTabs({
  path,
  current,
  discussion,
  access,
  exists = true,
  watchAction,
}: {
  path: string;
  /** The selected view: history on the history, read on the article, a diff or an old revision. */
  current: 'read' | 'edit' | 'history' | 'protect';
  discussion?: DiscussionTabs;
  access?: PageAccess;
  exists?: boolean;
  /** The watch star's Server Action (app/actions/watchlist.ts): the star shows when it and `access.watch` are given. */
  watchAction?: WatchAction;
}) {
  const t = useTranslations('common.tabs');
  const mayEdit = access?.mayEdit ?? true;
  // MediaWiki's wording: someone who may not edit can still read the source.
  const editLabel = !mayEdit ? t('viewSource') : exists ? t('edit') : t('create');
  const tabs = [
    ...(exists ? [{ key: 'read', label: t('read'), href: path }] : []),
    { key: 'edit', label: editLabel, href: `${path}?action=edit` },
    ...(exists ? [{ key: 'history', label: t('viewHistory'), href: `${path}?action=history` }] : []),
  ];
  const subjectLabel =
    discussion &&
    (Object.hasOwn(SUBJECT_LABEL_KEYS, discussion.subject.label)
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
        {discussion?.current === 'talk' && mayEdit && (
          <li>
            <Link href={`${path}?action=edit&section=new`}>{t('addTopic')}</Link>
          </li>
        )}
        {exists && access?.mayMove && (
          <li>
            <Link href={`/wiki/Special:MovePage/${path.slice('/wiki/'.length)}`}>{t('move')}</Link>
          </li>
        )}
        {exists && access?.mayProtect && (
          <li className={current === 'protect' ? 'selected' : undefined}>
            <Link href={`${path}?action=protect`} aria-current={current === 'protect' ? 'page' : undefined}>
              {access.lock ? t('changeProtection') : t('protect')}
            </Link>
          </li>
        )}
        {exists && access?.mayDelete && (
          <li>
            <Link href={`${path}?action=delete`}>{t('delete')}</Link>
          </li>
        )}
        {access?.watch && watchAction && (
          <StarMessages>
            <WatchStar
              title={decodeURIComponent(path.slice('/wiki/'.length)).replaceAll('_', ' ')}
              initial={{ watched: access.watch.watched, expiresAt: access.watch.expiresAt?.toISOString() ?? null, error: null }}
              action={watchAction}
            />
          </StarMessages>
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
