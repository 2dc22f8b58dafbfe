/**
 * Atom feeds (RFC 4287) of changes: Special:RecentChanges, one page's history and a user's
 * watchlist, as MediaWiki offers them with ?feed=atom. This module turns change rows into a feed object and the object
 * into XML with feedsmith; lib/server/feeds.ts reads the rows and answers the request.
 *
 * Everything a user wrote (titles, names, edit summaries) goes into text constructs
 * (type="text"), which feedsmith escapes or wraps in CDATA, splitting any "]]>" — so no user text
 * can become markup, in the XML or in the reader that displays it. Characters XML cannot carry at
 * all (most C0 controls, lone surrogates) are dropped first.
 *
 * Pure: no I/O.
 */
import { generateAtomFeed, type AtomFeed } from 'feedsmith';
import { diffHref, formatByteCount, formatDelta, permalinkHref } from '@/lib/domain/history';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/** Entries per feed, as MediaWiki's $wgFeedLimit. */
export const FEED_LIMIT = 50;

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/** What a feed entry needs of a change (lib/domain/history.ts's ChangeRow has all of it). */
export interface FeedChange {
  revisionId: number;
  parentId: number | null;
  title: ParsedTitle;
  createdAt: Date;
  author: { name: string };
  summary: string;
  minor: boolean;
  size: number;
  delta: number;
  isCreation: boolean;
}

export interface ChangesFeedInput {
  /** "https://wiki.example": links and ids in a feed must be absolute. */
  origin: string;
  /** The feed's own path ("/wiki/Special:RecentChanges?feed=atom"): its id and rel="self" link. */
  feedPath: string;
  /**
   * The feed's id when its address must not be it: the watchlist feed's address carries a secret
   * that a reset replaces, but a reader should keep seeing the same feed. Default: the address.
   */
  id?: string;
  /** The HTML page the feed mirrors ("/wiki/Special:RecentChanges"): rel="alternate". */
  htmlPath: string;
  title: string;
  subtitle: string;
  changes: FeedChange[];
  /** When the feed was made: its <updated> when there are no changes to date it by. */
  now: Date;
}

// ---- Addresses (for the <link rel="alternate" type="application/atom+xml"> of the HTML pages) -----

/** `/wiki/Special:RecentChanges?feed=atom`. */
export function recentChangesFeedHref(): string {
  return '/wiki/Special:RecentChanges?feed=atom';
}

/** `/wiki/Special:Watchlist?feed=atom&token=…`: the private watchlist feed (lib/server/watchlist-feed.ts). */
export function watchlistFeedHref(token: string): string {
  return `/wiki/Special:Watchlist?feed=atom&token=${encodeURIComponent(token)}`;
}

/** `/wiki/<Title>?action=history&feed=atom`. */
export function historyFeedHref(title: ParsedTitle): string {
  return `${titleToUrlPath(title)}?action=history&feed=atom`;
}

// ---- Building -----------------------------------------------------------------------------------

// XML 1.0 Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and the astral planes (as whole pairs).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** User text made safe to carry in XML: characters XML forbids are dropped. */
export function xmlSafeText(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

const text = (value: string): AtomFeed.Text => ({ value: xmlSafeText(value), type: 'text' });

/**
 * The entry's summary, in MediaWiki's words: the edit summary (or that there is none), then what
 * the edit did to the size, e.g. "Fix typo (−3 bytes, minor edit)" or "New page: Intro (1,234 bytes)".
 */
export function entrySummary(change: FeedChange): string {
  const summary = change.summary.trim() === '' ? 'No edit summary' : change.summary;
  const size = change.isCreation ? formatByteCount(change.size) : `${formatDelta(change.delta).text} ${Math.abs(change.delta) === 1 ? 'byte' : 'bytes'}`;
  const notes = [size, ...(change.minor ? ['minor edit'] : [])].join(', ');
  return `${change.isCreation ? 'New page: ' : ''}${summary} (${notes})`;
}

/** The diff against the previous revision, or the revision itself for a page creation. */
export function entryHref(change: FeedChange): string {
  return change.parentId === null ? permalinkHref(change.title, change.revisionId) : diffHref(change.title, change.revisionId, change.parentId);
}

function entry(origin: string, change: FeedChange): AtomFeed.Entry<Date> {
  return {
    // The permalink: one per revision, and it never changes meaning.
    id: `${origin}${permalinkHref(change.title, change.revisionId)}`,
    title: text(change.title.prefixedText),
    links: [{ href: `${origin}${entryHref(change)}`, rel: 'alternate', type: 'text/html' }],
    updated: change.createdAt,
    published: change.createdAt,
    authors: [{ name: xmlSafeText(change.author.name) }],
    summary: text(entrySummary(change)),
  };
}

export function buildChangesFeed(input: ChangesFeedInput): AtomFeed.Feed<Date> {
  const feedUrl = `${input.origin}${input.feedPath}`;
  const newest = input.changes.reduce<Date | null>((latest, change) => (latest === null || change.createdAt > latest ? change.createdAt : latest), null);
  return {
    id: input.id ?? feedUrl,
    title: text(input.title),
    subtitle: text(input.subtitle),
    updated: newest ?? input.now,
    links: [
      { href: feedUrl, rel: 'self', type: 'application/atom+xml' },
      { href: `${input.origin}${input.htmlPath}`, rel: 'alternate', type: 'text/html' },
    ],
    generator: { text: 'Fans Wiki' },
    entries: input.changes.map((change) => entry(input.origin, change)),
  };
}

/** The feed as an Atom XML document. */
export function renderAtom(feed: AtomFeed.Feed<Date>): string {
  return generateAtomFeed(feed);
}
