import 'server-only';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { getArticle } from '@/lib/server/pages';
import { getRedirectTarget } from '@/lib/server/redirects';
import { conditionalJson, conditionalResponse, latestOf } from '@/lib/server/rest/conditional';
import { RestError, restErrorResponse } from '@/lib/server/rest/errors';
import { HTML_TYPE, htmlDocument, requestOrigin, restPageUrl } from '@/lib/server/rest/http';
import { findRestPage, findRestPageWithSource, renderedAt, restPage, type RestPage } from '@/lib/server/rest/page-object';
import { parsePagePath, type PageVariant } from '@/lib/server/rest/paths';

function missing(title: ParsedTitle): RestError {
  return new RestError(
    'NOT_FOUND',
    'rest-nonexistent-title',
    `The page "${title.prefixedText}" does not exist. Create it with POST /w/rest.php/v1/page, or with PUT on this address without "latest".`,
  );
}

const SUFFIX: Record<PageVariant, string> = { source: '', bare: '/bare', html: '/html', with_html: '/with_html' };

/**
 * The current rendering as a complete HTML document, <base> the page's own /wiki/ address so that
 * relative links resolve exactly as on the article page. It changes without a new revision when a
 * template it shows changes: Last-Modified is the later of the revision and the rendering.
 */
async function renderedPage(request: Request, title: ParsedTitle): Promise<{ page: RestPage; html: string; lastModified: Date | null }> {
  const article = await getArticle(title);
  if (!article) throw missing(title);
  const base = `${requestOrigin(request)}${titleToUrlPath(title)}`;
  const rendered = await renderedAt(article.page.id);
  return {
    // The metadata of the revision the HTML is of, read in the same statement.
    page: restPage(title, article.page.id, article.revision),
    html: htmlDocument(title.prefixedText, base, article.html),
    lastModified: latestOf(article.revision.createdAt, rendered),
  };
}

/** MediaWiki's timestamps are to the second; so are HTTP dates. */
const revisionTime = (timestamp: string) => new Date(timestamp);

/**
 * A wiki redirect, as MediaWiki's page handlers answer it: the HTML variants send the client on to
 * the target's (307, unless `redirect=no`), the others describe the page and name the target's
 * address in `redirect_target`.
 */
async function redirectTargetUrl(request: Request, title: ParsedTitle, variant: PageVariant): Promise<string | null> {
  const redirect = await getRedirectTarget(title);
  return redirect ? restPageUrl(request, redirect.target, SUFFIX[variant]) : null;
}

function withRedirectTarget<T extends object>(body: T, target: string | null): T | (T & { redirect_target: string }) {
  return target === null ? body : { ...body, redirect_target: target };
}

async function variantResponse(request: Request, title: ParsedTitle, variant: PageVariant): Promise<Response> {
  const target = await redirectTargetUrl(request, title, variant);
  if (target !== null && (variant === 'html' || variant === 'with_html') && new URL(request.url).searchParams.get('redirect') !== 'no') {
    return new Response(null, { status: 307, headers: { location: target, 'cache-control': 'no-cache' } });
  }
  switch (variant) {
    case 'html': {
      const { html, lastModified } = await renderedPage(request, title);
      return conditionalResponse(request, { body: html, contentType: HTML_TYPE, policy: 'content', lastModified, headers: { 'x-content-type-options': 'nosniff' } });
    }
    case 'with_html': {
      const { page, html, lastModified } = await renderedPage(request, title);
      return conditionalJson(request, withRedirectTarget({ ...page, html }, target), 'content', lastModified);
    }
    case 'bare': {
      const page = await findRestPage(title);
      if (!page) throw missing(title);
      return conditionalJson(request, withRedirectTarget({ ...page, html_url: restPageUrl(request, title, '/html') }, target), 'content', revisionTime(page.latest.timestamp));
    }
    default: {
      const page = await findRestPageWithSource(title);
      if (!page) throw missing(title);
      return conditionalJson(request, withRedirectTarget(page, target), 'content', revisionTime(page.latest.timestamp));
    }
  }
}

/**
 * GET /page/{title}, /page/{title}/bare, /page/{title}/html and /page/{title}/with_html. A title
 * spelled otherwise than its key ("main_page", "Main Page") is redirected permanently to the
 * canonical address, as MediaWiki does, so that every page has one URL.
 */
export async function getPage(request: Request): Promise<Response> {
  try {
    const { title, variant, canonical } = parsePagePath(request);
    if (!canonical) {
      const target = `${restPageUrl(request, title, SUFFIX[variant])}${new URL(request.url).search}`;
      return new Response(null, { status: 301, headers: { location: target, 'cache-control': 'no-cache' } });
    }
    return await variantResponse(request, title, variant);
  } catch (error) {
    return restErrorResponse(error, request);
  }
}
