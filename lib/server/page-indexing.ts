import 'server-only';
import type { Metadata } from 'next';
import { pageRowState } from '@/lib/server/article-page';
import { getRedirectTarget } from '@/lib/server/redirects';
import { historyFeedHref, recentChangesFeedHref } from '@/lib/domain/atom';
import { canonicalUrl, indexingPolicy, viewKindOf, type PageView } from '@/lib/domain/page-indexing';
import { configuredOrigin } from '@/lib/domain/http-security';
import { first, type SearchParams } from '@/lib/domain/query-params';
import type { ParsedTitle } from '@/lib/domain/titles';

/**
 * Which view (lib/domain/page-indexing.ts) a /wiki/ request shows. Reading needs to know whether
 * the page exists: pageRowState shares the article's per-request read, so this costs no query of
 * its own. Only a view that may show a redirect as itself (?redirect=no, or ?rdfrom= after a
 * redirect was followed, where a second redirect is shown rather than followed) looks one up.
 * `specialTitle` is the special page's canonical title when the title names one.
 */
export async function loadPageView(title: ParsedTitle, query: SearchParams, specialTitle: ParsedTitle | null): Promise<PageView> {
  const kind = viewKindOf(title, query);
  if (kind === 'special') return { kind, title: specialTitle ?? title };
  if (kind !== 'read') return { kind, title };
  if ((await pageRowState(title)) !== 'live') return { kind, title, state: 'missing' };
  if (first(query.redirect) === 'no' || first(query.rdfrom) !== undefined) {
    const redirect = await getRedirectTarget(title);
    if (redirect) return { kind: 'redirect-page', title, target: redirect.target };
  }
  return { kind, title, state: 'live' };
}

export interface FeedTitles {
  recentChanges: string;
  history: string;
}

/** The Atom feed links every page offers: the wiki's recent changes (app/layout.tsx adds it elsewhere). */
export function recentChangesFeedLink(title: string): { url: string; title: string } {
  return { url: recentChangesFeedHref(), title };
}

/**
 * The robots meta, the canonical link and the feed links of a view. Next.js replaces the layout's
 * `alternates` with a page's, so the recent-changes feed is repeated here; a page's history feed
 * is offered where the page is read and on its history.
 */
export function indexingMetadata(view: PageView, feeds: FeedTitles): Pick<Metadata, 'robots' | 'alternates'> {
  const policy = indexingPolicy(view);
  const links = [recentChangesFeedLink(feeds.recentChanges)];
  const hasHistoryFeed = (view.kind === 'read' && view.state === 'live') || view.kind === 'history';
  if (hasHistoryFeed) links.push({ url: historyFeedHref(view.title), title: feeds.history });
  return {
    robots: policy.robots,
    alternates: {
      canonical: canonicalUrl(policy.canonicalPath, configuredOrigin(process.env)),
      types: { 'application/atom+xml': links },
    },
  };
}
