import 'server-only';
import { createHash } from 'node:crypto';

/*
 * Caching headers and conditional GETs of the REST API, in one place (MediaWiki's
 * Handler::getETag / getLastModified / ConditionalHeaderUtil, and each handler's Cache-Control).
 *
 * The ETag is a hash of the representation itself, so it changes with everything the body shows:
 * a new latest revision, a new rendering of the same revision (templates, renderer version), and
 * what the reader's rights reveal of a hidden revision. It is therefore a strong validator, as
 * MediaWiki's are ("…" without W/). Last-Modified is the time of the newest revision shown (or of
 * the rendering, when that is newer), to the second as HTTP-dates are.
 */

/** How long a response may be reused without asking, as MediaWiki sends for each endpoint. */
export type CachePolicy =
  /** page, bare, html, with_html and the revision endpoints: PageContentHelper::MAX_AGE_200. */
  | 'content'
  /** history counts: PageHistoryCountHandler::MAX_AGE_200. */
  | 'counts'
  /** title search: $wgSearchSuggestCacheExpiry, public because every reader gets the same list. */
  | 'completion'
  /** history and full-text search: MediaWiki sets no lifetime; revalidate on every use. */
  | 'revalidate';

const MAX_AGE: Record<Exclude<CachePolicy, 'revalidate'>, number> = { content: 5, counts: 60, completion: 1200 };

/**
 * A request that carries credentials may be answered with what only that reader may see (a hidden
 * revision for an administrator): it is cached by the reader's own client only ("private").
 */
function hasCredentials(request: Request): boolean {
  return request.headers.has('authorization') || request.headers.has('cookie');
}

export function cacheControl(policy: CachePolicy, request: Request): string {
  if (policy === 'revalidate') return 'no-cache';
  if (policy === 'completion') return `public, max-age=${MAX_AGE.completion}`;
  return hasCredentials(request) ? `private, max-age=${MAX_AGE[policy]}` : `max-age=${MAX_AGE[policy]}`;
}

/** `version`: what else the representation depends on (a filtered history: the page's latest revision). */
export function strongEtag(body: string, version = ''): string {
  return `"${createHash('sha1').update(version).update('\n').update(body).digest('hex')}"`;
}

/** The entity tags of an If-None-Match list ("*" matches any); weak comparison, as RFC 9110 asks for GET. */
function noneMatchHits(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//u, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/**
 * RFC 9110 §13.2.2: If-None-Match decides when present (If-Modified-Since is then ignored);
 * otherwise a resource not modified since the given date (to the second) is not sent again.
 */
export function isNotModified(request: Request, etag: string | null, lastModified: Date | null): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const noneMatch = request.headers.get('if-none-match');
  if (noneMatch !== null) return etag !== null && noneMatchHits(noneMatch, etag);
  const since = request.headers.get('if-modified-since');
  if (since === null || lastModified === null) return false;
  const sinceMs = Date.parse(since);
  return Number.isFinite(sinceMs) && Math.floor(lastModified.getTime() / 1000) * 1000 <= sinceMs;
}

export interface Representation {
  body: string;
  contentType: string;
  policy: CachePolicy;
  /** The newest change the body shows; null when there is none to name (no Last-Modified). */
  lastModified: Date | null;
  /** Mixed into the ETag: a change the body does not show but that should still invalidate it. */
  version?: string;
  /** False: Last-Modified only (MediaWiki's history counts send no ETag). */
  etag?: boolean;
  headers?: Record<string, string>;
}

/** A 200 with ETag, Last-Modified and Cache-Control, or a 304 with the same validators and no body. */
export function conditionalResponse(request: Request, representation: Representation): Response {
  const etag = representation.etag === false ? null : strongEtag(representation.body, representation.version);
  const headers: Record<string, string> = {
    ...(etag ? { etag } : {}),
    'cache-control': cacheControl(representation.policy, request),
    ...(representation.lastModified ? { 'last-modified': representation.lastModified.toUTCString() } : {}),
    ...representation.headers,
  };
  if (isNotModified(request, etag, representation.lastModified)) return new Response(null, { status: 304, headers });
  return new Response(representation.body, { status: 200, headers: { 'content-type': representation.contentType, ...headers } });
}

export const JSON_TYPE = 'application/json; charset=utf-8';

export function conditionalJson(
  request: Request,
  body: unknown,
  policy: CachePolicy,
  lastModified: Date | null,
  options: Pick<Representation, 'version' | 'etag' | 'headers'> = {},
): Response {
  return conditionalResponse(request, { body: JSON.stringify(body), contentType: JSON_TYPE, policy, lastModified, ...options });
}

/** The later of two times (a rendering made after its revision was saved, for instance). */
export function latestOf(...dates: (Date | null | undefined)[]): Date | null {
  const times = dates.filter((date): date is Date => date instanceof Date).map((date) => date.getTime());
  return times.length === 0 ? null : new Date(Math.max(...times));
}
