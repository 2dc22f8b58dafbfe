import { ArticleBody } from '@/components/ArticleBody';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { getFormatter, getTranslations } from 'next-intl/server';
import { DiffView } from '@/components/DiffView';
import { RevertButton } from '@/components/RevertButton';
import { AuthorLink, EditSummary } from '@/components/RevisionParts';
import { MinorMark } from '@/components/HistoryList';
import { rollbackAction } from '@/app/actions/revert';
import { resolveComparison, type Comparison } from '@/lib/server/compare';
import { getRevisionWithRendering, type RevisionDetail } from '@/lib/server/revisions';
import { getActor } from '@/lib/server/session';
import { pageContextFor } from '@/lib/server/protection';
import { policySettings } from '@/lib/server/settings';
import { diffRevisions } from '@/lib/domain/diff';
import { isAppError } from '@/lib/domain/errors';
import { can } from '@/lib/domain/policy';
import type { DiffTarget } from '@/lib/domain/query-params';
import { encodeTitleForUrl, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

function SideHeader({ side, detail, path }: { side: 'older' | 'newer'; detail: RevisionDetail | null; path: string }) {
  const t = useTranslations('history.diff');
  const format = useFormatter();
  if (!detail) {
    return (
      <div className="diff-side-header">
        <strong>{t(side === 'older' ? 'olderRevision' : 'newerRevision')}</strong>
        <p>{t('pageDidNotExist')}</p>
      </div>
    );
  }
  const { revision } = detail;
  return (
    <div className="diff-side-header">
      <strong>
        <Link href={`${path}?oldid=${revision.id}`}>{t('revisionAsOf', { timestamp: format.dateTime(revision.createdAt, 'timestamp') })}</Link>
      </strong>
      <p>
        {revision.visibility ? (
          <AuthorLink author={revision.author} visibility={revision.visibility} />
        ) : (
          <Link href={`/wiki/${encodeTitleForUrl(`User:${revision.author.name.replaceAll(' ', '_')}`)}`}>{revision.author.name}</Link>
        )}
        {revision.minor && (
          <>
            {' '}
            <MinorMark />
          </>
        )}
      </p>
      <p className="diff-summary">
        {revision.visibility?.withheld.summary || revision.visibility?.hidden.summary ? (
          <EditSummary summary={revision.summary} visibility={revision.visibility} />
        ) : revision.summary ? (
          <>({revision.summary})</>
        ) : (
          <span className="muted">{t('noSummary')}</span>
        )}
      </p>
      {revision.visibility?.hidden.text && <p className="history-hidden-mark">{t('textHidden')}</p>}
      <p className="diff-size">{t('size', { count: revision.size, size: format.number(revision.size, { useGrouping: 'always' }) })}</p>
    </div>
  );
}

/** /wiki/<Title>?diff=…&oldid=…: two revisions side by side (or inline), then the newer one rendered. */
export async function RevisionDiffView({ title, diff, oldid, inline }: { title: ParsedTitle; diff: DiffTarget; oldid: number | undefined; inline: boolean }) {
  const [actor, t, format] = await Promise.all([getActor(), getTranslations('history.diff'), getFormatter()]);
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
  const rendered = await getRevisionWithRendering(newer.revision.id, actor);
  const isLatest = newer.revision.id === newer.latestRevisionId;
  const mayRollback = isLatest && can(actor, 'rollback', await pageContextFor(newer.revision.pageId), policySettings()).allowed;

  return (
    <article className="article">
      {heading}
      <div className="diff-headers">
        <SideHeader side="older" detail={older} path={path} />
        <SideHeader side="newer" detail={newer} path={path} />
      </div>
      <p className="diff-nav">
        {older ? <Link href={`${path}?diff=prev&oldid=${older.revision.id}`}>{t('olderEdit')}</Link> : <span className="muted">{t('olderEdit')}</span>}
        {' | '}
        {comparison.newerEditId !== null ? (
          <Link href={`${path}?diff=next&oldid=${newer.revision.id}`}>{t('newerEdit')}</Link>
        ) : (
          <span className="muted">{t('newerEdit')}</span>
        )}
        {mayRollback && (
          <>
            {' | '}
            <RevertButton action={rollbackAction} fields={{ latestRevisionId: String(newer.revision.id) }} label={t('rollback')} />
          </>
        )}
      </p>
      <DiffView
        diff={diffRevisions(older?.text ?? '', newer.text)}
        mode={inline ? 'inline' : 'side-by-side'}
        toggleHrefs={{ inline: `${base}&diffmode=inline`, sideBySide: base }}
      />
      <h2 className="diff-rendered-heading">{t('renderedHeading', { date: format.dateTime(newer.revision.createdAt, 'date') })}</h2>
      <ArticleBody html={rendered?.html ?? ''} />
    </article>
  );
}
