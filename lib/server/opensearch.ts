import 'server-only';
import { OPENSEARCH_CONTENT_TYPE, openSearchAnswer, openSearchDescription, parseOpenSearchParams } from '@/lib/domain/opensearch';
import { titleToUrlPath } from '@/lib/domain/titles';
import { requestOrigin } from '@/lib/server/rest/http';
import { localeOfHeaders } from '@/lib/server/request-locale';
import { suggestTitles } from '@/lib/server/search';
import { getSiteName } from '@/lib/server/site';

/*
 * OpenSearch (lib/domain/opensearch.ts): the description document and action=opensearch of
 * /w/api.php, whose suggestions are the title prefix search of /w/rest.php/v1/search/title.
 */

/** GET /w/opensearch_desc.xml. Browsers fetch it once, when the reader adds the search engine. */
export async function openSearchDescriptionResponse(request: Request): Promise<Response> {
  const xml = openSearchDescription({ origin: requestOrigin(request), siteName: await getSiteName(), language: localeOfHeaders(request.headers) });
  return new Response(xml, {
    status: 200,
    headers: {
      'content-type': `${OPENSEARCH_CONTENT_TYPE}; charset=utf-8`,
      // The language follows the reader's; the origin, without NEXTAUTH_URL, the Host header.
      'cache-control': 'public, max-age=3600',
      vary: 'Accept-Language, Cookie, Host',
      'x-content-type-options': 'nosniff',
    },
  });
}

/** action=opensearch: [query, [titles], [descriptions], [urls]]. Throws ApiError on bad parameters. */
export async function openSearchAction(request: Request, params: URLSearchParams): Promise<Response> {
  const { search, limit, namespaces } = parseOpenSearchParams(params);
  const suggestions = await suggestTitles(search, limit, { namespaces });
  const origin = requestOrigin(request);
  const answer = openSearchAnswer(
    search,
    suggestions.map((s) => ({ title: s.title.prefixedText, url: `${origin}${titleToUrlPath(s.title)}` })),
  );
  return new Response(JSON.stringify(answer), {
    status: 200,
    // Suggestions follow every page creation and deletion: a browser asks again for each keystroke anyway.
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' },
  });
}
