import Link from '@/components/Link';
import type { ReactNode } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { AuthorLink, EditSummary } from '@/components/RevisionParts';
import { MinorMark } from '@/components/HistoryList';
import { ThankLink } from '@/components/ThankLink';
import { SummaryText } from '@/components/SummaryText';
import type { RevisionSummary } from '@/lib/domain/wiki';
import { encodeTitleForUrl } from '@/lib/domain/titles';

/**
 * "Revision as of …" for a revision of a diff, or MediaWiki's "Latest revision as of …" when it
 * is the page's current one; the same words and date-and-time format head the side of the diff and
 * the rendering below it.
 */
export function RevisionAsOf({ createdAt, latest }: { createdAt: Date; latest: boolean }) {
  const t = useTranslations('history.diff');
  const format = useFormatter();
  return <>{t(latest ? 'latestRevisionAsOf' : 'revisionAsOf', { timestamp: format.dateTime(createdAt, 'timestamp') })}</>;
}

/**
 * One side of a diff's header, as MediaWiki lays it out: the revision (a permanent link), its
 * author, summary and size, then that side's navigation ("← Older edit" under the older side,
 * "Newer edit →" under the newer one), so on a narrow screen each link stays with its revision.
 */
export function DiffSideHeader({
  side,
  revision,
  latest,
  path,
  navigation,
  thankable = false,
}: {
  side: 'older' | 'newer';
  /** null: the page did not exist (the older side of a page's first revision). */
  revision: RevisionSummary | null;
  latest: boolean;
  path: string;
  navigation: ReactNode;
  /** "(thank)" beside the author, as MediaWiki's newer side: the loader decides (lib/server/thanks.ts). */
  thankable?: boolean;
}) {
  const t = useTranslations('history.diff');
  const format = useFormatter();
  if (!revision) {
    return (
      <div className="diff-side-header">
        <strong>{t(side === 'older' ? 'olderRevision' : 'newerRevision')}</strong>
        <p>{t('pageDidNotExist')}</p>
        <div className="diff-side-nav">{navigation}</div>
      </div>
    );
  }
  return (
    <div className="diff-side-header">
      <strong>
        <Link href={`${path}?oldid=${revision.id}`}>
          <RevisionAsOf createdAt={revision.createdAt} latest={latest} />
        </Link>
      </strong>
      <p>
        {revision.visibility ? (
          <AuthorLink author={revision.author} visibility={revision.visibility} />
        ) : (
          <Link href={`/wiki/${encodeTitleForUrl(`User:${revision.author.name.replaceAll(' ', '_')}`)}`}>{revision.author.name}</Link>
        )}
        {thankable && (
          <>
            {' '}
            <ThankLink revisionId={revision.id} />
          </>
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
          <EditSummary summary={revision.summary} visibility={revision.visibility} pagePath={path} />
        ) : revision.summary ? (
          <>
            (<SummaryText summary={revision.summary} pagePath={path} />)
          </>
        ) : (
          <span className="muted">{t('noSummary')}</span>
        )}
      </p>
      {revision.visibility?.hidden.text && <p className="history-hidden-mark">{t('textHidden')}</p>}
      <p className="diff-size">{t('size', { count: revision.size, size: format.number(revision.size, { useGrouping: 'always' }) })}</p>
      {/* A div: the newer side's navigation may hold the rollback form, which a p cannot contain. */}
      <div className="diff-side-nav">{navigation}</div>
    </div>
  );
}
