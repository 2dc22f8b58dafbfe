import 'server-only';
import { looksLikeIpAddress } from '@/lib/domain/accounts';
import { compareLines, markdownSections, type CompareResponse } from '@/lib/domain/wikidiff-format';
import { titleToUrlPath } from '@/lib/domain/titles';
import type { UserSummary } from '@/lib/domain/wiki';
import { getDb } from '@/lib/server/db';
import { getRevision, getRevisionWithRendering, type RevisionDetail } from '@/lib/server/revisions';
import { withFileEmbeds } from '@/lib/server/file-embeds';
import { credentialsFromRequest } from '@/lib/server/session';
import type { Actor } from '@/lib/domain/policy';
import { HIDDEN_TEXT_MESSAGE } from '@/lib/domain/visibility';
import { RestError, restErrorResponse } from '@/lib/server/rest/errors';
import { HTML_TYPE, htmlDocument, jsonResponse, requestOrigin } from '@/lib/server/rest/http';
import { conditionalJson, conditionalResponse } from '@/lib/server/rest/conditional';
import { LICENSE, mediaWikiTimestamp } from '@/lib/server/rest/page-object';
import { isStorableId } from '@/lib/domain/database-integer';

/*
 * MediaWiki's revision endpoints (https://www.mediawiki.org/wiki/API:REST_API/Reference#Revision):
 *
 *   GET /w/rest.php/v1/revision/{id}                 metadata and source
 *   GET /w/rest.php/v1/revision/{id}/bare            metadata and html_url
 *   GET /w/rest.php/v1/revision/{id}/html            the HTML stored when the revision was saved
 *   GET /w/rest.php/v1/revision/{id}/with_html       metadata and that HTML
 *   GET /w/rest.php/v1/revision/{from}/compare/{to}  wikidiff2's inline JSON diff of two revisions of one page
 */

export const REST_REVISION_PATH = '/w/rest.php/v1/revision';

/** MediaWiki's user object: anonymous edits (attributed to an IP address) have no user id. */
export interface RestUser {
  id: number | null;
  name: string;
}

/** Id 0 is no account: an author hidden from this reader comes as "(username removed)" with no id. */
export function restUser(author: UserSummary): RestUser {
  return { id: looksLikeIpAddress(author.name) || author.id === 0 ? null : author.id, name: author.name };
}

export interface RestRevision {
  id: number;
  size: number;
  minor: boolean;
  timestamp: string;
  content_model: 'markdown';
  page: { id: number; key: string; title: string };
  license: typeof LICENSE;
  user: RestUser;
  comment: string;
  /** Size minus the previous revision's size; null for a page's first revision, as MediaWiki. */
  delta: number | null;
}

// ---- Paths --------------------------------------------------------------------------------------

type RevisionRoute = { kind: 'source' | 'bare' | 'html' | 'with_html'; id: string } | { kind: 'compare'; from: string; to: string };

function noMatch(pathname: string): RestError {
  return new RestError(
    'NOT_FOUND',
    'rest-no-match',
    `There is no endpoint at ${JSON.stringify(pathname.slice(0, 200))}. Revision endpoints are /revision/{id}, /revision/{id}/bare, /revision/{id}/html, /revision/{id}/with_html and /revision/{from}/compare/{to}.`,
  );
}

function parseRoute(request: Request): RevisionRoute {
  const pathname = new URL(request.url).pathname;
  const rest = pathname.startsWith(`${REST_REVISION_PATH}/`) ? pathname.slice(REST_REVISION_PATH.length + 1) : '';
  const segments = rest.split('/');
  const [first = '', second, third] = segments;
  if (first === '') throw noMatch(pathname);
  if (segments.length === 1) return { kind: 'source', id: first };
  if (segments.length === 2 && (second === 'bare' || second === 'html' || second === 'with_html')) return { kind: second, id: first };
  if (segments.length === 3 && second === 'compare' && third) return { kind: 'compare', from: first, to: third };
  throw noMatch(pathname);
}

/**
 * A revision id from the path: not a whole number → 400 (MediaWiki's integer parameter check);
 * a whole number that cannot be an id (0, or beyond the INTEGER range) → null, which the caller
 * answers with 404 like any id that names no revision.
 */
function parseRevisionId(raw: string, name: string): number | null {
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    text = raw;
  }
  if (!/^\d{1,30}$/u.test(text)) {
    throw new RestError(
      'VALIDATION',
      'paramvalidator-badinteger',
      `The ${name} in the address must be a revision id (a whole number), not ${JSON.stringify(text.slice(0, 50))}.`,
      {
        fieldErrors: { [name]: 'Must be a whole number.' },
      },
    );
  }
  const id = Number(text);
  return isStorableId(id) ? id : null;
}

// ---- Metadata -----------------------------------------------------------------------------------

/** Archived revisions do not exist for readers who may not see deleted material (404, as a missing id). */
async function findRevision(raw: string, viewer: Actor): Promise<RevisionDetail> {
  const id = parseRevisionId(raw, 'id');
  const detail = id === null ? null : await getRevision(id, viewer);
  if (!detail) throw new RestError('NOT_FOUND', 'rest-nonexistent-revision', `There is no revision with id ${raw.slice(0, 30)}.`);
  return detail;
}

