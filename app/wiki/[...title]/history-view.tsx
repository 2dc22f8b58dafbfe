import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { PageTabs } from '@/components/PageTabs';
import { RevertButton } from '@/components/RevertButton';
import { rollbackAction } from '@/app/actions/revert';
import { getActor } from '@/lib/server/session';
import { getPageProtection } from '@/lib/server/protection';
import { pageContext } from '@/lib/domain/protection';
import { readPageTabs } from '@/lib/server/article-page';
import { policySettings } from '@/lib/server/settings';
import { can } from '@/lib/domain/policy';
import { notFound } from 'next/navigation';
import { HistoryList } from '@/components/HistoryList';
import { findHistoryPage, getPageHistory } from '@/lib/server/history';
import { isAppError } from '@/lib/domain/errors';
import { DEFAULT_LIMIT, HISTORY_LIMIT_CHOICES, historyHref, parsePaging, type Paging, type QueryValue } from '@/lib/domain/history';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

type SearchParams = Record<string, QueryValue>;

function first(value: QueryValue): string | undefined {
  return (Array.isArray(value) ? value[0] : value) ?? undefined;
}

/** A query-string flag such as `?hideminor=1`: present and not "0". */
export function flag(value: QueryValue): boolean {
  const raw = first(value);
  return raw !== undefined && raw !== '' && raw !== '0';
}

/**
 * A request whose parameters make no sense. A page cannot set its status code (the REST API
 * answers these with a real 400), so the reason is shown as a clear error notice.
 */
export function BadRequestNotice({ message, retryHref, retryLabel }: { message: string; retryHref: string; retryLabel: string }) {
  const t = useTranslations('history.page');
  return (
    <div className="notice notice-error" role="alert">
      <p>{t.rich('invalidRequest', { message, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <p>
        <Link href={retryHref}>{retryLabel}</Link>
      </p>
    </div>
  );
}

/** Parses paging parameters, or returns the message that says what is wrong with them. */
export function pagingOrError(query: SearchParams): { paging: Paging; error: null } | { paging: null; error: string } {
  try {
    return { paging: parsePaging(query), error: null };
  } catch (error) {
    if (isAppError(error) && error.code === 'VALIDATION') return { paging: null, error: error.message };
    throw error;
  }
}

/**
 * /wiki/<Title>?action=history: the revisions of a page, newest first, 50 at a time (`limit` up to
 * 500), paged with `older=<id>` / `newer=<id>` cursors (there is no `offset`).
 */
export async function HistoryView({ title, query }: { title: ParsedTitle; query: SearchParams }) {
  const page = await findHistoryPage(title);
  if (!page) notFound();

  const t = await getTranslations('history.page');
  const heading = <h1 className="article-title">{t('heading', { title: title.prefixedText })}</h1>;
  const { paging, error } = pagingOrError(query);
  if (!paging) {
    return (
      <article className="article history-page">
        {heading}
        <BadRequestNotice message={error} retryHref={historyHref(title)} retryLabel={t('showLatest')} />
      </article>
    );
  }

  const minorOnly = flag(query.minoronly);
  const extra: Record<string, string> = minorOnly ? { minoronly: '1' } : {};
  const actor = await getActor();
  const [history, protection, tabs] = await Promise.all([getPageHistory(page.id, { ...paging, minorOnly }, actor), getPageProtection(page.id), readPageTabs(title, actor)]);
  const mayRollback = can(actor, 'rollback', pageContext(page.id, protection), policySettings()).allowed;
  const { limit } = paging;
  const cursor = { older: paging.olderThan, newer: paging.newerThan };

  return (
    <article className="article history-page">
      <PageTabs path={titleToUrlPath(title)} current="history" access={tabs.access} discussion={tabs.discussion ?? undefined} exists={tabs.exists} />
      {heading}
      {/* A div, not a p: the rollback button is a form, which HTML does not allow inside a p (the
          browser would close the p early and hydration would fail with React's error #418). */}
      <div className="history-back">
        <Link href={titleToUrlPath(title)}>← {title.prefixedText}</Link>
        {mayRollback && (
          <>
            {' · '}
            <RevertButton action={rollbackAction} fields={{ latestRevisionId: String(page.latestRevisionId) }} label={t('rollbackLatest')} />
          </>
        )}
      </div>
      <form method="get" action={titleToUrlPath(title)} className="history-filter">
        <input type="hidden" name="action" value="history" />
        {limit !== DEFAULT_LIMIT && <input type="hidden" name="limit" value={limit} />}
        <label>
          <input type="checkbox" name="minoronly" value="1" defaultChecked={minorOnly} /> {t('onlyMinor')}
        </label>{' '}
        <button type="submit">{t('showRevisions')}</button>
      </form>
      <p className="history-legend">
        {t.rich('howTo', { em: (chunks) => <em>{chunks}</em> })}
        <br />
        {t.rich('legend', { strong: (chunks) => <strong>{chunks}</strong> })}
      </p>
      <HistoryList
        title={title}
        rows={history.rows}
        latestRevisionId={page.latestRevisionId}
        canChangeVisibility={can(actor, 'hiderevision', { id: page.id }, policySettings()).allowed}
        navigation={{
          limit,
          newestHref: historyHref(title, { limit, extra }),
          firstPage: paging.olderThan === undefined && paging.newerThan === undefined,
          newerHref: history.newer === null ? null : historyHref(title, { limit, extra, newer: history.newer }),
          olderHref: history.older === null ? null : historyHref(title, { limit, extra, older: history.older }),
          limits: HISTORY_LIMIT_CHOICES.map((choice) => ({ limit: choice, href: historyHref(title, { ...cursor, limit: choice, extra }) })),
        }}
      />
    </article>
  );
}
