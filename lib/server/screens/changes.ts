import 'server-only';
import { getActor } from '@/lib/server/session';
import { findUserByName, getContributions, getRecentChanges } from '@/lib/server/history';
import { first, flag, pagingOrError, userNameParam, type SearchParams } from '@/lib/domain/query-params';
import { DEFAULT_LIMIT, HISTORY_LIMIT_CHOICES, RECENT_CHANGES_LIMIT_CHOICES, contributionsHref, listHref, type ChangeRow } from '@/lib/domain/history';
import { listNavigation, type ListNavigationModel } from '@/lib/domain/list-navigation';

export const RECENT_CHANGES_PATH = '/wiki/Special:RecentChanges';

/**
 * The filters of Special:RecentChanges, by their MediaWiki query parameter, and whether each is on
 * when the address does not say (MediaWiki hides bots unless hidebots=0).
 */
const RC_FILTERS = [
  { param: 'hideminor', label: 'hideMinor', onByDefault: false },
  { param: 'hidemyself', label: 'hideMine', onByDefault: false },
  { param: 'hidebots', label: 'hideBots', onByDefault: true },
  { param: 'hidepageedits', label: 'onlyNew', onByDefault: false },
] as const;

export type RecentChangesFilter = (typeof RC_FILTERS)[number]['param'];

export type RecentChangesScreen =
  | { kind: 'bad-request'; message: string; retryHref: string }
  | {
      kind: 'changes';
      /**
       * The filters the form offers ("Hide my edits" to signed-in readers only), checked when active.
       * `onByDefault`: the form sends "0" when it is unticked, since leaving it out means "on".
       */
      filters: { param: RecentChangesFilter; label: (typeof RC_FILTERS)[number]['label']; checked: boolean; onByDefault: boolean }[];
      limit: number;
      /** The limit to keep in the filter form, null when it is the default. */
      customLimit: number | null;
      /** The page-size links above the filters ("Show last 50 | 100 | …"). */
      limitLinks: { limit: number; href: string }[];
      navigation: ListNavigationModel;
      rows: ChangeRow[];
    };

/**
 * /wiki/Special:RecentChanges: the latest edits to every page, newest first. Filters are plain GET
 * parameters (`hideminor=1`, `hidemyself=1`, `hidepageedits=1`, and `hidebots=0` to show bots'
 * edits, which are hidden otherwise; as MediaWiki names them), set by a checkbox form that needs no JavaScript; `limit` 50/100/250/500; keyset cursors `older`/`newer`.
 */
export async function loadRecentChangesScreen(query: SearchParams): Promise<RecentChangesScreen> {
  const { paging, error } = pagingOrError(query);
  if (!paging) return { kind: 'bad-request', message: error, retryHref: RECENT_CHANGES_PATH };
  const actor = await getActor();
  const signedIn = actor.userId !== null;
  const active = {
    hideminor: flag(query.hideminor),
    hidemyself: signedIn && flag(query.hidemyself),
    hidepageedits: flag(query.hidepageedits),
    hidebots: query.hidebots === undefined || first(query.hidebots) === '' ? true : flag(query.hidebots),
  };
  // The paging links keep each filter that differs from its default.
  const extra: Record<string, string> = {};
  for (const { param, onByDefault } of RC_FILTERS) if (active[param] !== onByDefault) extra[param] = active[param] ? '1' : '0';

  const changes = await getRecentChanges(
    {
      ...paging,
      hideMinor: active.hideminor,
      hideUserId: active.hidemyself && actor.userId !== null ? actor.userId : undefined,
      onlyNew: active.hidepageedits,
      includeBots: !active.hidebots,
    },
    actor,
  );
  const href = (options: Parameters<typeof listHref>[1]) => listHref(RECENT_CHANGES_PATH, { ...options, extra });
  const { limit } = paging;
  return {
    kind: 'changes',
    filters: RC_FILTERS.filter(({ param }) => param !== 'hidemyself' || signedIn).map(({ param, label, onByDefault }) => ({
      param,
      label,
      checked: active[param],
      onByDefault,
    })),
    limit,
    customLimit: limit === DEFAULT_LIMIT ? null : limit,
    limitLinks: RECENT_CHANGES_LIMIT_CHOICES.map((choice) => ({ limit: choice, href: href({ limit: choice }) })),
    navigation: listNavigation(href, paging, changes, RECENT_CHANGES_LIMIT_CHOICES),
    rows: changes.rows,
  };
}

export type ContributionsScreen =
  | { kind: 'ask' }
  | { kind: 'unknown-user'; name: string }
  | { kind: 'bad-request'; userName: string; message: string; retryHref: string }
  | { kind: 'contributions'; userName: string; navigation: ListNavigationModel; rows: ChangeRow[] };

/**
 * /wiki/Special:Contributions/<User>: one user's edits, newest first, with "current" on revisions
 * that are still the latest of their page. Also reachable as ?target=<User>; without a user, a form.
 */
export async function loadContributionsScreen(query: SearchParams, target: string | null): Promise<ContributionsScreen> {
  const name = userNameParam(target, query.target);
  if (name === '') return { kind: 'ask' };
  const { paging, error } = pagingOrError(query);
  const user = await findUserByName(name);
  if (!user) return { kind: 'unknown-user', name };
  const basePath = contributionsHref(user.name);
  if (!paging) return { kind: 'bad-request', userName: user.name, message: error, retryHref: basePath };
  const contributions = await getContributions(user.id, paging, await getActor());
  return {
    kind: 'contributions',
    userName: user.name,
    navigation: listNavigation((options) => listHref(basePath, options), paging, contributions, HISTORY_LIMIT_CHOICES),
    rows: contributions.rows,
  };
}
