/**
 * Watchlists as MediaWiki has them (docs/watchlist.md): the rules, without I/O.
 *
 * - A watch is kept per SUBJECT title: watching "Talk:Foo" watches "Foo", and both pages' changes
 *   show. So every title is reduced to its subject before it is stored or looked up.
 * - A watch may expire (MediaWiki's watchlist expiry): 1 week, 1 month, 3 months or permanent.
 * - A change is "since your last visit" when someone else made it after the user last looked at the
 *   page (`seenAt`): MediaWiki's wl_notificationtimestamp, kept as the time of the visit instead, so
 *   a save never has to update its watchers' rows.
 *
 * Pure: no I/O.
 */
import { z } from 'zod';
import { AppError } from '@/lib/domain/errors';
import { errorMessage, zodIssue, type ErrorMessage } from '@/lib/domain/error-messages';
import { subjectTitleOf } from '@/lib/domain/talk';
import { isVirtualNamespace, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { DEFAULT_PREFERENCES, WATCHLIST_DAY_CHOICES, watchlistDaysInput, type Preferences, type WatchlistDays } from '@/lib/domain/preferences';

/** MediaWiki's $wgWatchlistExpiryOptions, as the issue lists them; `infinite` is MediaWiki's word for permanent. */
export const WATCH_EXPIRY_CHOICES = ['infinite', '1 week', '1 month', '3 months'] as const;
export type WatchExpiry = (typeof WATCH_EXPIRY_CHOICES)[number];

/** MediaWiki's $wgWatchlistExpiryMaxDuration is 1 year; a watchlist raw edit holds at most this many titles. */
export const MAX_WATCHLIST_TITLES = 10_000;

/** When a watch chosen at `now` ends (null: permanent). Months are calendar months, as MediaWiki's strtotime. */
export function watchExpiryDate(choice: WatchExpiry, now: Date = new Date()): Date | null {
  if (choice === 'infinite') return null;
  const end = new Date(now.getTime());
  if (choice === '1 week') end.setUTCDate(end.getUTCDate() + 7);
  else end.setUTCMonth(end.getUTCMonth() + (choice === '1 month' ? 1 : 3));
  return end;
}

/** Whole days left of a temporary watch, rounded up (MediaWiki's "N days left"); null for a permanent one. */
export function watchDaysLeft(expiresAt: Date | null, now: Date = new Date()): number | null {
  if (expiresAt === null) return null;
  return Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / 86_400_000));
}

/** The title a watch of `title` is stored under, or the reason it cannot be watched (special pages). */
export function watchedTitleOf(title: ParsedTitle): ParsedTitle {
  if (isVirtualNamespace(title.namespace)) {
    throw new AppError('VALIDATION', errorMessage('watchlist.notWatchable', { title: title.prefixedText }));
  }
  return subjectTitleOf(title);
}

export interface WatchState {
  watched: boolean;
  /** When a temporary watch ends; null when permanent or not watched. */
  expiresAt: Date | null;
}

export const NOT_WATCHED: WatchState = Object.freeze({ watched: false, expiresAt: null });

/** A stored row's state: an expired watch is no watch (it is removed later). */
export function watchStateOf(row: { expiresAt: Date | null } | null, now: Date = new Date()): WatchState {
  if (row === null || (row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime())) return NOT_WATCHED;
  return { watched: true, expiresAt: row.expiresAt };
}

const expiryInput = z.unknown().transform((value, ctx): WatchExpiry => {
  if (value === undefined || value === null || value === '') return 'infinite';
  if (typeof value === 'string' && (WATCH_EXPIRY_CHOICES as readonly string[]).includes(value)) return value as WatchExpiry;
  ctx.addIssue(zodIssue(errorMessage('watchlist.expiry'), ['expiry']));
  return z.NEVER;
});

const titleInput = z.unknown().transform((value, ctx): ParsedTitle => {
  const text = typeof value === 'string' ? value.trim() : '';
  const parsed = tryParseTitle(text);
  if (parsed.ok && !isVirtualNamespace(parsed.title.namespace)) return parsed.title;
  ctx.addIssue(zodIssue(errorMessage('watchlist.badTitle', { title: text }), ['title']));
  return z.NEVER;
});

/**
 * The watch star's form and ?action=watch / ?action=unwatch (the star without JavaScript):
 * `watch` "1" watches for `expiry`, "0" unwatches.
 */
export const watchFormSchema = z.object({
  title: titleInput,
  watch: z.unknown().transform((value) => value !== '0' && value !== false),
  expiry: expiryInput,
});

export type WatchInput = z.output<typeof watchFormSchema>;

/** Special:EditWatchlist: the ticked titles to remove (checkbox values are prefixed titles). */
export const removeTitlesSchema = z.object({
  titles: z.array(z.string()).transform((values, ctx) => {
    const titles: ParsedTitle[] = [];
    for (const value of values) {
      const parsed = tryParseTitle(value);
      if (parsed.ok && !isVirtualNamespace(parsed.title.namespace)) titles.push(subjectTitleOf(parsed.title));
    }
    if (titles.length === 0) ctx.addIssue(zodIssue(errorMessage('watchlist.nothingSelected'), ['titles']));
    return titles;
  }),
});

export interface RawWatchlist {
  /** Subject titles, each once, in the order first given. */
  titles: ParsedTitle[];
}

