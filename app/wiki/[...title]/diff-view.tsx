import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { DiffView } from '@/components/DiffView';
import { RevertButton } from '@/components/RevertButton';
import { AuthorLink, EditSummary } from '@/components/RevisionParts';
import { rollbackAction } from '@/app/actions/revert';
import { resolveComparison, type Comparison } from '@/lib/server/compare';
import { getRevisionWithRendering, type RevisionDetail } from '@/lib/server/revisions';
import { getActor } from '@/lib/server/session';
import { pageContextFor } from '@/lib/server/protection';
import { policySettings } from '@/lib/server/settings';
import { diffRevisions } from '@/lib/domain/diff';
import { isAppError } from '@/lib/domain/errors';
import { can } from '@/lib/domain/policy';
import { formatTimestamp } from '@/lib/domain/format';
import type { DiffTarget } from '@/lib/domain/query-params';
import { encodeTitleForUrl, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

function SideHeader({ side, detail, path }: { side: 'Older' | 'Newer'; detail: RevisionDetail | null; path: string }) {
  if (!detail) {
    return (
      <div className="diff-side-header">
        <strong>{side} revision</strong>
        <p>(page did not exist)</p>
      </div>
    );
  }
  const { revision } = detail;
  const when = formatTimestamp(revision.createdAt);
  return (
    <div className="diff-side-header">
      <strong>
        <Link href={`${path}?oldid=${revision.id}`}>
          Revision as of {when.time}, {when.date}
        </Link>
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
            <abbr title="This is a minor edit">m</abbr>
          </>
        )}
      </p>
      <p className="diff-summary">
        {revision.visibility?.withheld.summary || revision.visibility?.hidden.summary ? (
          <EditSummary summary={revision.summary} visibility={revision.visibility} />
        ) : revision.summary ? (
          <>({revision.summary})</>
        ) : (
          <span className="muted">(no summary)</span>
        )}
      </p>
      {revision.visibility?.hidden.text && <p className="history-hidden-mark">(text hidden from non-administrators)</p>}
      <p className="diff-size">{revision.size.toLocaleString('en')} bytes</p>
    </div>
  );
}

/** /wiki/<Title>?diff=…&oldid=…: two revisions side by side (or inline), then the newer one rendered. */
export async function RevisionDiffView({ title, diff, oldid, inline }: { title: ParsedTitle; diff: DiffTarget; oldid: number | undefined; inline: boolean }) {
  const actor = await getActor();
  let comparison: Comparison;
  try {
    // 404 for a revision the reader may not know of (deleted page); a hidden text refuses the diff with its reason.
    comparison = await resolveComparison(diff, oldid, actor);
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === 'NOT_FOUND') notFound();
    return (
      <article className="article">
        <h1 className="article-title">{title.prefixedText}: difference between revisions</h1>
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
      <h1 className="article-title">{title.prefixedText}: difference between revisions</h1>
      <div className="diff-headers">
        <SideHeader side="Older" detail={older} path={path} />
        <SideHeader side="Newer" detail={newer} path={path} />
      </div>
      <p className="diff-nav">
        {older ? <Link href={`${path}?diff=prev&oldid=${older.revision.id}`}>← Older edit</Link> : <span className="muted">← Older edit</span>}
        {' | '}
        {comparison.newerEditId !== null ? (
          <Link href={`${path}?diff=next&oldid=${newer.revision.id}`}>Newer edit →</Link>
        ) : (
          <span className="muted">Newer edit →</span>
        )}
        {mayRollback && (
          <>
            {' | '}
            <RevertButton action={rollbackAction} fields={{ latestRevisionId: String(newer.revision.id) }} label="Rollback" />
          </>
        )}
      </p>
      <DiffView
        diff={diffRevisions(older?.text ?? '', newer.text)}
        mode={inline ? 'inline' : 'side-by-side'}
        toggleHrefs={{ inline: `${base}&diffmode=inline`, sideBySide: base }}
      />
      <h2 className="diff-rendered-heading">Revision as of {formatTimestamp(newer.revision.createdAt).date}</h2>
      <div className="article-body" dangerouslySetInnerHTML={{ __html: rendered?.html ?? '' }} />
    </article>
  );
}
