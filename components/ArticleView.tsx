import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import type { ArticleView as ArticleViewModel } from '@/lib/domain/wiki';
import { encodeTitleForUrl } from '@/lib/domain/titles';
import { TableOfContents } from '@/components/TableOfContents';
import { CategoryBox } from '@/components/CategoryBox';
import { PageTabs, type DiscussionTabs, type PageAccess } from '@/components/PageTabs';

/** A table of contents appears from this many headings on, as on MediaWiki. */
export const TOC_MIN_HEADINGS = 3;

/** Notices after a redirect back to the page (?postedit=…); their text is article.view.notice.<kind>. */
export type PostEditNotice = 'merged' | 'protected';

// The renderer (lib/domain/markdown.ts) writes its notes heading and the notes' back links in
// English into the stored HTML, shared by every language; readers get them in theirs. Only the
// renderer writes these: a written heading "References" gets another id, and raw HTML is dropped.
const FOOTNOTE_HEADING = '<h2 id="footnote-label">References</h2>';
const FOOTNOTE_BACK_LABEL = /aria-label="Back to reference (\d+(?:-\d+)?)"/gu;
const escapeHtml = (text: string) => text.replace(/[&<>"]/gu, (c) => `&#${c.charCodeAt(0)};`);

/** The rendered HTML with the notes heading and back links in the reader's language. */
export function localizeFootnotes(html: string, labels: { heading: string; backTo: (reference: string) => string }): string {
  if (!html.includes(FOOTNOTE_HEADING)) return html;
  return html
    .replace(FOOTNOTE_HEADING, `<h2 id="footnote-label">${escapeHtml(labels.heading)}</h2>`)
    .replace(FOOTNOTE_BACK_LABEL, (_match, reference: string) => `aria-label="${escapeHtml(labels.backTo(reference))}"`);
}

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
  notice?: PostEditNotice;
  redirectedFrom?: RedirectedFrom;
  discussion?: DiscussionTabs;
  /** The viewer's rights on the page and its lock (see PageTabs). */
  access?: PageAccess;
}) {
  const { page, revision, html, toc } = article;
  const t = useTranslations('article');
  const format = useFormatter();
  const path = `/wiki/${encodeTitleForUrl(page.displayTitle.replaceAll(' ', '_'))}`;
  return (
    <article className="article">
      <PageTabs path={path} current="read" discussion={discussion} access={access} />
      {notice && (
        <p role="status" className="notice">
          {t(`view.notice.${notice}`)}
        </p>
      )}
      <h1 className="article-title">{page.displayTitle}</h1>
      {redirectedFrom && (
        <p className="redirected-from">
          {t.rich('redirect.redirectedFrom', {
            title: redirectedFrom.text,
            link: (chunks) => (
              <Link href={redirectedFrom.href} className="mw-redirect">
                {chunks}
              </Link>
            ),
          })}
        </p>
      )}
      {toc.length >= TOC_MIN_HEADINGS && <TableOfContents entries={toc} />}
      {/* The HTML was produced by lib/domain/markdown.ts, which sanitizes it (no raw HTML, no scripts). */}
      <div
        className="article-body"
        dangerouslySetInnerHTML={{
          __html: localizeFootnotes(html, { heading: t('footnotes.heading'), backTo: (reference) => t('footnotes.backTo', { reference }) }),
        }}
      />
      {article.categories && <CategoryBox categories={article.categories} />}
      <footer className="article-footer">
        {t.rich('view.lastEdited', {
          date: format.dateTime(revision.createdAt, 'date'),
          time: format.dateTime(revision.createdAt, 'time'),
          user: revision.author.name,
          when: (chunks) => <time dateTime={revision.createdAt.toISOString()}>{chunks}</time>,
          author: (chunks) => <Link href={`/wiki/${encodeTitleForUrl(`User:${revision.author.name.replaceAll(' ', '_')}`)}`}>{chunks}</Link>,
        })}
      </footer>
    </article>
  );
}