/**
 * Special:EditWatchlist/raw: one title per line, as MediaWiki. Blank lines are skipped; a talk
 * page's title stands for its subject; a line that is no title refuses the whole list with the line
 * numbers, so nothing typed is silently dropped.
 */
export function parseRawWatchlist(text: string): RawWatchlist {
  const lines = text.split(/\r\n|\r|\n/u);
  const seen = new Set<string>();
  const titles: ParsedTitle[] = [];
  const bad: number[] = [];
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const parsed = tryParseTitle(trimmed);
    if (!parsed.ok || isVirtualNamespace(parsed.title.namespace)) {
      bad.push(index + 1);
      return;
    }
    const subject = subjectTitleOf(parsed.title);
    if (seen.has(subject.prefixedDbKey)) return;
    seen.add(subject.prefixedDbKey);
    titles.push(subject);
  });
  if (bad.length > 0) {
    const shown = bad.length > 10 ? `${bad.slice(0, 10).join(', ')}, …` : bad.join(', ');
    throw rawListError(errorMessage('watchlist.rawBadLines', { count: bad.length, lines: shown }));
  }
  if (titles.length > MAX_WATCHLIST_TITLES) {
    throw rawListError(errorMessage('watchlist.rawTooMany', { count: titles.length, max: MAX_WATCHLIST_TITLES }));
  }
  return { titles };
}

/** A refused raw list: the message goes beside the text area, which keeps what was typed. */
function rawListError(message: ErrorMessage): AppError {
  return new AppError('VALIDATION', message, { fieldErrors: { titles: message } });
}

/** The raw list's text: one prefixed title per line, sorted as MediaWiki lists them (namespace, then title). */
export function rawWatchlistText(titles: readonly ParsedTitle[]): string {
  return [...titles]
    .sort(compareTitles)
    .map((title) => title.prefixedText)
    .join('\n');
}

export function compareTitles(a: ParsedTitle, b: ParsedTitle): number {
  return a.namespace - b.namespace || (a.dbKey < b.dbKey ? -1 : a.dbKey > b.dbKey ? 1 : 0);
}

/** Special:Watchlist's options (MediaWiki's parameter names), filled from the user's preferences where absent. */
export interface WatchlistOptions {
  days: WatchlistDays;
  hideMinor: boolean;
  hideOwn: boolean;
  /** Every change, not only each page's latest (MediaWiki's "extended" watchlist). */
  allChanges: boolean;
  /** Leave out bots' edits (MediaWiki's hidebots); absent: WATCHLIST_HIDE_BOTS_DEFAULT. */
  hideBots?: boolean;
}

/**
 * Bots' edits are left out of a watchlist unless `hidebots=0`, as from recent changes: a fan wiki's
 * maintenance bots touch many watched pages at once, and their edits would bury the people's.
 * (MediaWiki's own watchlisthidebots option defaults to 0; wikis with busy bots set it to 1.)
 */
export const WATCHLIST_HIDE_BOTS_DEFAULT = true;

export const WATCHLIST_FILTER_PARAMS = { hideminor: 'hideMinor', hidemyself: 'hideOwn', extended: 'allChanges', hidebots: 'hideBots' } as const;
export type WatchlistFilterParam = keyof typeof WATCHLIST_FILTER_PARAMS;

/**
 * The options a Special:Watchlist URL asks for: `days`, and the flags `hideminor`, `hidemyself`,
 * `extended`, `hidebots` as "1" or "0" (an explicit "0" overrides a preference that is on). Throws VALIDATION
 * (400) for a `days` that is not one of the choices, naming them.
 */
export function watchlistOptions(query: Readonly<Record<string, string | undefined>>, preferences: Preferences = DEFAULT_PREFERENCES): WatchlistOptions {
  const flag = (param: WatchlistFilterParam, fallback: boolean) => {
    const value = query[param];
    return value === undefined || value === '' ? fallback : value !== '0';
  };
  let days = preferences.watchlistDays;
  if (query.days !== undefined && query.days !== '') {
    const parsed = watchlistDaysInput.safeParse(query.days);
    if (!parsed.success) {
      const message = errorMessage('watchlist.days', { choices: WATCHLIST_DAY_CHOICES.join(', ') });
      throw new AppError('VALIDATION', message, { fieldErrors: { days: message } });
    }
    days = parsed.data;
  }
  return {
    days,
    hideMinor: flag('hideminor', preferences.watchlistHideMinor),
    hideOwn: flag('hidemyself', preferences.watchlistHideOwn),
    allChanges: flag('extended', preferences.watchlistAllChanges),
    hideBots: flag('hidebots', WATCHLIST_HIDE_BOTS_DEFAULT),
  };
}

/**
 * Whether a listed change is new to the viewer: made by someone else after their last visit to the
 * page. Their own edits are never news to them.
 */
export function isUnseenChange(change: { createdAt: Date; authorId: number | null }, seenAt: Date | null, viewerId: number): boolean {
  if (seenAt === null || change.authorId === viewerId) return false;
  return change.createdAt.getTime() > seenAt.getTime();
}

/** Which preference decides whether an action adds its page to the actor's watchlist. */
export const AUTO_WATCH_PREFERENCE = {
  create: 'watchCreations',
  edit: 'watchEdits',
  move: 'watchMoves',
  upload: 'watchUploads',
} as const satisfies Record<string, keyof Preferences>;

export type AutoWatchReason = keyof typeof AUTO_WATCH_PREFERENCE;
