import 'server-only';
import { getActor } from '@/lib/server/session';
import { getPreferences } from '@/lib/server/preferences';
import { countWatchedTitles, getWatchlistChanges, type WatchlistRow } from '@/lib/server/watchlist';
import { can, type Decision } from '@/lib/domain/policy';
import { first, pagingOrError, type SearchParams } from '@/lib/domain/query-params';
import { DEFAULT_LIMIT, listHref, RECENT_CHANGES_LIMIT_CHOICES } from '@/lib/domain/history';
import { listNavigation, type ListNavigationModel } from '@/lib/domain/list-navigation';
import { WATCHLIST_DAY_CHOICES, type WatchlistDays } from '@/lib/domain/preferences';
import { isAppError } from '@/lib/domain/errors';
import { WATCHLIST_FILTER_PARAMS, watchlistOptions, type WatchlistFilterParam } from '@/lib/domain/watchlist';

export const WATCHLIST_PATH = '/wiki/Special:Watchlist';

export type WatchlistScreen =
  | { kind: 'denied'; decision: Extract<Decision, { allowed: false }> }
  | { kind: 'bad-request'; message: string; retryHref: string }
  | {
      kind: 'watchlist';
      /** Titles watched (subject pages; their talk pages come with them). */
      watchedCount: number;
      days: WatchlistDays;
      dayChoices: readonly WatchlistDays[];
      filters: { param: WatchlistFilterParam; checked: boolean }[];
      /** The limit to keep in the filter form, null when it is the default. */
      customLimit: number | null;
      navigation: ListNavigationModel;
      rows: WatchlistRow[];
      /** Revision ids of the rows made since the viewer's last visit to their page. */
      unseen: number[];
    };

/**
 * /wiki/Special:Watchlist: changes to the pages the viewer watches, newest first, grouped by day
 * like recent changes. `days` (1, 3, 7, 14, 30) and the flags `hideminor`, `hidemyself`, `extended`
 * (every change rather than each page's latest) default to the viewer's preferences, `hidebots` to
 * off (MediaWiki's watchlisthidebots); an explicit
 * "0" turns a preference off for this view. Keyset paging with `older` / `newer`, as recent changes.
 */
export async function loadWatchlistScreen(query: SearchParams): Promise<WatchlistScreen> {
  const actor = await getActor();
  const decision = can(actor, 'viewmywatchlist');
  if (!decision.allowed) return { kind: 'denied', decision };
  const { paging, error } = pagingOrError(query);
  if (!paging) return { kind: 'bad-request', message: error, retryHref: WATCHLIST_PATH };
  const preferences = await getPreferences(actor.userId!);
  let options;
  try {
    options = watchlistOptions(
      {
        days: first(query.days),
        hideminor: first(query.hideminor),
        hidemyself: first(query.hidemyself),
        extended: first(query.extended),
        hidebots: first(query.hidebots),
      },
      preferences,
    );
  } catch (problem) {
    if (isAppError(problem) && problem.code === 'VALIDATION') return { kind: 'bad-request', message: problem.message, retryHref: WATCHLIST_PATH };
    throw problem;
  }
  const [changes, watchedCount] = await Promise.all([getWatchlistChanges(actor, { ...options, ...paging }), countWatchedTitles(actor)]);

  // The paging links keep what this view was asked for, explicitly (a preference may change meanwhile).
  const extra: Record<string, string> = { days: String(options.days) };
  for (const [param, key] of Object.entries(WATCHLIST_FILTER_PARAMS) as [WatchlistFilterParam, keyof typeof options][]) {
    extra[param] = options[key] ? '1' : '0';
  }
  const href = (linkOptions: Parameters<typeof listHref>[1]) => listHref(WATCHLIST_PATH, { ...linkOptions, extra });
  return {
    kind: 'watchlist',
    watchedCount,
    days: options.days,
    dayChoices: WATCHLIST_DAY_CHOICES,
    filters: (Object.entries(WATCHLIST_FILTER_PARAMS) as [WatchlistFilterParam, keyof typeof options][]).map(([param, key]) => ({
      param,
      checked: options[key] === true,
    })),
    customLimit: paging.limit === DEFAULT_LIMIT ? null : paging.limit,
    navigation: listNavigation(href, paging, changes, RECENT_CHANGES_LIMIT_CHOICES),
    rows: changes.rows,
    unseen: changes.rows.filter((row) => row.unseen).map((row) => row.revisionId),
  };
}
