import Link from '@/components/Link';
import { Fragment } from 'react';
import { getTranslations } from 'next-intl/server';
import { ChangesList } from '@/components/ChangesList';
import { ListNavigation } from '@/components/HistoryList';
import { InvalidRequestNotice } from '@/components/InvalidRequestNotice';
import { ContributionsForm } from '@/components/ContributionsForm';
import { RECENT_CHANGES_PATH, loadContributionsScreen, loadRecentChangesScreen } from '@/lib/server/screens/changes';
import type { SearchParams } from '@/lib/domain/query-params';
import { userPageHref } from '@/lib/domain/history';

/** /wiki/Special:RecentChanges: the latest edits to every page (see loadRecentChangesScreen). */
export async function RecentChangesView({ query }: { query: SearchParams }) {
  const t = await getTranslations('history.recentChanges');
  const screen = await loadRecentChangesScreen(query);
  if (screen.kind === 'bad-request') {
    return <InvalidRequestNotice message={screen.message} retryHref={screen.retryHref} retryLabel={t('retry')} />;
  }
  return (
    <div className="recent-changes">
      <p>{t('intro')}</p>
      <form method="get" action={RECENT_CHANGES_PATH} className="changes-filter">
        <fieldset>
          <legend>{t('options')}</legend>
          <p className="changes-limits">
            {t.rich('showLast', {
              limits: () =>
                screen.limitLinks.map(({ limit, href }, index) => (
                  <Fragment key={limit}>
                    {index > 0 && ' | '}
                    {limit === screen.limit ? <strong>{limit}</strong> : <Link href={href}>{limit}</Link>}
                  </Fragment>
                )),
            })}
          </p>
          {screen.customLimit !== null && <input type="hidden" name="limit" value={screen.customLimit} />}
          <div className="changes-filter-options">
            {screen.filters.map(({ param, label, checked, onByDefault }) => (
              <label key={param}>
                <input type="checkbox" name={param} value="1" defaultChecked={checked} /> {t(label)}
                {/* Unticked sends the hidden "0" (the first value wins when ticked): left out, this filter is on. */}
                {onByDefault && <input type="hidden" name={param} value="0" />}
              </label>
            ))}
            <button type="submit">{t('showChanges')}</button>
          </div>
        </fieldset>
      </form>
      <ListNavigation {...screen.navigation} />
      <ChangesList rows={screen.rows} variant="recent" />
    </div>
  );
}

/** /wiki/Special:Contributions/<User>: one user's edits (see loadContributionsScreen). */
export async function ContributionsView({ query, target }: { query: SearchParams; target: string | null }) {
  const screen = await loadContributionsScreen(query, target);
  if (screen.kind === 'ask') return <ContributionsForm target="" />;
  const t = await getTranslations('history.contributions');
  if (screen.kind === 'unknown-user') {
    return (
      <>
        <ContributionsForm target={screen.name} />
        <p className="notice notice-error" role="alert">
          {t('notRegistered', { name: screen.name })}
        </p>
      </>
    );
  }
  if (screen.kind === 'bad-request') {
    return <InvalidRequestNotice message={screen.message} retryHref={screen.retryHref} retryLabel={t('retry', { user: screen.userName })} />;
  }
  const { userName } = screen;
  return (
    <div className="contributions">
      <p className="contributions-subtitle">{t.rich('subtitle', { user: () => <Link href={userPageHref(userName)}>{userName}</Link> })}</p>
      <ContributionsForm target={userName} />
      <ListNavigation {...screen.navigation} />
      <ChangesList rows={screen.rows} variant="contributions" emptyMessage={t('empty')} />
    </div>
  );
}
