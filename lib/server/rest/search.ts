import 'server-only';
import { RestError, restErrorResponse } from '@/lib/server/rest/errors';
import { escapeHtmlNamed } from '@/lib/domain/html.mjs';
import { makeParsedTitle, type Namespace, type ParsedTitle } from '@/lib/domain/titles';
import { getDb } from '@/lib/server/db';
import { conditionalJson } from '@/lib/server/rest/conditional';
import { MAX_SEARCH_LIMIT, searchPages, suggestTitles, type TitleSuggestion } from '@/lib/server/search';

/**
 * MediaWiki's search endpoints: GET /w/rest.php/v1/search/page?q=&limit= (full text) and
 * GET /w/rest.php/v1/search/title?q=&limit= (title prefix, for autocompletion). Both answer
 * { pages: [{ id, key, title, excerpt, matched_title, description, thumbnail }] }; excerpts mark
 * matches with <span class="searchmatch"> and are otherwise escaped HTML, as MediaWiki's.
 *
 * As MediaWiki's SearchHandler: a matching redirect stands for its target (one result per page,
 * `matched_title` the redirect's title when the redirect was found first), and a page that matched
 * only by its title has no excerpt (null).
 */
export interface RestSearchPage {
  id: number;
  key: string;
  title: string;
  excerpt: string | null;
  matched_title: string | null;
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

/** The existing pages the redirects among `pageIds` lead to; pages that are not redirects, and broken redirects, are absent. */
async function redirectTargets(pageIds: readonly number[]): Promise<Map<number, TitleSuggestion>> {
  if (pageIds.length === 0) return new Map();
  const rows = await getDb().$queryRaw<{ source_id: number; page_id: number; namespace: number; title: string }[]>`
    SELECT r.page_id AS source_id, t.id AS page_id, t.namespace, t.title
    FROM redirects r JOIN pages t ON t.namespace = r.namespace AND t.title = r.title AND t.latest_revision_id IS NOT NULL
    WHERE r.page_id = ANY(${[...pageIds]}::int[])`;
  return new Map(rows.map((row) => [row.source_id, { pageId: row.page_id, title: makeParsedTitle(row.namespace as Namespace, row.title) }]));
}

interface Match {
  pageId: number;
  title: ParsedTitle;
  excerpt: string | null;
}

/**
 * Redirects replaced by their targets, one result per page in the order found. As MediaWiki's
 * buildPageObjects: a page first found through a redirect keeps that redirect as matched_title
 * (and takes the excerpt of the page's own match, if it comes later); a page found first by itself
 * ignores later redirects to it.
 */
async function resolveRedirects(matches: Match[]): Promise<RestSearchPage[]> {
  const targets = await redirectTargets(matches.map((match) => match.pageId));
  const pages = new Map<number, RestSearchPage>();
  for (const match of matches) {
    const target = targets.get(match.pageId);
    const page = target ?? match;
    const existing = pages.get(page.pageId);
    if (existing) {
      if (existing.matched_title !== null && !target) existing.excerpt = match.excerpt;
      continue;
    }
    pages.set(page.pageId, {
      id: page.pageId,
      key: page.title.prefixedDbKey,
      title: page.title.prefixedText,
      excerpt: match.excerpt,
      matched_title: target ? match.title.prefixedText : null,
      description: null,
      thumbnail: null,
    });
  }
  return [...pages.values()];
}

const SEARCH_MATCH = '<mark>';

export async function searchPageEndpoint(request: Request): Promise<Response> {
  try {
    const { q, limit } = parseParams(request);
    const results = await searchPages(q, { limit });
    if (results.notice && q.trim() !== '') throw new RestError('VALIDATION', 'rest-search-error', results.notice);
    const matches = results.hits.map((hit) => ({
      pageId: hit.pageId,
      title: hit.title,
      // A snippet without a marked word is the start of a text that did not match: the title did.
      excerpt: hit.snippetHtml.includes(SEARCH_MATCH) ? hit.snippetHtml.replaceAll(SEARCH_MATCH, '<span class="searchmatch">').replaceAll('</mark>', '</span>') : null,
    }));
    // Full-text results change with every edit: no lifetime, as MediaWiki sends none.
    return conditionalJson(request, { pages: await resolveRedirects(matches) }, 'revalidate', null);
  } catch (error) {
    return restErrorResponse(error, request);
  }
}

export async function searchTitleEndpoint(request: Request): Promise<Response> {
  try {
    const { q, limit } = parseParams(request);
    const suggestions = await suggestTitles(q, limit);
    const matches = suggestions.map((s) => ({ pageId: s.pageId, title: s.title, excerpt: escapeHtmlNamed(s.title.prefixedText) }));
    // Completion lists are the same for every reader: cached publicly, as MediaWiki's.
    return conditionalJson(request, { pages: await resolveRedirects(matches) }, 'completion', null);
  } catch (error) {
    return restErrorResponse(error, request);
  }
}
