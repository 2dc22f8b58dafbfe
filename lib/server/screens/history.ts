import 'server-only';
import { getActor } from '@/lib/server/session';
import { getPageProtection } from '@/lib/server/protection';
import { readPageTabs, type PageTabsData } from '@/lib/server/article-page';
import { policySettings } from '@/lib/server/settings';
import { findHistoryPage, getPageHistory } from '@/lib/server/history';
import { thankableRevisionIds } from '@/lib/server/thanks';
import { can, type Actor } from '@/lib/domain/policy';
import { pageContext } from '@/lib/domain/protection';
import { flag, pagingOrError, type SearchParams } from '@/lib/domain/query-params';
import { DEFAULT_LIMIT, HISTORY_LIMIT_CHOICES, historyHref, type ChangeRow } from '@/lib/domain/history';
import { listNavigation, type ListNavigationModel } from '@/lib/domain/list-navigation';
import type { ParsedTitle } from '@/lib/domain/titles';

export type HistoryScreen =
  | { kind: 'not-found' }
  | { kind: 'bad-request'; message: string; retryHref: string }
  | {
      kind: 'history';
      tabs: PageTabsData;
      latestRevisionId: number;
      rows: ChangeRow[];
      minorOnly: boolean;
      /** The limit to keep in the filter form, null when it is the default. */
      customLimit: number | null;
      mayRollback: boolean;
      mayChangeVisibility: boolean;
      /** The rows that get "(thank)" for this viewer. */
      thankRevisionIds: number[];
      navigation: ListNavigationModel;
    };

/**
 * /wiki/<Title>?action=history: the revisions of a page, newest first, 50 at a time (`limit` up to
 * 500), paged with `older=<id>` / `newer=<id>` cursors (there is no `offset`).
 */
export async function loadHistoryScreen(title: ParsedTitle, query: SearchParams, viewer?: Actor): Promise<HistoryScreen> {
  const page = await findHistoryPage(title);
  if (!page) return { kind: 'not-found' };
  const { paging, error } = pagingOrError(query);
  if (!paging) return { kind: 'bad-request', message: error, retryHref: historyHref(title) };

  const minorOnly = flag(query.minoronly);
  const extra: Record<string, string> = minorOnly ? { minoronly: '1' } : {};
  const actor = viewer ?? (await getActor());
  const [history, protection, tabs] = await Promise.all([getPageHistory(page.id, { ...paging, minorOnly }, actor), getPageProtection(page.id), readPageTabs(title, actor)]);
  const { limit } = paging;
  const thankRevisionIds = await thankableRevisionIds(actor, history.rows);
  return {
    kind: 'history',
    tabs,
    latestRevisionId: page.latestRevisionId,
    rows: history.rows,
    minorOnly,
    customLimit: limit === DEFAULT_LIMIT ? null : limit,
    mayRollback: can(actor, 'rollback', pageContext(page.id, protection), policySettings()).allowed,
    mayChangeVisibility: can(actor, 'hiderevision', { id: page.id }, policySettings()).allowed,
    thankRevisionIds,
    navigation: listNavigation((options) => historyHref(title, { ...options, extra }), paging, history, HISTORY_LIMIT_CHOICES, true),
  };
}
