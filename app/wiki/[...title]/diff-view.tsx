import { ArticleBody } from '@/components/ArticleBody';
import { articleBodyDeferral } from '@/lib/server/article-body-delivery';
import Link from '@/components/Link';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { DiffView } from '@/components/DiffView';
import { DiffSideHeader, RevisionAsOf } from '@/components/DiffSideHeader';
import { PageTabs } from '@/components/PageTabs';
import { submitWatch } from '@/app/actions/watchlist';
import { RevertButton } from '@/components/LazyForms';
import { rollbackAction } from '@/app/actions/revert';
import { loadDiffScreen } from '@/lib/server/screens/revision';
import type { DiffTarget } from '@/lib/domain/query-params';
import { diffHref } from '@/lib/domain/history';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/** /wiki/<Title>?diff=…&oldid=…: two revisions side by side (or inline), then the newer one rendered. */
export async function RevisionDiffView({ title, diff, oldid, inline }: { title: ParsedTitle; diff: DiffTarget; oldid: number | undefined; inline: boolean }) {
  const [screen, t] = await Promise.all([loadDiffScreen(title, diff, oldid), getTranslations('history.diff')]);
  const heading = <h1 className="article-title">{t('heading', { title: title.prefixedText })}</h1>;
  if (screen.kind === 'not-found') notFound();
  if (screen.kind === 'refused') {
    return (
      <article className="article">
        {heading}
        <p className="notice notice-error" role="alert">
          {screen.message}
        </p>
      </article>
    );
  }
  if (screen.kind === 'elsewhere') redirect(screen.href);
  const { comparison, isLatest, olderLatest, mayRollback, mayThankNewer, tabs } = screen;
  const { older, newer } = comparison;
  const path = titleToUrlPath(title);

  return (
    <article className="article">
      <PageTabs watchAction={submitWatch} path={path} current="read" access={tabs.access} discussion={tabs.discussion ?? undefined} exists={tabs.exists} />
      {heading}
      <div className="diff-headers">
        <DiffSideHeader
          side="older"
          revision={older?.revision ?? null}
          latest={olderLatest}
          path={path}
          navigation={older ? <Link href={diffHref(title, 'prev', older.revision.id)}>{t('olderEdit')}</Link> : <span className="muted">{t('olderEdit')}</span>}
        />
        <DiffSideHeader
          side="newer"
          revision={newer.revision}
          latest={isLatest}
          path={path}
          thankable={mayThankNewer}
          navigation={
            <>
              {comparison.newerEditId !== null ? (
                <Link href={diffHref(title, 'next', newer.revision.id)}>{t('newerEdit')}</Link>
              ) : (
                <span className="muted">{t('newerEdit')}</span>
              )}
              {mayRollback && <RevertButton action={rollbackAction} fields={{ latestRevisionId: String(newer.revision.id) }} label={t('rollback')} />}
            </>
          }
        />
      </div>
      <DiffView diff={screen.diff} mode={inline ? 'inline' : 'side-by-side'} toggleHrefs={screen.toggleHrefs} />
      <h2 className="diff-rendered-heading">
        <RevisionAsOf createdAt={newer.revision.createdAt} latest={isLatest} />
      </h2>
      <ArticleBody html={screen.html} deferTo={articleBodyDeferral()} />
    </article>
  );
}
