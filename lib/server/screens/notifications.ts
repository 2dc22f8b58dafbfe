import 'server-only';
import { getActor } from '@/lib/server/session';
import { listNotifications } from '@/lib/server/notifications/store';
import { can, type Decision } from '@/lib/domain/policy';
import { digitsParam, first, type SearchParams } from '@/lib/domain/query-params';
import { notificationLine, notificationsHref, NOTIFICATIONS_PAGE_SIZE, type NotificationLine } from '@/lib/domain/notification-display';
import { MAX_DATABASE_INTEGER } from '@/lib/domain/database-integer';

export type NotificationsScreen =
  | { kind: 'denied'; decision: Extract<Decision, { allowed: false }> }
  | {
      kind: 'notifications';
      lines: NotificationLine[];
      unreadOnly: boolean;
      /** This view's address, where the mark buttons come back to. */
      here: string;
      /** The next older page, null at the end; the newest page, null when this is it. */
      olderHref: string | null;
      newestHref: string | null;
      filterHrefs: { all: string; unread: string };
    };

/**
 * Special:Notifications: the reader's notifications, newest first, 50 a page, keyset-paged by id
 * (`before=<id>`, stable while new ones arrive), `unread=1` for unread ones only.
 */
export async function loadNotificationsScreen(query: SearchParams): Promise<NotificationsScreen> {
  const actor = await getActor();
  const decision = can(actor, 'viewmynotifications');
  if (!decision.allowed) return { kind: 'denied', decision };
  const unreadOnly = first(query.unread) === '1';
  // A malformed or out-of-range `before` reads as the first page rather than an error: it only pages.
  const rawBefore = digitsParam(query.before, 10);
  const before = rawBefore !== null && rawBefore > 0 && rawBefore <= MAX_DATABASE_INTEGER ? rawBefore : undefined;
  const page = await listNotifications(actor, { limit: NOTIFICATIONS_PAGE_SIZE, before, unreadOnly });
  return {
    kind: 'notifications',
    lines: page.items.map((item) => notificationLine(item, actor.name!)),
    unreadOnly,
    here: notificationsHref({ unreadOnly, before }),
    olderHref: page.older === null ? null : notificationsHref({ unreadOnly, before: page.older }),
    newestHref: before === undefined ? null : notificationsHref({ unreadOnly }),
    filterHrefs: { all: notificationsHref(), unread: notificationsHref({ unreadOnly: true }) },
  };
}
