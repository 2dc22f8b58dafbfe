import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { ArticleView } from '@/components/ArticleView';
import { RedirectPageView } from '@/components/RedirectPageView';
import { readArticlePage } from '@/lib/server/article-page';
import { getActor } from '@/lib/server/session';
import { encodeTitleForUrl, titleToUrlPath, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reading a page, with MediaWiki's redirect handling: a redirect is followed once to
 * /wiki/Target?rdfrom=Source (shown there as "(Redirected from Source)"); ?redirect=no, double
 * redirects and loops show the redirect page itself. Null when the page does not exist.
 */
export async function ArticleOrRedirect({ title, query }: { title: ParsedTitle; query: SearchParams }): Promise<ReactNode> {
  const rdfrom = first(query.rdfrom);
  const parsedFrom = rdfrom ? tryParseTitle(rdfrom) : null;
  const redirectedFromTitle = parsedFrom?.ok ? parsedFrom.title : null;
  const page = await readArticlePage(title, getActor(), { noRedirect: first(query.redirect) === 'no', redirectedFrom: redirectedFromTitle });
  if (!page) return null;
  if (page.kind === 'follow') {
    const fragment = page.fragment ? `#${encodeURIComponent(page.fragment.replaceAll(' ', '_'))}` : '';
    redirect(`${titleToUrlPath(page.target)}?rdfrom=${encodeTitleForUrl(title.prefixedDbKey)}${fragment}`);
  }
  const { decision, article, discussion, access } = page;
  const redirectedFrom = redirectedFromTitle
    ? { text: redirectedFromTitle.prefixedText, href: `${titleToUrlPath(redirectedFromTitle)}?redirect=no` }
    : undefined;

  if (decision.kind === 'redirect-page') {
    return (
      <RedirectPageView
        path={titleToUrlPath(title)}
        displayTitle={title.prefixedText}
        target={{ text: decision.target.prefixedText + (decision.fragment ? `#${decision.fragment}` : ''), href: titleToUrlPath(decision.target) }}
        warning={decision.warning}
        redirectedFrom={redirectedFrom}
        discussion={discussion ?? undefined}
        access={access}
      />
    );
  }
  const postedit = first(query.postedit);
  const notice = postedit === 'merged' || postedit === 'protected' ? postedit : undefined;
  return <ArticleView article={article} notice={notice} redirectedFrom={redirectedFrom} discussion={discussion ?? undefined} access={access} />;
}
