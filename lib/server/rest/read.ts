import 'server-only';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { getArticle } from '@/lib/server/pages';
import { RestError, restErrorResponse } from '@/lib/server/rest/errors';
import { htmlDocumentResponse, jsonResponse, requestOrigin, restPageUrl } from '@/lib/server/rest/http';
import { findRestPage, findRestPageWithSource } from '@/lib/server/rest/page-object';
import { parsePagePath, type PageVariant } from '@/lib/server/rest/paths';

function missing(title: ParsedTitle): RestError {
  return new RestError(
    'NOT_FOUND',
    'rest-nonexistent-title',
    `The page "${title.prefixedText}" does not exist. Create it with POST /w/rest.php/v1/page, or with PUT on this address without "latest".`,
  );
}

const SUFFIX: Record<PageVariant, string> = { source: '', bare: '/bare', html: '/html' };

/**
 * A complete HTML document around the stored rendering. <base> is the page's own /wiki/ address,
 * so relative links resolve exactly as they do on the article page, wherever the document ends up.
 */
async function htmlResponse(request: Request, title: ParsedTitle): Promise<Response> {
  const article = await getArticle(title);
  if (!article) throw missing(title);
  const base = `${requestOrigin(request)}${titleToUrlPath(title)}`;
  return htmlDocumentResponse(title.prefixedText, base, article.html);
}

/**
 * GET /page/{title}, /page/{title}/bare and /page/{title}/html. A title spelled otherwise than
 * its key ("main_page", "Main Page") is redirected permanently to the canonical address, as
 * MediaWiki does, so that every page has one URL.
 */
export async function getPage(request: Request): Promise<Response> {
  try {
    const { title, variant, canonical } = parsePagePath(request);
    if (!canonical) {
      const target = `${restPageUrl(request, title, SUFFIX[variant])}${new URL(request.url).search}`;
      return new Response(null, { status: 301, headers: { location: target, 'cache-control': 'no-cache' } });
    }
    if (variant === 'html') return await htmlResponse(request, title);
    if (variant === 'bare') {
      const page = await findRestPage(title);
      if (!page) throw missing(title);
      return jsonResponse({ ...page, html_url: restPageUrl(request, title, '/html') });
    }
    const page = await findRestPageWithSource(title);
    if (!page) throw missing(title);
    return jsonResponse(page);
  } catch (error) {
    return restErrorResponse(error, request);
  }
}
