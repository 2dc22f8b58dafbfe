import Link from '@/components/Link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageTabs } from '@/components/PageTabs';
import { submitWatch } from '@/app/actions/watchlist';
import { RevertButton } from '@/components/LazyForms';
import { InvalidRequestNotice } from '@/components/InvalidRequestNotice';
import { HistoryList } from '@/components/HistoryList';
import { rollbackAction } from '@/app/actions/revert';
import { loadHistoryScreen } from '@/lib/server/screens/history';
import type { SearchParams } from '@/lib/domain/query-params';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/** /wiki/<Title>?action=history: the revisions of a page, newest first (see loadHistoryScreen). */
export async function HistoryView({ title, query }: { title: ParsedTitle; query: SearchParams }) {
  const screen = await loadHistoryScreen(title, query);
  if (screen.kind === 'not-found') notFound();

  const t = await getTranslations('history.page');
  const heading = <h1 className="article-title">{t('heading', { title: title.prefixedText })}</h1>;
  if (screen.kind === 'bad-request') {
    return (
      <article className="article history-page">
        {heading}
        <InvalidRequestNotice message={screen.message} retryHref={screen.retryHref} retryLabel={t('showLatest')} />
      </article>
    );
  }
  const { tabs } = screen;
  return (
    <article className="article history-page">
      <PageTabs watchAction={submitWatch} path={titleToUrlPath(title)} current="history" access={tabs.access} discussion={tabs.discussion ?? undefined} exists={tabs.exists} />
      {heading}
      {/* A div, not a p: the rollback button is a form, which HTML does not allow inside a p (the
          browser would close the p early and hydration would fail with React's error #418). */}
      <div className="history-back">
        <Link href={titleToUrlPath(title)}>← {title.prefixedText}</Link>
        {screen.mayRollback && (
          <>
            {' · '}
            <RevertButton action={rollbackAction} fields={{ latestRevisionId: String(screen.latestRevisionId) }} label={t('rollbackLatest')} />
          </>
        )}
      </div>
      <form method="get" action={titleToUrlPath(title)} className="history-filter">
        <input type="hidden" name="action" value="history" />
        {screen.customLimit !== null && <input type="hidden" name="limit" value={screen.customLimit} />}
        <label>
          <input type="checkbox" name="minoronly" value="1" defaultChecked={screen.minorOnly} /> {t('onlyMinor')}
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
        rows={screen.rows}
        latestRevisionId={screen.latestRevisionId}
        canChangeVisibility={screen.mayChangeVisibility}
        thankRevisionIds={screen.thankRevisionIds}
        navigation={screen.navigation}
      />
    </article>
  );
}
