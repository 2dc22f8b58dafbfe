import Link from '@/components/Link';
import { getTranslations } from 'next-intl/server';
import { PreferencesForm } from '@/components/watchlist/PreferencesForm';
import { FeedTokenForm } from '@/components/watchlist/FeedTokenForm';
import { NotificationPreferencesForm } from '@/components/notifications/NotificationPreferencesForm';
import { EmailPreferencesView } from './email-preferences-view';
import { resetFeedTokenAction, saveNotificationPreferencesAction, saveWatchlistPreferencesAction } from '@/app/actions/preferences';
import { loadPreferencesScreen } from '@/lib/server/preferences';
import { DisplayPreferencesSection } from '@/components/preferences/DisplayPreferencesSection';
import { saveDisplayPreferencesAction } from '@/app/actions/display-preferences';
import { specialPageHref } from '@/lib/domain/wiki-hrefs';
import type { SearchParams } from '@/lib/domain/query-params';

/** Special:Preferences (this release: the watchlist section, its feed address and the notifications section), or a sign-in notice returning here. */
export async function PreferencesView({ query: _query }: { query: SearchParams }) {
  const [screen, t, tBots] = await Promise.all([loadPreferencesScreen(), getTranslations('watchlist.preferences'), getTranslations('account.botPasswords')]);
  if (screen.kind === 'denied') {
    const back = encodeURIComponent(specialPageHref('Preferences'));
    return (
      <p className="notice">
        {t.rich('signIn', {
          login: (chunks) => <Link href={`/wiki/Special:UserLogin?returnto=${back}`}>{chunks}</Link>,
          create: (chunks) => <Link href={`/wiki/Special:CreateAccount?returnto=${back}`}>{chunks}</Link>,
        })}
      </p>
    );
  }
  return (
    <>
      <DisplayPreferencesSection initial={screen.preferences} action={saveDisplayPreferencesAction} />
      <h2>{t('watchlistHeading')}</h2>
      <p>
        {t.rich('links', {
          watchlist: (chunks) => <Link href={specialPageHref('Watchlist')}>{chunks}</Link>,
          edit: (chunks) => <Link href={specialPageHref('EditWatchlist')}>{chunks}</Link>,
        })}
      </p>
      <PreferencesForm initial={screen.preferences} action={saveWatchlistPreferencesAction} />
      <h2>{t('feedHeading')}</h2>
      <FeedTokenForm hasToken={screen.hasFeedToken} action={resetFeedTokenAction} />
      <h2>{t('notificationsHeading')}</h2>
      <p>{t.rich('notificationsLinks', { notifications: (chunks) => <Link href={specialPageHref('Notifications')}>{chunks}</Link> })}</p>
      <NotificationPreferencesForm initial={screen.preferences} action={saveNotificationPreferencesAction} />
      <EmailPreferencesView />
      <h2>{tBots('preferencesHeading')}</h2>
      <p>{tBots.rich('preferencesLink', { link: (chunks) => <Link href={specialPageHref('BotPasswords')}>{chunks}</Link> })}</p>
    </>
  );
}
