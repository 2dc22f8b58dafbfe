import Link from 'next/link';
import { Fragment } from 'react';
import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { ChangesList } from '@/components/ChangesList';
import { ListNavigation } from '@/components/HistoryList';
import { findUserByName, getContributions, getRecentChanges } from '@/lib/server/history';
import { getActor } from '@/lib/server/session';
import {
  DEFAULT_LIMIT,
  HISTORY_LIMIT_CHOICES,
  RECENT_CHANGES_LIMIT_CHOICES,
  contributionsHref,
  listHref,
  userPageHref,
  type QueryValue,
} from '@/lib/domain/history';
import { BadRequestNotice, flag, pagingOrError } from './history-view';

type SearchParams = Record<string, QueryValue>;

const RECENT_CHANGES_PATH = '/wiki/Special:RecentChanges';
const CONTRIBUTIONS_PATH = '/wiki/Special:Contributions';

/** The filters of Special:RecentChanges, by their MediaWiki query parameter. */
const RC_FILTERS = [
  { param: 'hideminor', label: 'hideMinor' },
  { param: 'hidemyself', label: 'hideMine' },
  { param: 'hidepageedits', label: 'onlyNew' },
] as const;

/**
 * /wiki/Special:RecentChanges: the latest edits to every page, newest first. Filters are plain GET
 * parameters (`hideminor=1`, `hidemyself=1`, `hidepageedits=1`, as MediaWiki names them), set by a
 * checkbox form that needs no JavaScript; `limit` 50/100/250/500; keyset cursors `older`/`newer`.
 */
export async function RecentChangesView({ query }: { query: SearchParams }) {
  const t = await getTranslations('history.recentChanges');
  const { paging, error } = pagingOrError(query);
  if (!paging) {
    return <BadRequestNotice message={error} retryHref={RECENT_CHANGES_PATH} retryLabel={t('retry')} />;
  }
  const actor = await getActor();
  const signedIn = actor.userId !== null;
  const active = {
    hideminor: flag(query.hideminor),
    hidemyself: signedIn && flag(query.hidemyself),
    hidepageedits: flag(query.hidepageedits),
  };
  const extra: Record<string, string> = {};
  for (const { param } of RC_FILTERS) if (active[param]) extra[param] = '1';

  const changes = await getRecentChanges({
    ...paging,
    hideMinor: active.hideminor,
    hideUserId: active.hidemyself && actor.userId !== null ? actor.userId : undefined,
    onlyNew: active.hidepageedits,
  }, actor);
  const { limit } = paging;

  return (
    <div className="recent-changes">
      <p>{t('intro')}</p>
      <form method="get" action={RECENT_CHANGES_PATH} className="changes-filter">
        <fieldset>
          <legend>{t('options')}</legend>
          <p className="changes-limits">
            {t.rich('showLast', {
              limits: () =>
                RECENT_CHANGES_LIMIT_CHOICES.map((choice, index) => (
                  <Fragment key={choice}>
                    {index > 0 && ' | '}
                    {choice === limit ? <strong>{choice}</strong> : <Link href={listHref(RECENT_CHANGES_PATH, { limit: choice, extra })}>{choice}</Link>}
                  </Fragment>
                )),
            })}
          </p>
          {limit !== DEFAULT_LIMIT && <input type="hidden" name="limit" value={limit} />}
          <div className="changes-filter-options">
            {RC_FILTERS.filter(({ param }) => param !== 'hidemyself' || signedIn).map(({ param, label }) => (
              <label key={param}>
                <input type="checkbox" name={param} value="1" defaultChecked={active[param]} /> {t(label)}
              </label>
            ))}
            <button type="submit">{t('showChanges')}</button>
          </div>
        </fieldset>
      </form>
      <ListNavigation
        limit={limit}
        firstPage={paging.olderThan === undefined && paging.newerThan === undefined}
        newestHref={listHref(RECENT_CHANGES_PATH, { limit, extra })}
        newerHref={changes.newer === null ? null : listHref(RECENT_CHANGES_PATH, { limit, extra, newer: changes.newer })}
        olderHref={changes.older === null ? null : listHref(RECENT_CHANGES_PATH, { limit, extra, older: changes.older })}
        limits={RECENT_CHANGES_LIMIT_CHOICES.map((choice) => ({ limit: choice, href: listHref(RECENT_CHANGES_PATH, { limit: choice, extra }) }))}
      />
      <ChangesList rows={changes.rows} variant="recent" />
    </div>
  );
}

function ContributionsForm({ target }: { target: string }) {
  const t = useTranslations('history.contributions');
  return (
    <form method="get" action={CONTRIBUTIONS_PATH} className="changes-filter">
      <fieldset>
        <legend>{t('search')}</legend>
        <label htmlFor="contributions-target">{t('username')}</label>{' '}
        <input id="contributions-target" type="text" name="target" defaultValue={target} required />{' '}
        <button type="submit">{t('submit')}</button>
      </fieldset>
    </form>
  );
}

/**
 * /wiki/Special:Contributions/<User>: one user's edits, newest first, with "current" on revisions
 * that are still the latest of their page. Also reachable as ?target=<User>; without a user, a form.
 */
export async function ContributionsView({ query, target }: { query: SearchParams; target: string | null }) {
  const name = (target ?? (Array.isArray(query.target) ? query.target[0] : query.target) ?? '').replaceAll('_', ' ').trim();
  if (name === '') return <ContributionsForm target="" />;

  const t = await getTranslations('history.contributions');
  const { paging, error } = pagingOrError(query);
  const user = await findUserByName(name);
  if (!user) {
    return (
      <>
        <ContributionsForm target={name} />
        <p className="notice notice-error" role="alert">
          {t('notRegistered', { name })}
        </p>
      </>
    );
  }
  const basePath = contributionsHref(user.name);
  if (!paging) return <BadRequestNotice message={error} retryHref={basePath} retryLabel={t('retry', { user: user.name })} />;

  const contributions = await getContributions(user.id, paging, await getActor());
  const { limit } = paging;
  return (
    <div className="contributions">
      <p className="contributions-subtitle">{t.rich('subtitle', { user: () => <Link href={userPageHref(user.name)}>{user.name}</Link> })}</p>
      <ContributionsForm target={user.name} />
      <ListNavigation
        limit={limit}
        firstPage={paging.olderThan === undefined && paging.newerThan === undefined}
        newestHref={listHref(basePath, { limit })}
        newerHref={contributions.newer === null ? null : listHref(basePath, { limit, newer: contributions.newer })}
        olderHref={contributions.older === null ? null : listHref(basePath, { limit, older: contributions.older })}
        limits={HISTORY_LIMIT_CHOICES.map((choice) => ({ limit: choice, href: listHref(basePath, { limit: choice }) }))}
      />
      <ChangesList rows={contributions.rows} variant="contributions" emptyMessage={t('empty')} />
    </div>
  );
}
