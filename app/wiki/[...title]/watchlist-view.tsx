import Link from '@/components/Link';
import { getTranslations } from 'next-intl/server';
import { ChangesList } from '@/components/ChangesList';
import { ListNavigation } from '@/components/HistoryList';
import { InvalidRequestNotice } from '@/components/InvalidRequestNotice';
import { PermissionNotice } from '@/components/PermissionNotice';
import { submitMarkAllSeen } from '@/app/actions/watchlist';
import { loadWatchlistScreen, WATCHLIST_PATH } from '@/lib/server/screens/watchlist';
import type { SearchParams } from '@/lib/domain/query-params';

const FILTER_LABELS = { hideminor: 'hideMinor', hidemyself: 'hideMine', extended: 'allChanges', hidebots: 'hideBots' } as const;

/** /wiki/Special:Watchlist: changes to the pages the reader watches (see loadWatchlistScreen). */
export async function WatchlistView({ query }: { query: SearchParams }) {
  const t = await getTranslations('watchlist.watchlist');
  const screen = await loadWatchlistScreen(query);
  if (screen.kind === 'denied') return <PermissionNotice decision={screen.decision} returnTo={WATCHLIST_PATH} />;
  if (screen.kind === 'bad-request') {
    return <InvalidRequestNotice message={screen.message} retryHref={screen.retryHref} retryLabel={t('retry')} />;
  }
  return (
    <div className="watchlist">
      <p>
        {t('intro', { count: screen.watchedCount })} <Link href="/wiki/Special:EditWatchlist">{t('editLink')}</Link> ·{' '}
        <Link href="/wiki/Special:EditWatchlist/raw">{t('editRawLink')}</Link> · <Link href="/wiki/Special:Preferences">{t('preferencesLink')}</Link>
      </p>
      <form action={submitMarkAllSeen} className="inline-form watchlist-mark-seen">
        <button type="submit">{t('markAllSeen')}</button>
      </form>
      <form method="get" action={WATCHLIST_PATH} className="changes-filter">
        <fieldset>
          <legend>{t('options')}</legend>
          {screen.customLimit !== null && <input type="hidden" name="limit" value={screen.customLimit} />}
          <div className="changes-filter-options">
            <label>
              {t('period')}{' '}
              <select name="days" defaultValue={String(screen.days)}>
                {screen.dayChoices.map((days) => (
                  <option key={days} value={days}>
                    {t('days', { count: days })}
                  </option>
                ))}
              </select>
            </label>
            {screen.filters.map(({ param, checked }) => (
              <label key={param}>
                {/* Unticked sends the hidden "0": an explicit "off" beats a preference that is on. */}
                <input type="checkbox" name={param} value="1" defaultChecked={checked} /> {t(FILTER_LABELS[param])}
                <input type="hidden" name={param} value="0" />
              </label>
            ))}
            <button type="submit">{t('showChanges')}</button>
          </div>
        </fieldset>
      </form>
      <p className="watchlist-legend">
        <span className="changes-unseen-marker" aria-hidden="true">
          ●
        </span>{' '}
        <strong>{t('legendTitle')}</strong> {t('legend')}
      </p>
      <ListNavigation {...screen.navigation} />
      <ChangesList rows={screen.rows} variant="recent" unseen={new Set(screen.unseen)} emptyMessage={t('empty', { days: screen.days })} />
    </div>
  );
}
