import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { RevertButton } from '@/components/RevertButton';
import { AuthorLink, EditSummary, RevisionVisibilityNotice } from '@/components/RevisionParts';
import { TableOfContents } from '@/components/TableOfContents';
import { TOC_MIN_HEADINGS } from '@/components/ArticleView';
import { restoreAction } from '@/app/actions/revert';
import { getRevisionWithRendering } from '@/lib/server/revisions';
import { resolveRedLinks } from '@/lib/server/links';
import { getActor } from '@/lib/server/session';
import { pageContextFor } from '@/lib/server/protection';
import { policySettings } from '@/lib/server/settings';
import { can } from '@/lib/domain/policy';
import { formatTimestamp } from '@/lib/domain/format';
import { encodeTitleForUrl, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/** /wiki/<Title>?oldid=<id>: a revision exactly as it was rendered when saved. */
export async function RevisionView({ title, oldid }: { title: ParsedTitle; oldid: number }) {
  const actor = await getActor();
  // Revisions of a deleted page are missing for readers (404), as any revision that does not exist.
  const detail = await getRevisionWithRendering(oldid, actor);
  if (!detail) notFound();
  // MediaWiki shows a revision under its own page's title whatever the URL said.
  if (detail.title.prefixedDbKey !== title.prefixedDbKey) redirect(`${titleToUrlPath(detail.title)}?oldid=${oldid}`);

  // Links are red or blue as the wiki is now, not as it was when the revision was saved.
  const html = await resolveRedLinks(detail.html);
  const path = titleToUrlPath(title);
  const { revision } = detail;
  const when = formatTimestamp(revision.createdAt);
  const isLatest = revision.id === detail.latestRevisionId;
  const visibility = revision.visibility;
  const mayRestore = !isLatest && !visibility?.archived && detail.text !== null && can(actor, 'edit', await pageContextFor(revision.pageId), policySettings()).allowed;
  const userLink = `/wiki/${encodeTitleForUrl(`User:${revision.author.name.replaceAll(' ', '_')}`)}`;

  return (
    <article className="article">
      <h1 className="article-title">{title.prefixedText}</h1>
      <div className="notice revision-banner" role="note">
        <p>
          {isLatest ? 'This is the current revision of this page, as edited by ' : 'This is an old revision of this page, as edited by '}
          {visibility?.withheld.author || visibility?.hidden.author ? (
            <AuthorLink author={revision.author} visibility={visibility} />
          ) : (
            <Link href={userLink}>{revision.author.name}</Link>
          )}{' '}
          at{' '}
          <time dateTime={revision.createdAt.toISOString()}>
            {when.time}, {when.date}
          </time>
          {visibility?.withheld.summary || visibility?.hidden.summary ? (
            <>
              {' '}
              <EditSummary summary={revision.summary} visibility={visibility} />
            </>
          ) : (
            revision.summary && <> ({revision.summary})</>
          )}
          .{!isLatest && ' It may differ significantly from the current revision.'}
        </p>
        <p className="revision-nav">
          {detail.previousId !== null ? (
            <>
              (<Link href={`${path}?diff=prev&oldid=${revision.id}`}>diff</Link>) <Link href={`${path}?oldid=${detail.previousId}`}>← Previous revision</Link>
            </>
          ) : (
            '← Previous revision'
          )}
          {' | '}
          <Link href={path}>Latest revision</Link>
          {!isLatest && (
            <>
              {' '}
              (<Link href={`${path}?diff=cur&oldid=${revision.id}`}>diff</Link>)
            </>
          )}
          {' | '}
          {detail.nextId !== null ? (
            <>
              <Link href={`${path}?oldid=${detail.nextId}`}>Newer revision →</Link> (<Link href={`${path}?diff=next&oldid=${revision.id}`}>diff</Link>)
            </>
          ) : (
            'Newer revision →'
          )}
        </p>
        {mayRestore && <RevertButton action={restoreAction} fields={{ revisionId: String(revision.id) }} label="Restore this version" />}
      </div>
      <RevisionVisibilityNotice visibility={visibility} />
      {detail.toc.length >= TOC_MIN_HEADINGS && <TableOfContents entries={detail.toc} />}
      {detail.text !== null && <div className="article-body" dangerouslySetInnerHTML={{ __html: html }} />}
    </article>
  );
}
