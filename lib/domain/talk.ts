/**
 * Subject and talk namespaces, as MediaWiki's NamespaceInfo: every namespace from 0 up comes in
 * pairs, the even one for subject pages and the odd one for their discussion ("Talk:", "User talk:").
 *
 * Pure: no I/O.
 */
import { makeParsedTitle, NS, type Namespace, type ParsedTitle } from '@/lib/domain/titles';

export function isTalkNamespace(namespace: number): boolean {
  return namespace > 0 && namespace % 2 === 1;
}

/** The talk page of a page (a talk page is its own talk page); null for special pages. */
export function talkTitleOf(title: ParsedTitle): ParsedTitle | null {
  if (title.namespace === NS.SPECIAL) return null;
  if (isTalkNamespace(title.namespace)) return title;
  return makeParsedTitle((title.namespace + 1) as Namespace, title.dbKey);
}

/** The subject page a talk page belongs to (a subject page is its own subject). */
export function subjectTitleOf(title: ParsedTitle): ParsedTitle {
  if (isTalkNamespace(title.namespace)) return makeParsedTitle((title.namespace - 1) as Namespace, title.dbKey);
  return title;
}

/** The label of a subject page's tab: MediaWiki says "Article" in main, "User page", "Category" elsewhere. */
export function subjectTabLabel(namespace: number): string {
  const subject = isTalkNamespace(namespace) ? namespace - 1 : namespace;
  if (subject === NS.USER) return 'User page';
  if (subject === NS.CATEGORY) return 'Category';
  return 'Article';
}

/** The namespace tabs (MediaWiki's "namespaces" menu): the subject page and its discussion. */
export interface DiscussionTabs {
  subject: { label: string; href: string; exists: boolean };
  talk: { href: string; exists: boolean };
  /** Which of the two pages is being looked at. */
  current: 'subject' | 'talk';
}
