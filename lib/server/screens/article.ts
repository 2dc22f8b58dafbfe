import 'server-only';
import { getActor } from '@/lib/server/session';
import { readArticlePage, readPageTabs, type PageTabsData } from '@/lib/server/article-page';
import { visitTalkPage } from '@/lib/server/notifications/viewer';
import { categoryMembers, clampOffset } from '@/lib/server/links';
import { digitsParam, first, type SearchParams } from '@/lib/domain/query-params';
import { encodeTitleForUrl, titleToUrlPath, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import type { ViewDecision } from '@/lib/domain/redirects';
import { noRedirectHref } from '@/lib/domain/wiki-hrefs';
import type { PageAccess } from '@/lib/domain/protection';
import type { DiscussionTabs } from '@/lib/domain/talk';
import type { ArticleView } from '@/lib/domain/wiki';

/** "(Redirected from Old title)", linking to the redirect itself (?redirect=no). */
interface RedirectedFrom {
  text: string;
  href: string;
}

interface Around {
  redirectedFrom: RedirectedFrom | undefined;
  discussion: DiscussionTabs | null;
  access: PageAccess;
}

export type ArticleScreen =
  /** A redirect, followed once: to its target with ?rdfrom=<this page>. */
  | { kind: 'follow'; href: string }
  /** ?redirect=no, double redirects and loops show the redirect page itself. */
  | (Around & {
      kind: 'redirect-page';
      target: { text: string; href: string };
      warning: Extract<ViewDecision, { kind: 'redirect-page' }>['warning'];
    })
  | (Around & { kind: 'article'; article: ArticleView; notice: 'merged' | 'protected' | undefined });

/**
 * Reading a page, with MediaWiki's redirect handling: a redirect is followed once to
 * /wiki/Target?rdfrom=Source (shown there as "(Redirected from Source)"); ?redirect=no, double
 * redirects and loops show the redirect page itself. Null when the page does not exist.
 */
export async function loadArticleScreen(title: ParsedTitle, query: SearchParams): Promise<ArticleScreen | null> {
  const rdfrom = first(query.rdfrom);
  const parsedFrom = rdfrom ? tryParseTitle(rdfrom) : null;
  const redirectedFromTitle = parsedFrom?.ok ? parsedFrom.title : null;
  const [page] = await Promise.all([
    readArticlePage(title, getActor(), { noRedirect: first(query.redirect) === 'no', redirectedFrom: redirectedFromTitle }),
    // Reading one's own user talk page reads its messages (the header, rendered alongside, shares this per request).
    getActor().then((actor) => visitTalkPage(actor, title)),
  ]);
  if (!page) return null;
  if (page.kind === 'follow') {
    const fragment = page.fragment ? `#${encodeURIComponent(page.fragment.replaceAll(' ', '_'))}` : '';
    return { kind: 'follow', href: `${titleToUrlPath(page.target)}?rdfrom=${encodeTitleForUrl(title.prefixedDbKey)}${fragment}` };
  }
  const { decision, article, discussion, access } = page;
  const redirectedFrom = redirectedFromTitle ? { text: redirectedFromTitle.prefixedText, href: noRedirectHref(redirectedFromTitle) } : undefined;
  if (decision.kind === 'redirect-page') {
    return {
      kind: 'redirect-page',
      target: { text: decision.target.prefixedText + (decision.fragment ? `#${decision.fragment}` : ''), href: titleToUrlPath(decision.target) },
      warning: decision.warning,
      redirectedFrom,
      discussion,
      access,
    };
  }
  const postedit = first(query.postedit);
  const notice = postedit === 'merged' || postedit === 'protected' ? postedit : undefined;
  return { kind: 'article', article, notice, redirectedFrom, discussion, access };
}

const MEMBERS_PER_PAGE = 200;

export type CategoryScreen = {
  members: { href: string; text: string; sortKey: string }[];
  previousHref: string | null;
  nextHref: string | null;
} &
  /** The category page's own text (it brings its own tabs)… */
  (
    | { article: ArticleScreen; tabs: null }
    /** …or, for a category without a page of its own, the tabs of the missing page. */
    | { article: null; tabs: PageTabsData }
  );

/**
 * /wiki/Category:Name: the category page's own text (an ordinary, editable page) and one page of
 * its members (`?offset=`), 200 at a time.
 */
export async function loadCategoryScreen(title: ParsedTitle, query: SearchParams): Promise<CategoryScreen> {
  const offset = clampOffset(digitsParam(query.offset, 9) ?? 0);
  const [article, members] = await Promise.all([loadArticleScreen(title, query), categoryMembers(title.dbKey, { limit: MEMBERS_PER_PAGE, offset })]);
  const path = titleToUrlPath(title);
  const page = article ? { article, tabs: null } : { article: null, tabs: await readPageTabs(title, getActor()) };
  return {
    ...page,
    members: members.items.map((member) => ({ href: titleToUrlPath(member.title), text: member.title.prefixedText, sortKey: member.sortKey })),
    previousHref: offset > 0 ? `${path}?offset=${Math.max(0, offset - MEMBERS_PER_PAGE)}` : null,
    nextHref: members.hasMore ? `${path}?offset=${offset + MEMBERS_PER_PAGE}` : null,
  };
}
