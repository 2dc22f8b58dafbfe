import { getTranslations } from 'next-intl/server';
import { PermissionNotice } from '@/components/PermissionNotice';
import { PageTabs } from '@/components/PageTabs';
import { submitWatch } from '@/app/actions/watchlist';
import { AddTopicForm } from '@/components/LazyForms';
import { KeepEarlyTyping } from '@/components/KeepEarlyTyping';
import { submitNewTopic } from '@/app/actions/talk';
import { loadAddTopicScreen } from '@/lib/server/screens/add-topic';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/** ?action=edit&section=new: MediaWiki's "Add topic" form for a new discussion section. */
export async function AddTopicView({ title }: { title: ParsedTitle }) {
  const [screen, t] = await Promise.all([loadAddTopicScreen(title), getTranslations('edit.addTopic')]);
  const path = titleToUrlPath(title);
  const heading = t('heading', { title: title.prefixedText });
  if (screen.kind === 'denied') {
    const returnTo = `${path}?action=edit&section=new`;
    return (
      <article className="article">
        <h1 className="article-title">{heading}</h1>
        <PermissionNotice decision={screen.decision} returnTo={returnTo} />
      </article>
    );
  }
  const { tabs } = screen;
  return (
    <article className="article">
      <PageTabs watchAction={submitWatch} path={path} current="edit" access={tabs.access} discussion={tabs.discussion ?? undefined} exists={tabs.exists} />
      <h1 className="article-title">{heading}</h1>
      <KeepEarlyTyping nonce={screen.nonce} />
      <AddTopicForm title={title.prefixedText} cancelHref={path} action={submitNewTopic} />
    </article>
  );
}
