import Link from 'next/link';
import type { ArticleView as ArticleViewModel } from '@/lib/domain/wiki';
import { encodeTitleForUrl } from '@/lib/domain/titles';
import { TableOfContents } from '@/components/TableOfContents';
import { formatTimestamp } from '@/lib/domain/format';
import { PageTabs } from '@/components/PageTabs';

/** A table of contents appears from this many headings on, as on MediaWiki. */
export const TOC_MIN_HEADINGS = 3;

const NOTICES = {
  merged: 'Your edit was saved. Someone else had changed the page meanwhile; the changes did not overlap, so both were merged.',
} as const;

export function ArticleView({ article, notice }: { article: ArticleViewModel; notice?: keyof typeof NOTICES }) {
  const { page, revision, html, toc } = article;
  const edited = formatTimestamp(revision.createdAt);
  const path = `/wiki/${encodeTitleForUrl(page.displayTitle.replaceAll(' ', '_'))}`;
  return (
    <article className="article">
      <PageTabs path={path} current="read" />
      {notice && (
        <p role="status" className="notice">
          {NOTICES[notice]}
        </p>
      )}
      <h1 className="article-title">{page.displayTitle}</h1>
      {toc.length >= TOC_MIN_HEADINGS && <TableOfContents entries={toc} />}
      {/* The HTML was produced by lib/domain/markdown.ts, which sanitizes it (no raw HTML, no scripts). */}
      <div className="article-body" dangerouslySetInnerHTML={{ __html: html }} />
      <footer className="article-footer">
        This page was last edited on <time dateTime={revision.createdAt.toISOString()}>{edited.date}, at {edited.time}</time> by{' '}
        <Link href={`/wiki/${encodeTitleForUrl(`User:${revision.author.name.replaceAll(' ', '_')}`)}`}>{revision.author.name}</Link>.
      </footer>
    </article>
  );
}
