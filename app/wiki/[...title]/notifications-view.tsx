import { PermissionNotice } from '@/components/PermissionNotice';
import { NotificationList } from '@/components/notifications/NotificationList';
import { submitMarkAllNotificationsRead, submitNotificationMark } from '@/app/actions/notifications';
import { loadNotificationsScreen } from '@/lib/server/screens/notifications';
import { NOTIFICATIONS_PATH } from '@/lib/domain/notification-display';
import type { SearchParams } from '@/lib/domain/query-params';

/** /wiki/Special:Notifications: the reader's notifications (see loadNotificationsScreen). */
export async function NotificationsView({ query }: { query: SearchParams }) {
  const screen = await loadNotificationsScreen(query);
  if (screen.kind === 'denied') return <PermissionNotice decision={screen.decision} returnTo={NOTIFICATIONS_PATH} />;
  const { kind: _kind, ...list } = screen;
  return <NotificationList {...list} markAction={submitNotificationMark} markAllAction={submitMarkAllNotificationsRead} />;
}
