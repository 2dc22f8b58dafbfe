import 'server-only';
import { RestError, restErrorResponse } from '@/lib/server/rest/errors';
import { escapeHtmlNamed } from '@/lib/domain/html.mjs';
import { jsonResponse } from '@/lib/server/rest/http';
import { MAX_SEARCH_LIMIT, searchPages, suggestTitles } from '@/lib/server/search';
import type { ParsedTitle } from '@/lib/domain/titles';

/**
 * MediaWiki's search endpoints: GET /w/rest.php/v1/search/page?q=&limit= (full text) and
 * GET /w/rest.php/v1/search/title?q=&limit= (title prefix, for autocompletion). Both answer
 * { pages: [{ id, key, title, excerpt, matched_title, description, thumbnail }] }; excerpts mark
 * matches with <span class="searchmatch"> and are otherwise escaped HTML, as MediaWiki's.
 */
export interface RestSearchPage {
  id: number;
  key: string;
  title: string;
  excerpt: string;
  matched_title: null;
  description: null;
  thumbnail: null;
}

const DEFAULT_LIMIT = 50;

function parseParams(request: Request): { q: string; limit: number } {
  const params = new URL(request.url).searchParams;
  const q = params.get('q');
  if (q === null) {
    throw new RestError('VALIDATION', 'paramvalidator-missingparam', 'The "q" parameter must be set.', { fieldErrors: { q: 'Required.' } });
  }
  const rawLimit = params.get('limit');
  if (rawLimit === null) return { q, limit: DEFAULT_LIMIT };
  const limit = /^\d{1,4}$/.test(rawLimit.trim()) ? Number(rawLimit.trim()) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    const message = `Invalid value "${rawLimit.slice(0, 50)}" for "limit": it must be an integer between 1 and ${MAX_SEARCH_LIMIT}.`;
    throw new RestError('VALIDATION', 'paramvalidator-outofrange', message, { fieldErrors: { limit: message } });
  }
  return { q, limit };
}

function pageObject(id: number, title: ParsedTitle, excerpt: string): RestSearchPage {
  return { id, key: title.prefixedDbKey, title: title.prefixedText, excerpt, matched_title: null, description: null, thumbnail: null };
}

export async function searchPageEndpoint(request: Request): Promise<Response> {
  try {
    const { q, limit } = parseParams(request);
    const results = await searchPages(q, { limit });
    if (results.notice && q.trim() !== '') throw new RestError('VALIDATION', 'rest-search-error', results.notice);
    return jsonResponse({
      pages: results.hits.map((hit) => pageObject(hit.pageId, hit.title, hit.snippetHtml.replaceAll('<mark>', '<span class="searchmatch">').replaceAll('</mark>', '</span>'))),
    });
  } catch (error) {
    return restErrorResponse(error, request);
  }
}

export async function searchTitleEndpoint(request: Request): Promise<Response> {
  try {
    const { q, limit } = parseParams(request);
    const suggestions = await suggestTitles(q, limit);
    return jsonResponse({ pages: suggestions.map((s) => pageObject(s.pageId, s.title, escapeHtmlNamed(s.title.prefixedText))) });
  } catch (error) {
    return restErrorResponse(error, request);
  }
}
