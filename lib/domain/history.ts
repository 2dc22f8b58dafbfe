/**
 * Page histories, recent changes and contributions: the shapes the data layer hands out, and the
 * pure helpers around them (byte-delta formatting, the links of a row). Their paging parameters
 * are read by lib/domain/query-params.ts.
 *
 * Pure: no I/O.
 */
import { encodeTitleForUrl, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import type { UserSummary } from '@/lib/domain/wiki';
import type { RevisionMarks } from '@/lib/domain/visibility';
import { specialPageHref } from '@/lib/domain/wiki-hrefs';

/** One revision as a line of a history, of Special:RecentChanges or of Special:Contributions. */
export interface ChangeRow {
  revisionId: number;
  pageId: number;
  /** The revision this one replaced; null for the page's first revision. */
  parentId: number | null;
  title: ParsedTitle;
  createdAt: Date;
  author: UserSummary;
  summary: string;
  minor: boolean;
  /** Size of the text in bytes. */
  size: number;
  /** size − the parent's size; equal to size for a page creation. */
  delta: number;
  /** The page's first revision (MediaWiki's "N"). */
  isCreation: boolean;
  /** The page's current revision. */
  isLatest: boolean;
  /** A bot's edit (MediaWiki's rc_bot, shown as "b"); absent: not a bot's. */
  bot?: boolean;
  /** Hidden parts, for this viewer (absent: nothing is hidden). See lib/domain/visibility.ts. */
  visibility?: RevisionMarks;
}

/**
 * One page of a list, newest first, with keyset cursors: `older` is the revision id to pass as
 * `olderThan` for the next older page, `newer` the one to pass as `newerThan` for the next newer
 * page; null when there is nothing more in that direction.
 */
export interface ChangesPage {
  rows: ChangeRow[];
  older: number | null;
  newer: number | null;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
/** The page sizes offered on a history, as MediaWiki's "(20 | 50 | 100 | 250 | 500)". */
export const HISTORY_LIMIT_CHOICES = [20, 50, 100, 250, 500] as const;
/** The page sizes offered on Special:RecentChanges. */
export const RECENT_CHANGES_LIMIT_CHOICES = [50, 100, 250, 500] as const;
/** MediaWiki's $wgRCChangedSizeThreshold: changes of at least this many bytes are shown in bold. */
export const LARGE_DELTA_BYTES = 500;

const numberFormat = new Intl.NumberFormat('en-US');

/** "1,234", as MediaWiki's formatNum in English. */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

export interface FormattedDelta {
  /** "+1,234", "−45" (U+2212 MINUS SIGN, as MediaWiki) or "0": the sign is in the text, not only the colour. */
  text: string;
  className: 'mw-plusminus-pos' | 'mw-plusminus-neg' | 'mw-plusminus-null';
  /** |delta| ≥ 500 bytes: shown in bold. */
  large: boolean;
}

export function formatDelta(delta: number): FormattedDelta {
  const large = Math.abs(delta) >= LARGE_DELTA_BYTES;
  if (delta > 0) return { text: `+${formatNumber(delta)}`, className: 'mw-plusminus-pos', large };
  if (delta < 0) return { text: `\u2212${formatNumber(-delta)}`, className: 'mw-plusminus-neg', large };
  return { text: '0', className: 'mw-plusminus-null', large: false };
}

/** "1 byte", "1,234 bytes", or "empty" for an empty text, as MediaWiki's history lines. */
export function formatByteCount(size: number): string {
  if (size === 0) return 'empty';
  return `${formatNumber(size)} ${size === 1 ? 'byte' : 'bytes'}`;
}

// Links of a row. Query strings are built by hand: the values are numbers or fixed words.

/** `/wiki/Title?oldid=<id>`: the revision as it was (permanent link). */
export function permalinkHref(title: ParsedTitle, revisionId: number): string {
  return `${titleToUrlPath(title)}?oldid=${revisionId}`;
}

/** `/wiki/Title?diff=<newer>&oldid=<older>`, or the edit before, after or the current text (`diff=prev|next|cur`). */
export function diffHref(title: ParsedTitle, diff: number | 'prev' | 'next' | 'cur', oldid: number): string {
  return `${titleToUrlPath(title)}?diff=${diff}&oldid=${oldid}`;
}

/** `/wiki/Title?action=edit&undoafter=<parent>&undo=<id>`: the edit form with this one change reverted. */
export function undoHref(title: ParsedTitle, revisionId: number, parentId: number): string {
  return `${titleToUrlPath(title)}?action=edit&undoafter=${parentId}&undo=${revisionId}`;
}

export interface HistoryLinkOptions {
  limit?: number;
  older?: number;
  newer?: number;
  /** Extra parameters kept on every link (filters), in order. */
  extra?: Record<string, string>;
}

function queryString(params: [string, string | number | undefined][]): string {
  const parts = params
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** `/wiki/Title?action=history[&limit=…][&older=…|&newer=…]`; the default limit is left out. */
export function historyHref(title: ParsedTitle, options: HistoryLinkOptions = {}): string {
  return (
    titleToUrlPath(title) +
    queryString([
      ['action', 'history'],
      ...Object.entries(options.extra ?? {}),
      ['limit', options.limit === DEFAULT_LIMIT ? undefined : options.limit],
      ['older', options.older],
      ['newer', options.newer],
    ])
  );
}

/** A special page's path with paging and filter parameters (`basePath` like "/wiki/Special:RecentChanges"). */
export function listHref(basePath: string, options: HistoryLinkOptions = {}): string {
  return (
    basePath +
    queryString([
      ...Object.entries(options.extra ?? {}),
      ['limit', options.limit === DEFAULT_LIMIT ? undefined : options.limit],
      ['older', options.older],
      ['newer', options.newer],
    ])
  );
}

/** `/wiki/Special:Contributions/<User name>`. */
export function contributionsHref(userName: string): string {
  return specialPageHref('Contributions', userName);
}

/** `/wiki/User:<User name>`. */
export function userPageHref(userName: string): string {
  return `/wiki/${encodeTitleForUrl(`User:${userName.replaceAll(' ', '_')}`)}`;
}

/** /wiki/User_talk:Name. */
export function userTalkHref(userName: string): string {
  return `/wiki/${encodeTitleForUrl(`User_talk:${userName.replaceAll(' ', '_')}`)}`;
}
