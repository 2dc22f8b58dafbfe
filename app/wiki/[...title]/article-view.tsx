import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { ArticleView } from '@/components/ArticleView';
import { submitWatch } from '@/app/actions/watchlist';
import { RedirectPageView } from '@/components/RedirectPageView';
import { MainPageStats } from '@/components/MainPageStats';
import type { ArticleScreen } from '@/lib/server/screens/article';
import type { ReadScreen } from '@/lib/server/screens/wiki-page';
import { articleBodyDeferral } from '@/lib/server/article-body-delivery';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/** What a page of a special kind shows around its text (a File page: its image, history and usage). */
export interface ArticleAround {
  lead?: ReactNode;
  trail?: ReactNode;
}

/**
 * An article screen: the page, or the redirect page shown as itself. A redirect to follow redirects
 * here, while the page is still being prepared (a plain function, not a component, for that).
 */
export function articleScreenContent(title: ParsedTitle, screen: ArticleScreen, around: ArticleAround = {}): ReactNode {
  if (screen.kind === 'follow') redirect(screen.href);
  const discussion = screen.discussion ?? undefined;
  if (screen.kind === 'redirect-page') {
    return (
      <RedirectPageView
        path={titleToUrlPath(title)}
        displayTitle={title.prefixedText}
        target={screen.target}
        warning={screen.warning}
        redirectedFrom={screen.redirectedFrom}
        discussion={discussion}
        access={screen.access}
        watchAction={submitWatch}
      />
    );
  }
  return (
    <ArticleView
      article={screen.article}
      notice={screen.notice}
      redirectedFrom={screen.redirectedFrom}
      discussion={discussion}
      access={screen.access}
      watchAction={submitWatch}
      lead={around.lead}
      trail={around.trail}
      deferBody={articleBodyDeferral()}
    />
  );
}

/** Reading a page (see loadReadScreen): the article, and under the Main Page its statistics. A plain function too. */
export function readScreenContent(title: ParsedTitle, screen: Extract<ReadScreen, { kind: 'page' }>, around: ArticleAround = {}): ReactNode {
  const article = articleScreenContent(title, screen.article, around);
  if (!screen.mainPageStats) return article;
  return (
    <>
      {article}
      <MainPageStats {...screen.mainPageStats} />
    </>
  );
}
