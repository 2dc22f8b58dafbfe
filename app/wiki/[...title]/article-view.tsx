import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { ArticleView } from '@/components/ArticleView';
import { RedirectPageView } from '@/components/RedirectPageView';
import { discussionTabsFor, getArticle } from '@/lib/server/pages';
import { decideRedirectView } from '@/lib/server/redirects';
import { pageAccessFor } from '@/lib/server/protection';
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
  const decision = await decideRedirectView(title, { noRedirect: first(query.redirect) === 'no', redirectedFrom: redirectedFromTitle });

  if (decision.kind === 'follow') {
    const fragment = decision.fragment ? `#${encodeURIComponent(decision.fragment.replaceAll(' ', '_'))}` : '';
    redirect(`${titleToUrlPath(decision.target)}?rdfrom=${encodeTitleForUrl(title.prefixedDbKey)}${fragment}`);
  }
  const [article, discussion, actor] = await Promise.all([getArticle(title), discussionTabsFor(title), getActor()]);
  if (!article) return null;
  const access = await pageAccessFor(actor, article.page.id);
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
