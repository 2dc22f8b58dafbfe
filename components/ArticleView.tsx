import type { ReactNode } from 'react';
import Link from '@/components/Link';
import { ArticleBody } from '@/components/ArticleBody';
import { useFormatter, useTranslations } from 'next-intl';
import type { ArticleView as ArticleViewModel } from '@/lib/domain/wiki';
import { encodeTitleForUrl } from '@/lib/domain/titles';
import { TableOfContents } from '@/components/TableOfContents';
import { CategoryBox } from '@/components/CategoryBox';
import type { WatchAction } from '@/components/watchlist/WatchStar';
import { PageTabs, type DiscussionTabs, type PageAccess } from '@/components/PageTabs';

/** A table of contents appears from this many headings on, as on MediaWiki. */
export const TOC_MIN_HEADINGS = 3;

/** Notices after a redirect back to the page (?postedit=…); their text is article.view.notice.<kind>. */
export type PostEditNotice = 'merged' | 'protected';

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
  watchAction,
  lead,
  trail,
  deferBody,
}: {
  article: ArticleViewModel;
  notice?: PostEditNotice;
  redirectedFrom?: RedirectedFrom;
  discussion?: DiscussionTabs;
  /** The viewer's rights on the page and its lock (see PageTabs). */
  access?: PageAccess;
  /** The watch star's Server Action (see PageTabs). */
  watchAction?: WatchAction;
  /** Shown above the text, and after it (a File page's image, and its history and usage). */
  lead?: ReactNode;
  trail?: ReactNode;
  /** Takes the text out of the React tree for the server to insert (see ArticleBody). */
  deferBody?: (html: string) => string;
}) {
  const { page, revision, html, toc } = article;
  const t = useTranslations('article');
  const format = useFormatter();
  const path = `/wiki/${encodeTitleForUrl(page.displayTitle.replaceAll(' ', '_'))}`;
  return (
    <article className="article">
      <PageTabs path={path} current="read" discussion={discussion} access={access} watchAction={watchAction} />
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
      {lead}
      {toc.length >= TOC_MIN_HEADINGS && <TableOfContents entries={toc} />}
      <ArticleBody html={html} sectionEditPath={access?.mayEdit === true ? path : undefined} deferTo={deferBody} />
      {trail}
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
