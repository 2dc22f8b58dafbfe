import Link from '@/components/Link';
import { notFound, redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { RevertButton } from '@/components/LazyForms';
import { AuthorLink, EditSummary, RevisionVisibilityNotice } from '@/components/RevisionParts';
import { TableOfContents } from '@/components/TableOfContents';
import { TOC_MIN_HEADINGS } from '@/components/ArticleView';
import { ArticleBody } from '@/components/ArticleBody';
import { articleBodyDeferral } from '@/lib/server/article-body-delivery';
import { SummaryText } from '@/components/SummaryText';
import { PageTabs } from '@/components/PageTabs';
import { submitWatch } from '@/app/actions/watchlist';
import { restoreAction } from '@/app/actions/revert';
import { loadRevisionScreen } from '@/lib/server/screens/revision';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { diffHref, permalinkHref, userPageHref } from '@/lib/domain/history';

/** /wiki/<Title>?oldid=<id>: a revision exactly as it was rendered when saved. */
export async function RevisionView({ title, oldid }: { title: ParsedTitle; oldid: number }) {
  const [screen, t, format] = await Promise.all([loadRevisionScreen(title, oldid), getTranslations('history.revision'), getFormatter()]);
  if (screen.kind === 'not-found') notFound();
  if (screen.kind === 'elsewhere') redirect(screen.href);
  const { detail, isLatest, mayRestore, tabs, importSource } = screen;
  const path = titleToUrlPath(title);
  const { revision, html } = detail;
  const visibility = revision.visibility;

  return (
    <article className="article">
      <PageTabs watchAction={submitWatch} path={path} current="read" access={tabs.access} discussion={tabs.discussion ?? undefined} exists={tabs.exists} />
      <h1 className="article-title">{title.prefixedText}</h1>
      <div className="notice revision-banner" role="note">
        <p>
          {t.rich(isLatest ? 'currentBanner' : 'oldBanner', {
            author: () =>
              visibility?.withheld.author || visibility?.hidden.author ? (
                <AuthorLink author={revision.author} visibility={visibility} />
              ) : (
                <Link href={userPageHref(revision.author.name)}>{revision.author.name}</Link>
              ),
            time: () => <time dateTime={revision.createdAt.toISOString()}>{format.dateTime(revision.createdAt, 'timestamp')}</time>,
            summary: () =>
              visibility?.withheld.summary || visibility?.hidden.summary ? (
                <>
                  {' '}
                  <EditSummary summary={revision.summary} visibility={visibility} pagePath={path} />
                </>
              ) : (
                revision.summary && (
                  <>
                    {' '}
                    (<SummaryText summary={revision.summary} pagePath={path} />)
                  </>
                )
              ),
          })}
        </p>
        <p className="revision-nav">
          {detail.previousId !== null ? (
            <>
              (<Link href={diffHref(title, 'prev', revision.id)}>{t('diff')}</Link>) <Link href={permalinkHref(title, detail.previousId)}>{t('previous')}</Link>
            </>
          ) : (
            t('previous')
          )}
          {' | '}
          <Link href={path}>{t('latest')}</Link>
          {!isLatest && (
            <>
              {' '}
              (<Link href={diffHref(title, 'cur', revision.id)}>{t('diff')}</Link>)
            </>
          )}
          {' | '}
          {detail.nextId !== null ? (
            <>
              <Link href={permalinkHref(title, detail.nextId)}>{t('newer')}</Link> (<Link href={diffHref(title, 'next', revision.id)}>{t('diff')}</Link>)
            </>
          ) : (
            t('newer')
          )}
        </p>
        {mayRestore && <RevertButton action={restoreAction} fields={{ revisionId: String(revision.id) }} label={t('restore')} />}
      </div>
      <RevisionVisibilityNotice visibility={visibility} />
      {detail.toc.length >= TOC_MIN_HEADINGS && <TableOfContents entries={detail.toc} />}
      {detail.text !== null && <ArticleBody html={html} deferTo={articleBodyDeferral()} />}
      {importSource && (
        <details className="import-source">
          <summary>{t('importSource', { model: importSource.model })}</summary>
          <pre dir="ltr">{importSource.text}</pre>
        </details>
      )}
    </article>
  );
}
