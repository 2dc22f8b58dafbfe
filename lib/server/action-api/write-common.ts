import 'server-only';
import { ApiError, quotedValue } from '@/lib/domain/action-api/errors';
import type { ApiParams } from '@/lib/domain/action-api/params';
import { assertCan, type Actor, type PageContext } from '@/lib/domain/policy';
import { isKnownNamespace, makeParsedTitle, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { WATCH_EXPIRY_CHOICES, type WatchExpiry } from '@/lib/domain/watchlist';
import { getDb } from '@/lib/server/db';
import { policySettings } from '@/lib/server/settings';
import { getWatchState, unwatchPage, watchPage } from '@/lib/server/watchlist';

/*
 * What api.php's write modules share: the page a request names (title or pageid, as MediaWiki's
 * getTitleOrPageId), the apiwrite right every API write needs, and the `watchlist` parameter.
 */

/** A title as MediaWiki's API refuses a bad one: `invalidtitle`, "Bad title". */
export function apiTitle(raw: string): ParsedTitle {
  const parsed = tryParseTitle(raw);
  if (!parsed.ok) throw new ApiError('invalidtitle', `Bad title "${quotedValue(raw)}". ${parsed.reason}`, { data: { title: raw } });
  return parsed.title;
}

/** The page whose id a request gives; `nosuchpageid` when there is none (a deleted page has none either). */
export async function titleOfPageId(pageId: number): Promise<ParsedTitle> {
  const page = await getDb().page.findUnique({ where: { id: pageId }, select: { namespace: true, title: true, latestRevisionId: true } });
  if (!page || page.latestRevisionId === null || !isKnownNamespace(page.namespace)) throw new ApiError('nosuchpageid', `There is no page with ID ${pageId}.`);
  return makeParsedTitle(page.namespace, page.title);
}

/** MediaWiki's getTitleOrPageId: exactly one of `titleName` and `idName`. */
export async function titleOrPageId(params: ApiParams, titleName = 'title', idName = 'pageid'): Promise<ParsedTitle> {
  const given = params.exactlyOne(titleName, idName);
  if (given === titleName) return apiTitle(params.requiredString(titleName));
  const id = params.integer(idName, { min: 1 });
  if (id === undefined) throw new ApiError('missingparam', `The "${idName}" parameter must be set.`);
  return titleOfPageId(id);
}

/**
 * MediaWiki's writeapi: writing through an API needs an account (and, for a bot password, a grant
 * that includes it), even where anonymous editing is on. The action's own right is checked by the
 * domain function the module calls.
 */
export function assertApiWrite(actor: Actor, page: PageContext | null = null): void {
  assertCan(actor, 'apiwrite', page, policySettings());
}

export type WatchlistChoice = 'watch' | 'unwatch' | 'preferences' | 'nochange';

export interface WatchlistRequest {
  choice: WatchlistChoice;
  expiry: WatchExpiry;
}

const INDEFINITE = new Set(['infinite', 'infinity', 'indefinite', 'never']);

/** A watch expiry as this wiki offers them (MediaWiki's $wgWatchlistExpiryMaxDuration choices). */
export function watchExpiryParam(params: ApiParams, name: string): WatchExpiry {
  const raw = params.string(name)?.trim().toLowerCase();
  if (raw === undefined || raw === '' || INDEFINITE.has(raw)) return 'infinite';
  const normalized = raw.replace(/^(\d+)\s*(week|month)$/u, '$1 $2s').replace(/^1 (week|month)s$/u, '1 $1');
  if ((WATCH_EXPIRY_CHOICES as readonly string[]).includes(normalized)) return normalized as WatchExpiry;
  throw new ApiError(
    'invalidexpiry',
    `Invalid expiry time "${quotedValue(raw)}". This wiki watches pages for ${WATCH_EXPIRY_CHOICES.map((choice) => `"${choice}"`).join(', ')}.`,
  );
}

/** The `watchlist` and `watchlistexpiry` parameters of edit, move, upload… (default: preferences). */
export function watchlistParams(params: ApiParams): WatchlistRequest {
  const choice = params.choice<WatchlistChoice>('watchlist', ['watch', 'unwatch', 'preferences', 'nochange'], 'preferences')!;
  return { choice, expiry: watchExpiryParam(params, 'watchlistexpiry') };
}

/**
 * The watch state before a write, for `nochange`: the write itself may watch the page (the
 * author's preferences, lib/server/watchlist.ts autoWatch), which `nochange` takes back.
 */
export async function watchStateBefore(actor: Actor, request: WatchlistRequest, titles: readonly ParsedTitle[]): Promise<boolean[] | null> {
  if (request.choice !== 'nochange' || actor.userId === null) return null;
  return Promise.all(titles.map(async (title) => (await getWatchState(actor.userId!, title)).watched));
}

/**
 * Applies `watchlist` after a write. Returns whether the page is watched now, or undefined for an
 * anonymous caller (who has no watchlist).
 */
export async function applyWatchlist(actor: Actor, request: WatchlistRequest, titles: readonly ParsedTitle[], before: boolean[] | null): Promise<boolean | undefined> {
  if (actor.userId === null || titles.length === 0) return undefined;
  if (request.choice === 'watch') {
    for (const title of titles) await watchPage(actor, title, request.expiry);
  } else if (request.choice === 'unwatch') {
    for (const title of titles) await unwatchPage(actor, title);
  } else if (request.choice === 'nochange' && before) {
    for (const [index, title] of titles.entries()) {
      if (before[index] === false && (await getWatchState(actor.userId, title)).watched) await unwatchPage(actor, title);
    }
  }
  return (await getWatchState(actor.userId, titles[0]!)).watched;
}
