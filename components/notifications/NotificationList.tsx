import type { ReactNode } from 'react';
import Link from '@/components/Link';
import { useFormatter, useTranslations } from 'next-intl';
import { notificationMessageValues, type NotificationLine } from '@/lib/domain/notification-display';

type FormActionFn = (formData: FormData) => void | Promise<void>;

export interface NotificationListProps {
  lines: NotificationLine[];
  unreadOnly: boolean;
  /** This view's address: the buttons come back to it. */
  here: string;
  olderHref: string | null;
  newestHref: string | null;
  filterHrefs: { all: string; unread: string };
  /** Server Actions (app/actions/notifications.ts). */
  markAction: FormActionFn;
  markAllAction: FormActionFn;
}

/**
 * Special:Notifications' body: the filter, "Mark all as read", then the items newest first. An
 * unread item is bold with a spoken "unread" marker; each has a one-button form that marks it read
 * or unread again. Plain forms and links, so it all works without JavaScript.
 */
export function NotificationList(props: NotificationListProps) {
  const t = useTranslations('watchlist.notifications');
  const { lines, unreadOnly, here } = props;
  return (
    <div className="notifications">
      <p>
        {t('intro')} <Link href="/wiki/Special:Preferences">{t('preferencesLink')}</Link>
      </p>
      <p className="notifications-filter">
        {t('filter')}:{' '}
        <Link href={props.filterHrefs.all} aria-current={unreadOnly ? undefined : 'page'}>
          {t('all')}
        </Link>{' '}
        ·{' '}
        <Link href={props.filterHrefs.unread} aria-current={unreadOnly ? 'page' : undefined}>
          {t('unreadOnly')}
        </Link>
      </p>
      <form action={props.markAllAction} className="inline-form notifications-mark-all">
        <input type="hidden" name="returnTo" value={here} />
        <button type="submit">{t('markAllRead')}</button>
      </form>
      {lines.length === 0 ? (
        <p className="notice">{unreadOnly ? t('emptyUnread') : t('empty')}</p>
      ) : (
        <ul className="notifications-list">
          {lines.map((line) => (
            <NotificationEntry key={line.id} line={line} here={here} markAction={props.markAction} />
          ))}
        </ul>
      )}
      {(props.newestHref !== null || props.olderHref !== null) && (
        <p className="list-navigation">
          {props.newestHref !== null && <Link href={props.newestHref}>{t('newest')}</Link>}
          {props.newestHref !== null && props.olderHref !== null && ' · '}
          {props.olderHref !== null && <Link href={props.olderHref}>{t('older')}</Link>}
        </p>
      )}
    </div>
  );
}

function NotificationEntry({ line, here, markAction }: { line: NotificationLine; here: string; markAction: FormActionFn }) {
  const t = useTranslations('watchlist.notifications');
  const format = useFormatter();
  const message = <NotificationMessage line={line} />;
  return (
    <li className={line.read ? 'notification' : 'notification notification-unread'} data-unread={line.read ? undefined : 'true'}>
      {!line.read && (
        <span className="notification-unread-marker">
          <span aria-hidden="true">●</span>
          <span className="visually-hidden">{t('unread')}: </span>
        </span>
      )}
      <span className="notification-text">{line.read ? message : <strong>{message}</strong>}</span>{' '}
      {line.target !== null && (
        <>
          (<Link href={line.target}>{t('view')}</Link>){' '}
        </>
      )}
      <time className="notification-time" dateTime={line.createdAt.toISOString()}>
        {format.dateTime(line.createdAt, 'timestamp')}
      </time>{' '}
      <form action={markAction} className="inline-form notification-mark">
        <input type="hidden" name="id" value={line.id} />
        <input type="hidden" name="read" value={line.read ? '0' : '1'} />
        <input type="hidden" name="returnTo" value={here} />
        <button type="submit">{line.read ? t('markUnread') : t('markRead')}</button>
      </form>
    </li>
  );
}

/** The item's sentence, its agent and pages as links (watchlist.notifications.messages). */
function NotificationMessage({ line }: { line: NotificationLine }) {
  const t = useTranslations('watchlist.notifications');
  const format = useFormatter();
  const link = (href: string | undefined) => (chunks: ReactNode) => (href === undefined ? <>{chunks}</> : <Link href={href}>{chunks}</Link>);
  const words = { someone: t('someone'), none: t('none'), never: t('never') };
  return t.rich(`messages.${line.messageKey}` as 'messages.mention', {
    agent: link(line.agent?.href),
    page: link(line.page?.href),
    from: link(line.from?.href),
    ...notificationMessageValues(line, words, (date) => format.dateTime(date, 'timestamp')),
  });
}
