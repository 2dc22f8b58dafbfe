import type { HistoryLinkOptions } from '@/lib/domain/history';
import type { Paging } from '@/lib/domain/query-params';

/** The links of a keyset-paged list (history, recent changes, contributions, log), as ListNavigation shows them. */
export interface ListNavigationModel {
  limit: number;
  /** Link to the next newer page, or null on the newest page. */
  newerHref: string | null;
  /** Link to the next older page, or null on the oldest page. */
  olderHref: string | null;
  /** Link to the newest page. */
  newestHref: string;
  /** The request had no cursor: "newest" is then plain text. */
  firstPage: boolean;
  /** Page-size choices and their links. */
  limits: { limit: number; href: string }[];
}

/**
 * The pager of one page of a list. `href` builds the list's address with the filters it keeps;
 * `keepCursor` keeps the current position when the page size changes (the history page does).
 */
export function listNavigation(
  href: (options: HistoryLinkOptions) => string,
  paging: Paging,
  page: { newer: number | null; older: number | null },
  choices: readonly number[],
  keepCursor = false,
): ListNavigationModel {
  const { limit } = paging;
  const cursor = keepCursor ? { older: paging.olderThan, newer: paging.newerThan } : {};
  return {
    limit,
    newestHref: href({ limit }),
    firstPage: paging.olderThan === undefined && paging.newerThan === undefined,
    newerHref: page.newer === null ? null : href({ limit, newer: page.newer }),
    olderHref: page.older === null ? null : href({ limit, older: page.older }),
    limits: choices.map((choice) => ({ limit: choice, href: href({ ...cursor, limit: choice }) })),
  };
}
