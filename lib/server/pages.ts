import 'server-only';
import { getDb } from '@/lib/server/db';
import { makeParsedTitle, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { isTalkNamespace, subjectTabLabel, subjectTitleOf, talkTitleOf, type DiscussionTabs } from '@/lib/domain/talk';

// The article read model lives with the rest of the view's one-query read.
export { getArticle } from '@/lib/server/article-page';

/**
 * The one existing page whose title differs from `title` only in letter case, if there is exactly
 * one: "/wiki/ecpat" should reach "ECPAT" as on Fandom, although MediaWiki titles are
 * case-sensitive after the first letter. Only consulted for missing pages.
 */
export async function findCaseVariant(title: ParsedTitle): Promise<ParsedTitle | null> {
  const rows = await getDb().$queryRaw<{ title: string }[]>`
    SELECT title FROM pages
    WHERE namespace = ${title.namespace} AND lower(title) = lower(${title.dbKey}) AND title <> ${title.dbKey}
      AND latest_revision_id IS NOT NULL
    LIMIT 2`;
  return rows.length === 1 ? makeParsedTitle(title.namespace, rows[0]!.title) : null;
}

/** The latest text of a page for the edit form, with the revision it is based on. */
export async function getEditableSource(title: ParsedTitle): Promise<{ pageId: number; revisionId: number; text: string } | null> {
  const page = await getDb().page.findUnique({
    where: { namespace_title: { namespace: title.namespace, title: title.dbKey } },
    select: { id: true, latestRevision: { select: { id: true, content: { select: { text: true } } } } },
  });
  if (!page?.latestRevision) return null;
  return { pageId: page.id, revisionId: page.latestRevision.id, text: page.latestRevision.content.text };
}

/** Whether a page exists at the title (for "new" links such as a missing talk page's tab); a deleted page does not. */
export async function pageExists(title: ParsedTitle): Promise<boolean> {
  const page = await getDb().page.findUnique({
    where: { namespace_title: { namespace: title.namespace, title: title.dbKey } },
    select: { latestRevisionId: true },
  });
  return page !== null && page.latestRevisionId !== null;
}

/** The Article / Discussion tabs of a page: where each points and whether it exists. Null for special pages. */
export async function discussionTabsFor(title: ParsedTitle): Promise<DiscussionTabs | null> {
  const talk = talkTitleOf(title);
  if (talk === null) return null;
  const subject = subjectTitleOf(title);
  const [subjectExists, talkExists] = await Promise.all([pageExists(subject), pageExists(talk)]);
  return {
    subject: { label: subjectTabLabel(subject.namespace), href: titleToUrlPath(subject), exists: subjectExists },
    talk: { href: titleToUrlPath(talk), exists: talkExists },
    current: isTalkNamespace(title.namespace) ? 'talk' : 'subject',
  };
}
