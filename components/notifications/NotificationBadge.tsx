import { useTranslations } from 'next-intl';
import { NOTIFICATIONS_PATH } from '@/lib/domain/notification-display';

/**
 * The header's link to Special:Notifications with the unread count (Echo's bell). A plain link,
 * not the client router's: the header belongs to the root layout, which a client-side navigation
 * does not render again, so the page it opens brings a fresh header with it.
 */
export function NotificationBadge({ badge }: { badge: string | null }) {
  const t = useTranslations('common.header');
  // The label names the count as shown ("99+"), so that it contains the visible text (WCAG 2.5.3,
  // Label in Name; axe finds "Notifications (3 unread)" does not): "Notifications 3" on screen, "Notifications, 3 unread" spoken.
  return (
    <a href={NOTIFICATIONS_PATH} className="notification-badge" aria-label={badge === null ? undefined : t('notificationsUnread', { count: badge })}>
      {t('notifications')}
      {badge !== null && (
        <>
          {' '}
          <span className="notification-count">{badge}</span>
        </>
      )}
    </a>
  );
}

/**
 * MediaWiki's orange "You have new messages" bar, while a message on the reader's talk page is
 * unread. A plain link for the same reason as the badge: visiting the page reads the messages.
 */
export function NewMessagesBanner({ href }: { href: string }) {
  const t = useTranslations('common.header');
  return (
    <p role="status" className="new-messages-banner">
      {t.rich('newMessages', {
        link: (chunks) => <a href={href}>{chunks}</a>,
      })}
    </p>
  );
}
