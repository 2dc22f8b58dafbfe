import { ArticleBody } from '@/components/ArticleBody';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { DiffView } from '@/components/DiffView';
import { DiffSideHeader, RevisionAsOf } from '@/components/DiffSideHeader';
import { PageTabs } from '@/components/PageTabs';
import { RevertButton } from '@/components/RevertButton';
import { readPageTabs } from '@/lib/server/article-page';
import { rollbackAction } from '@/app/actions/revert';
import { resolveComparison, type Comparison } from '@/lib/server/compare';
import { getRevisionWithRendering } from '@/lib/server/revisions';
import { getActor } from '@/lib/server/session';
import { pageContextFor } from '@/lib/server/protection';
import { policySettings } from '@/lib/server/settings';
import { diffRevisions } from '@/lib/domain/diff';
import { isAppError } from '@/lib/domain/errors';
import { can } from '@/lib/domain/policy';
import type { DiffTarget } from '@/lib/domain/query-params';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/** /wiki/<Title>?diff=…&oldid=…: two revisions side by side (or inline), then the newer one rendered. */
export async function RevisionDiffView({ title, diff, oldid, inline }: { title: ParsedTitle; diff: DiffTarget; oldid: number | undefined; inline: boolean }) {
  const [actor, t] = await Promise.all([getActor(), getTranslations('history.diff')]);
  const heading = <h1 className="article-title">{t('heading', { title: title.prefixedText })}</h1>;
  let comparison: Comparison;
  try {
    // 404 for a revision the reader may not know of (deleted page); a hidden text refuses the diff with its reason.
    comparison = await resolveComparison(diff, oldid, actor);
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === 'NOT_FOUND') notFound();
    return (
      <article className="article">
        {heading}
        <p className="notice notice-error" role="alert">
          {error.message}
        </p>
      </article>
    );
  }
  const { older, newer } = comparison;
  if (newer.title.prefixedDbKey !== title.prefixedDbKey) {
    redirect(`${titleToUrlPath(newer.title)}?diff=${newer.revision.id}${older ? `&oldid=${older.revision.id}` : ''}`);
  }
  const path = titleToUrlPath(title);
  const base = `${path}?diff=${newer.revision.id}${older ? `&oldid=${older.revision.id}` : ''}`;
  const [rendered, tabs] = await Promise.all([getRevisionWithRendering(newer.revision.id, actor), readPageTabs(title, actor)]);
  const isLatest = newer.revision.id === newer.latestRevisionId;
  const mayRollback = isLatest && can(actor, 'rollback', await pageContextFor(newer.revision.pageId), policySettings()).allowed;
  const olderLatest = older !== null && older.revision.id === older.latestRevisionId;

  return (
    <article className="article">
      <PageTabs path={path} current="read" access={tabs.access} discussion={tabs.discussion ?? undefined} exists={tabs.exists} />
      {heading}
      <div className="diff-headers">
        <DiffSideHeader
          side="older"
          revision={older?.revision ?? null}
          latest={olderLatest}
          path={path}
          navigation={older ? <Link href={`${path}?diff=prev&oldid=${older.revision.id}`}>{t('olderEdit')}</Link> : <span className="muted">{t('olderEdit')}</span>}
        />
        <DiffSideHeader
          side="newer"
          revision={newer.revision}
          latest={isLatest}
          path={path}
          navigation={
            <>
              {comparison.newerEditId !== null ? (
                <Link href={`${path}?diff=next&oldid=${newer.revision.id}`}>{t('newerEdit')}</Link>
              ) : (
                <span className="muted">{t('newerEdit')}</span>
              )}
              {mayRollback && <RevertButton action={rollbackAction} fields={{ latestRevisionId: String(newer.revision.id) }} label={t('rollback')} />}
            </>
          }
        />
      </div>
      <DiffView
        diff={diffRevisions(older?.text ?? '', newer.text)}
        mode={inline ? 'inline' : 'side-by-side'}
        toggleHrefs={{ inline: `${base}&diffmode=inline`, sideBySide: base }}
      />
      <h2 className="diff-rendered-heading">
        <RevisionAsOf createdAt={newer.revision.createdAt} latest={isLatest} />
      </h2>
      <ArticleBody html={rendered?.html ?? ''} />
    </article>
  );
}