/** MediaWiki's answer when a revision's text was hidden from the reader. */
function textOf(detail: RevisionDetail): string {
  if (detail.text === null) throw new RestError('FORBIDDEN', 'rest-permission-denied-revision', `${HIDDEN_TEXT_MESSAGE} (revision ${detail.revision.id})`);
  return detail.text;
}

async function parentSize(parentId: number | null): Promise<number | null> {
  if (parentId === null) return null;
  const parent = await getDb().revision.findUnique({ where: { id: parentId }, select: { size: true } });
  return parent?.size ?? null;
}

async function restRevision(detail: RevisionDetail): Promise<RestRevision> {
  const { revision, title } = detail;
  const previous = await parentSize(revision.parentId);
  return {
    id: revision.id,
    size: revision.size,
    minor: revision.minor,
    timestamp: mediaWikiTimestamp(revision.createdAt),
    content_model: 'markdown',
    page: { id: revision.pageId, key: title.prefixedDbKey, title: title.prefixedText },
    license: LICENSE,
    user: restUser(revision.author),
    comment: revision.summary,
    delta: previous === null ? null : revision.size - previous,
  };
}

function revisionUrl(request: Request, id: number, suffix = ''): string {
  return `${requestOrigin(request)}${REST_REVISION_PATH}/${id}${suffix}`;
}

/**
 * The stored rendering as a complete document, its <base> the revision's permalink. A hidden text
 * is refused (403) as for the source: its rendering is the text.
 */
async function renderedRevision(request: Request, raw: string, viewer: Actor): Promise<{ detail: RevisionDetail; html: string }> {
  const id = parseRevisionId(raw, 'id');
  const revision = id === null ? null : await getRevisionWithRendering(id, viewer);
  if (!revision) throw new RestError('NOT_FOUND', 'rest-nonexistent-revision', `There is no revision with id ${raw.slice(0, 30)}.`);
  textOf(revision);
  const permalink = `${requestOrigin(request)}${titleToUrlPath(revision.title)}?oldid=${revision.revision.id}`;
  return { detail: revision, html: htmlDocument(revision.title.prefixedText, permalink, await withFileEmbeds(revision.html)) };
}

// ---- Compare ------------------------------------------------------------------------------------

async function compare(raw: { from: string; to: string }, viewer: Actor): Promise<CompareResponse> {
  // Both ids are checked (400) before either is looked up (404), as MediaWiki validates parameters first.
  const ids = { from: parseRevisionId(raw.from, 'from'), to: parseRevisionId(raw.to, 'to') };
  const load = async (name: 'from' | 'to'): Promise<RevisionDetail> => {
    const id = ids[name];
    const detail = id === null ? null : await getRevision(id, viewer);
    if (!detail) {
      throw new RestError('NOT_FOUND', 'rest-compare-nonexistent', `The "${name}" revision (${raw[name].slice(0, 30)}) does not exist.`);
    }
    return detail;
  };
  const from = await load('from');
  const to = await load('to');
  if (from.revision.pageId !== to.revision.pageId) {
    throw new RestError(
      'VALIDATION',
      'rest-compare-page-mismatch',
      `Revisions ${from.revision.id} ("${from.title.prefixedText}") and ${to.revision.id} ("${to.title.prefixedText}") belong to different pages; only revisions of the same page can be compared.`,
    );
  }
  const [fromText, toText] = [textOf(from), textOf(to)];
  return {
    from: { id: from.revision.id, slot_role: 'main', sections: markdownSections(fromText) },
    to: { id: to.revision.id, slot_role: 'main', sections: markdownSections(toText) },
    diff: compareLines(fromText, toText),
  };
}

// ---- Handler ------------------------------------------------------------------------------------

export async function getRevisionEndpoint(request: Request): Promise<Response> {
  try {
    const route = parseRoute(request);
    // Reading needs no sign-in; who reads decides what of deleted or hidden revisions is shown.
    const { actor } = await credentialsFromRequest(request);
    switch (route.kind) {
      case 'compare':
        return jsonResponse(await compare(route, actor));
      case 'html': {
        const { detail, html } = await renderedRevision(request, route.id, actor);
        const headers = { 'x-content-type-options': 'nosniff' };
        return conditionalResponse(request, { body: html, contentType: HTML_TYPE, policy: 'content', lastModified: detail.revision.createdAt, headers });
      }
      case 'with_html': {
        const { detail, html } = await renderedRevision(request, route.id, actor);
        return conditionalJson(request, { ...(await restRevision(detail)), html }, 'content', detail.revision.createdAt);
      }
      case 'bare': {
        const detail = await findRevision(route.id, actor);
        const body = { ...(await restRevision(detail)), html_url: revisionUrl(request, detail.revision.id, '/html') };
        return conditionalJson(request, body, 'content', detail.revision.createdAt);
      }
      default: {
        const detail = await findRevision(route.id, actor);
        return conditionalJson(request, { ...(await restRevision(detail)), source: textOf(detail) }, 'content', detail.revision.createdAt);
      }
    }
  } catch (error) {
    return restErrorResponse(error, request);
  }
}
