import 'server-only';
import { cache } from 'react';
import { markTalkMessagesRead, unreadSummary, type UnreadSummary } from '@/lib/server/notifications/store';
import { isOwnUserTalkPage } from '@/lib/domain/notification-display';
import type { Actor } from '@/lib/domain/policy';

/*
 * The signed-in reader's badge and new-messages banner, per request. The layout (header) and the
 * page render in parallel, and both may ask: React's cache() makes it one statement per request,
 * and reading one's own talk page happens before the header counts, whichever asks first.
 */

/** The unread summary, once per request (one statement on the (user_id, read_at) index). */
const summaryOnce = cache((userId: number): Promise<UnreadSummary> => unreadSummary(userId));

/**
 * Visiting one's own user talk page reads its messages, as on MediaWiki. The write happens only
 * when the summary says a talk message is unread, and the summary after it is what the header shows.
 */
export const readOwnTalkMessages = cache(async (userId: number): Promise<UnreadSummary> => {
  const summary = await summaryOnce(userId);
  if (!summary.talk) return summary;
  await markTalkMessagesRead(userId);
  return unreadSummary(userId);
});

/**
 * What the header shows a reader: null for anonymous readers (no query: their pages are the page
 * cache's), else the summary, after reading the talk messages when `requestTitle` is their own
 * user talk page.
 */
export async function headerNotifications(actor: Actor, requestTitle: { namespace: number; dbKey: string } | null): Promise<UnreadSummary | null> {
  if (actor.userId === null || actor.name === null) return null;
  if (requestTitle !== null && isOwnUserTalkPage(requestTitle, actor.name)) return readOwnTalkMessages(actor.userId);
  return summaryOnce(actor.userId);
}

/** For a page view: reads the talk messages when the viewer is on their own user talk page. */
export async function visitTalkPage(actor: Actor, title: { namespace: number; dbKey: string }): Promise<void> {
  if (actor.userId !== null && actor.name !== null && isOwnUserTalkPage(title, actor.name)) await readOwnTalkMessages(actor.userId);
}
