import 'server-only';
import { headers } from 'next/headers';
import { getSiteName } from '@/lib/server/site';
import { getActor } from '@/lib/server/session';
import { headerNotifications } from '@/lib/server/notifications/viewer';
import { badgeText, ownTalkTitle } from '@/lib/domain/notification-display';
import { titleToUrlPath, tryParseTitle } from '@/lib/domain/titles';

/** The header's notification badge and the new-messages banner of a signed-in reader. */
export interface FrameNotifications {
  /** Unread notifications. */
  count: number;
  /** What the badge shows ("3", "99+"), null when nothing is unread. */
  badge: string | null;
  /** The reader's user talk page when a message there is unread ("You have new messages"), else null. */
  newMessagesHref: string | null;
}

export interface SiteFrame {
  siteName: string;
  /** Who is signed in (null: nobody). */
  userName: string | null;
  /** Null for anonymous readers: nothing per-user, and no query, on a page the page cache may store. */
  notifications: FrameNotifications | null;
}

/** The title proxy.ts resolved for a /wiki/ request (x-wiki-title; it drops any copy a client sent). */
async function requestTitle() {
  const encoded = (await headers()).get('x-wiki-title');
  if (!encoded) return null;
  let text: string;
  try {
    text = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  const parsed = tryParseTitle(text);
  return parsed.ok ? parsed.title : null;
}

/** What the frame around every page shows: the wiki's name, who is signed in and their unread notifications. */
export async function loadSiteFrame(): Promise<SiteFrame> {
  const [siteName, actor] = await Promise.all([getSiteName(), getActor()]);
  if (actor.name === null) return { siteName, userName: null, notifications: null };
  const summary = await headerNotifications(actor, await requestTitle());
  const notifications =
    summary === null ? null : { count: summary.count, badge: badgeText(summary.count), newMessagesHref: summary.talk ? titleToUrlPath(ownTalkTitle(actor.name)) : null };
  return { siteName, userName: actor.name, notifications };
}

/** The title of every page: the wiki's name alone, or after the page's own title ("Foo — Wiki"). */
export async function loadSiteTitle(): Promise<{ default: string; template: string }> {
  const siteName = await getSiteName();
  return { default: siteName, template: `%s — ${siteName}` };
}
