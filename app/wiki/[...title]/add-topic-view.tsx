import { getTranslations } from 'next-intl/server';
import { PermissionNotice } from '@/components/PermissionNotice';
import { PageTabs } from '@/components/PageTabs';
import { AddTopicForm } from '@/components/AddTopicForm';
import { KeepEarlyTyping } from '@/components/KeepEarlyTyping';
import { submitNewTopic } from '@/app/actions/talk';
import { pageExists } from '@/lib/server/pages';
import { readPageTabs } from '@/lib/server/article-page';
import { getActor } from '@/lib/server/session';
import { pageContextForTitle } from '@/lib/server/protection';
import { policySettings } from '@/lib/server/settings';
import { can } from '@/lib/domain/policy';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/** ?action=edit&section=new: MediaWiki's "Add topic" form for a new discussion section. */
export async function AddTopicView({ title }: { title: ParsedTitle }) {
  const actor = getActor();
  const [exists, tabs, page, t] = await Promise.all([
    pageExists(title),
    readPageTabs(title, actor),
    pageContextForTitle(title),
    getTranslations('edit.addTopic'),
  ]);
  const path = titleToUrlPath(title);
  const decision = can(await actor, exists ? 'edit' : 'create', page, policySettings());
  const heading = t('heading', { title: title.prefixedText });
  if (!decision.allowed) {
    const returnTo = `${path}?action=edit&section=new`;
    return (
      <article className="article">
        <h1 className="article-title">{heading}</h1>
        <PermissionNotice decision={decision} returnTo={returnTo} />
      </article>
    );
  }
  return (
    <article className="article">
      <PageTabs path={path} current="edit" access={tabs.access} discussion={tabs.discussion ?? undefined} exists={tabs.exists} />
      <h1 className="article-title">{heading}</h1>
      <KeepEarlyTyping />
      <AddTopicForm title={title.prefixedText} cancelHref={path} action={submitNewTopic} />
    </article>
  );
}
