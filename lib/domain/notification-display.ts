/**
 * How notifications read on screen (docs/notifications.md, "The badge, the banner and
 * Special:Notifications"): the header badge's text, the message chosen for each item, where each
 * item leads, and the addresses of Special:Notifications' views.
 *
 * Pure: no I/O.
 */
import { diffHref } from '@/lib/domain/history';
import type { NotificationKind } from '@/lib/domain/notifications';
import { isKnownNamespace, makeParsedTitle, NS, titleToUrlPath, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { logHref, specialPageHref } from '@/lib/domain/wiki-hrefs';

export const NOTIFICATIONS_PATH = specialPageHref('Notifications');

/** Items per page of Special:Notifications (Echo shows 50 on its special page too). */
export const NOTIFICATIONS_PAGE_SIZE = 50;

/** The badge's number: nothing when there is nothing unread, then the count, capped at "99+" as Echo's. */
export function badgeText(count: number): string | null {
  if (count <= 0) return null;
  return count > 99 ? '99+' : String(count);
}

/** The user talk page of a user name ("Jane Doe" → User talk:Jane_Doe). */
export function ownTalkTitle(userName: string): ParsedTitle {
  return makeParsedTitle(NS.USER_TALK, userName.replaceAll(' ', '_'));
}

/** Whether `title` (namespace, database key) is `userName`'s own user talk page, where the new-messages banner is read. */
export function isOwnUserTalkPage(title: { namespace: number; dbKey: string }, userName: string): boolean {
  return title.namespace === NS.USER_TALK && title.dbKey === userName.replaceAll(' ', '_');
}

/** The fields of an item the display needs (lib/server/notifications/store.ts NotificationItem has them). */
export interface DisplayedNotification {
  kind: NotificationKind;
  page: ParsedTitle | null;
  revisionId: number | null;
  params: Record<string, unknown>;
}

/**
 * The message key of an item (under watchlist.notifications.messages), with the variants that need
 * a different sentence: a block with or without a reason, a rights change naming the groups.
 */
export function notificationMessageKey(item: DisplayedNotification): string {
  switch (item.kind) {
    case 'blocked':
      return textParam(item.params.reason) === null ? 'blocked' : 'blockedWithReason';
    case 'user-rights':
      return groupsParam(item.params.added).length + groupsParam(item.params.removed).length > 0 ? 'userRightsGroups' : 'userRights';
    default:
      return item.kind;
  }
}

/** A non-empty string parameter, else null (params come from JSON written by several writers). */
export function textParam(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** A time parameter (ISO text) that reads as a date, else null: a bad value must not break the list's date formatting. */
export function timeParam(value: unknown): string | null {
  const text = textParam(value);
  return text !== null && Number.isFinite(Date.parse(text)) ? text : null;
}

/** A list-of-groups parameter ("added", "removed"); anything else reads as none. */
export function groupsParam(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((group): group is string => typeof group === 'string' && group !== '') : [];
}

/** The linking page of a page-linked notification (params.fromNamespace / fromTitle), when readable. */
export function linkedFromTitle(params: Record<string, unknown>): ParsedTitle | null {
  const { fromNamespace, fromTitle } = params;
  if (typeof fromNamespace !== 'number' || !isKnownNamespace(fromNamespace) || typeof fromTitle !== 'string' || fromTitle === '') return null;
  return makeParsedTitle(fromNamespace, fromTitle);
}

/**
 * Where an item leads: the change itself for revisions (the diff against the revision before, a
 * link the page cache serves), the linking page for a new link, the rights or block log entries
 * about the recipient. Null when there is nothing to show.
 */
export function notificationTarget(item: DisplayedNotification, recipientName: string): string | null {
  switch (item.kind) {
    case 'page-linked': {
      const from = linkedFromTitle(item.params);
      return from === null ? (item.page === null ? null : titleToUrlPath(item.page)) : titleToUrlPath(from);
    }
    case 'user-rights':
      return logHref('rights', `User:${recipientName}`);
    case 'blocked':
    case 'unblocked':
      return logHref('block', `User:${recipientName}`);
    default:
      if (item.page === null) return null;
      return item.revisionId === null ? titleToUrlPath(item.page) : diffHref(item.page, 'prev', item.revisionId);
  }
}

/** Special:Notifications with its options: only unread ones, and the keyset page (`before=<id>`). */
export function notificationsHref(options: { unreadOnly?: boolean; before?: number | null } = {}): string {
  const query = new URLSearchParams();
  if (options.unreadOnly) query.set('unread', '1');
  if (options.before !== undefined && options.before !== null) query.set('before', String(options.before));
  const text = query.toString();
  return text === '' ? NOTIFICATIONS_PATH : `${NOTIFICATIONS_PATH}?${text}`;
}

/** A return address a mark action may go back to: Special:Notifications with its own query only. */
export function safeNotificationsReturn(value: unknown): string {
  if (typeof value !== 'string') return NOTIFICATIONS_PATH;
  const match = /^\/wiki\/Special:Notifications(\?(?:unread=1)?(?:&?before=\d{1,10})?)?$/u.exec(value);
  return match ? value : NOTIFICATIONS_PATH;
}

/** One line of Special:Notifications, with its message and links decided (components/notifications/NotificationList.tsx). */
export interface NotificationLine {
  id: number;
  /** The message under watchlist.notifications.messages (notificationMessageKey). */
  messageKey: string;
  /** The message's values: names and titles as text, each link's address beside it. */
  agent: { name: string; href: string } | null;
  page: { text: string; href: string } | null;
  from: { text: string; href: string } | null;
  reason: string | null;
  /** A block's end (ISO time), null for an indefinite block (or an unreadable time). */
  expiry: string | null;
  added: string[];
  removed: string[];
  /** Where "view" leads (the diff, the linking page, the log entry), null when nowhere. */
  target: string | null;
  createdAt: Date;
  read: boolean;
}

/** A stored item (lib/server/notifications/store.ts NotificationItem) as a line for `recipientName`. */
export function notificationLine(
  item: DisplayedNotification & { id: number; agent: { name: string } | null; createdAt: Date; read: boolean },
  recipientName: string,
): NotificationLine {
  const from = item.kind === 'page-linked' ? linkedFromTitle(item.params) : null;
  return {
    id: item.id,
    messageKey: notificationMessageKey(item),
    agent: item.agent === null ? null : { name: item.agent.name, href: titleToUrlPath(userPage(item.agent.name)) },
    page: item.page === null ? null : { text: item.page.prefixedText, href: titleToUrlPath(item.page) },
    from: from === null ? null : { text: from.prefixedText, href: titleToUrlPath(from) },
    reason: textParam(item.params.reason),
    expiry: timeParam(item.params.expiry),
    added: groupsParam(item.params.added),
    removed: groupsParam(item.params.removed),
    target: notificationTarget(item, recipientName),
    createdAt: item.createdAt,
    read: item.read,
  };
}

/** A user's User: page (system names may not be valid titles: then the name as the key). */
function userPage(name: string): ParsedTitle {
  const parsed = tryParseTitle(`User:${name}`);
  return parsed.ok ? parsed.title : makeParsedTitle(NS.USER, name.replaceAll(' ', '_'));
}

/** The words a message's values fall back on, in the reader's language (watchlist.notifications). */
export interface NotificationWords {
  /** The agent of an event whose account is gone ("The wiki"). */
  someone: string;
  /** An empty list of groups ("none"). */
  none: string;
  /** An indefinite block's end ("never"). */
  never: string;
}

/**
 * The text values of a line's message, the same on Special:Notifications and in e-mail: only the
 * links around them differ (the page wraps them in <a>, a plain-text message does not).
 */
export function notificationMessageValues(line: NotificationLine, words: NotificationWords, formatTime: (date: Date) => string) {
  const list = (groups: string[]) => (groups.length === 0 ? words.none : groups.join(', '));
  return {
    agentName: line.agent?.name ?? words.someone,
    pageName: line.page?.text ?? '',
    fromName: line.from?.text ?? '',
    reason: line.reason ?? '',
    expiry: line.expiry === null ? words.never : formatTime(new Date(line.expiry)),
    added: list(line.added),
    removed: list(line.removed),
  };
}
