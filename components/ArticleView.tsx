import Link from 'next/link';
import type { ArticleView as ArticleViewModel } from '@/lib/domain/wiki';
import { encodeTitleForUrl } from '@/lib/domain/titles';
import { TableOfContents } from '@/components/TableOfContents';
import { formatTimestamp } from '@/lib/domain/format';
import { CategoryBox } from '@/components/CategoryBox';
import { PageTabs, type DiscussionTabs, type PageAccess } from '@/components/PageTabs';

/** A table of contents appears from this many headings on, as on MediaWiki. */
export const TOC_MIN_HEADINGS = 3;

const NOTICES = {
  merged: 'Your edit was saved. Someone else had changed the page meanwhile; the changes did not overlap, so both were merged.',
  protected: 'The protection settings of this page were saved and logged.',
} as const;

export interface RedirectedFrom {
  /** "Old title", shown as "(Redirected from Old title)" linking to the redirect itself (?redirect=no). */
  text: string;
  href: string;
}

export function ArticleView({
  article,
  notice,
  redirectedFrom,
  discussion,
  access,
}: {
  article: ArticleViewModel;
  notice?: keyof typeof NOTICES;
  redirectedFrom?: RedirectedFrom;
  discussion?: DiscussionTabs;
  /** The viewer's rights on the page and its lock (see PageTabs). */
  access?: PageAccess;
}) {
  const { page, revision, html, toc } = article;
  const edited = formatTimestamp(revision.createdAt);
  const path = `/wiki/${encodeTitleForUrl(page.displayTitle.replaceAll(' ', '_'))}`;
  return (
    <article className="article">
      <PageTabs path={path} current="read" discussion={discussion} access={access} />
      {notice && (
        <p role="status" className="notice">
          {NOTICES[notice]}
        </p>
      )}
      <h1 className="article-title">{page.displayTitle}</h1>
      {redirectedFrom && (
        <p className="redirected-from">
          (Redirected from{' '}
          <Link href={redirectedFrom.href} className="mw-redirect">
            {redirectedFrom.text}
          </Link>
          )
        </p>
      )}
      {toc.length >= TOC_MIN_HEADINGS && <TableOfContents entries={toc} />}
      {/* The HTML was produced by lib/domain/markdown.ts, which sanitizes it (no raw HTML, no scripts). */}
      <div className="article-body" dangerouslySetInnerHTML={{ __html: html }} />
      {article.categories && <CategoryBox categories={article.categories} />}
      <footer className="article-footer">
        This page was last edited on <time dateTime={revision.createdAt.toISOString()}>{edited.date}, at {edited.time}</time> by{' '}
        <Link href={`/wiki/${encodeTitleForUrl(`User:${revision.author.name.replaceAll(' ', '_')}`)}`}>{revision.author.name}</Link>.
      </footer>
    </article>
  );
}
