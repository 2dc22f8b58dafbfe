import 'server-only';
import { findCaseVariant } from '@/lib/server/pages';
import { canonicalDestination } from '@/lib/server/redirects';
import { loadArticleScreen, type ArticleScreen } from '@/lib/server/screens/article';
import { loadMainPageStats, type MainPageStatsScreen } from '@/lib/server/screens/main-page';
import { MAIN_PAGE } from '@/lib/domain/page-cache';
import { queryStringOf, type SearchParams } from '@/lib/domain/query-params';
import { NS, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/**
 * Where an address that was not the title's canonical one (proxy.ts flags it) belongs: the
 * canonical path of the title (a special page's own), with the same query.
 */
export async function canonicalAddress(title: ParsedTitle, query: SearchParams): Promise<string> {
  const destination = title.namespace === NS.SPECIAL ? title : await canonicalDestination(title);
  return `${titleToUrlPath(destination)}${queryStringOf(query)}`;
}

export type ReadScreen =
  /** The page (or its redirect), with the statistics shown under the Main Page (null elsewhere). */
  | { kind: 'page'; article: ArticleScreen; mainPageStats: MainPageStatsScreen | null }
  /** No such page; `caseVariant` is the address of one that differs only in case ("Main page" → "Main_Page"). */
  | { kind: 'missing'; caseVariant: string | null };

/** /wiki/<Title> without an action or a revision: reading the page (see loadArticleScreen). */
export async function loadReadScreen(title: ParsedTitle, query: SearchParams): Promise<ReadScreen> {
  const article = await loadArticleScreen(title, query);
  if (!article) {
    const variant = await findCaseVariant(title);
    return { kind: 'missing', caseVariant: variant ? titleToUrlPath(variant) : null };
  }
  // A redirect that is followed shows nothing here, so it needs no statistics.
  const isMainPage = article.kind !== 'follow' && title.prefixedDbKey === MAIN_PAGE.prefixedDbKey;
  return { kind: 'page', article, mainPageStats: isMainPage ? await loadMainPageStats() : null };
}
