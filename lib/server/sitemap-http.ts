import 'server-only';
import { createHash } from 'node:crypto';
import { AppError, INTERNAL_ERROR, toAppError } from '@/lib/domain/errors';
import { englishText } from '@/lib/domain/error-messages';
import { errorResponse } from '@/lib/domain/error-response.mjs';
import { ROBOTS_CONTENT_TYPE, robotsTxt } from '@/lib/domain/robots';
import {
  articleLoc,
  etagMatches,
  parseSitemapNumber,
  SITEMAP_CONTENT_TYPE,
  SITEMAP_INDEX_PATH,
  sitemapCount,
  sitemapIndexXml,
  sitemapPath,
  urlEntries,
  URLSET_END,
  urlsetStart,
  type IndexEntry,
} from '@/lib/domain/sitemap';
import { configuredOrigin } from '@/lib/domain/http-security';
import { requestOrigin } from '@/lib/server/rest/http';
import { getSitemapLayout, SITEMAP_LAYOUT_TTL_MS, sitemapPages, type SitemapLayout, type SitemapPage } from '@/lib/server/sitemap';

/*
 * The answers of /robots.txt, /sitemap.xml and /sitemap-<n>.xml (routes under app/; next.config.ts
 * rewrites /sitemap-<n>.xml to app/w/sitemap/[page]/). Addresses are absolute (the protocol wants
 * them so): on the site's configured address (NEXTAUTH_URL) when there is one, else on the
 * request's, as the feeds' are.
 *
 * Repeated crawls are cheap: the layout (lib/server/sitemap.ts) is kept for ten minutes, each
 * document has an ETag made from it, and a crawler that sends it back gets 304 without a query.
 */

/**
 * Shared caches may keep the documents only when their addresses come from the configuration.
 * Built from the request's Host, they must not: a cache in front that keys by path alone would
 * hand one forged Host's addresses to every crawler. Revalidation (ETag) keeps crawls cheap anyway.
 */
function cacheControl(): string {
  return configuredOrigin(process.env) === null ? 'no-cache' : `public, max-age=${SITEMAP_LAYOUT_TTL_MS / 1000}`;
}

/** A number past the end is re-checked against a layout at most this old: another process may have seen newer pages. */
const PAST_THE_END_MAX_AGE_MS = 5_000;
const encoder = new TextEncoder();

export interface SitemapOptions {
  /** URLs per sitemap (tests use small parts); the protocol's 50,000 by default. */
  perSitemap?: number;
  /** Rows per database query while writing a sitemap. */
  batchSize?: number;
}

/** GET /robots.txt. */
export function robotsResponse(request: Request): Response {
  return new Response(robotsTxt(requestOrigin(request)), {
    headers: { 'content-type': ROBOTS_CONTENT_TYPE, 'cache-control': cacheControl(), 'x-content-type-options': 'nosniff' },
  });
}

/** GET /sitemap.xml: the index of the paged sitemaps. */
export async function sitemapIndexResponse(request: Request, options: SitemapOptions = {}): Promise<Response> {
  try {
    const layout = await getSitemapLayout({ perSitemap: options.perSitemap });
    const origin = requestOrigin(request);
    const etag = weakTag(origin, 'index', ...layout.parts.map((part) => part.version));
    if (etagMatches(request.headers.get('if-none-match'), etag)) return notModified(etag);
    // A wiki without articles still lists sitemap 1 (empty): an index needs at least one sitemap.
    const entries: IndexEntry[] =
      layout.parts.length === 0
        ? [{ loc: `${origin}${sitemapPath(1)}`, lastmod: null }]
        : layout.parts.map((part) => ({ loc: `${origin}${sitemapPath(part.number)}`, lastmod: part.lastmod }));
    return new Response(sitemapIndexXml(entries), { headers: xmlHeaders(etag) });
  } catch (error) {
    return plainTextError(error);
  }
}

/** GET /sitemap-<n>.xml; `raw` is <n> as the address gave it. */
export async function sitemapResponse(request: Request, raw: string, options: SitemapOptions = {}): Promise<Response> {
  try {
    const number = parseSitemapNumber(raw);
    if (number === null) {
      throw new AppError('NOT_FOUND', `"${raw.slice(0, 40)}" is not the number of a sitemap: they are numbered 1, 2, 3… and listed in ${SITEMAP_INDEX_PATH}.`);
    }
    let layout = await getSitemapLayout({ perSitemap: options.perSitemap });
    if (number > sitemapCount(totalUrls(layout), layout.perSitemap)) layout = await getSitemapLayout({ perSitemap: options.perSitemap, maxAgeMs: PAST_THE_END_MAX_AGE_MS });
    const count = sitemapCount(totalUrls(layout), layout.perSitemap);
    if (number > count) throw new AppError('NOT_FOUND', `There is no sitemap ${number}: this wiki has ${count === 1 ? 'one' : count}, listed in ${SITEMAP_INDEX_PATH}.`);

    const origin = requestOrigin(request);
    const part = layout.parts[number - 1];
    const etag = weakTag(origin, String(number), part?.version ?? 'empty');
    if (etagMatches(request.headers.get('if-none-match'), etag)) return notModified(etag);
    const body = part ? await urlsetStream(origin, sitemapPages(layout, part, options.batchSize)) : urlsetStart() + URLSET_END;
    return new Response(body, { headers: xmlHeaders(etag) });
  } catch (error) {
    return plainTextError(error);
  }
}

function totalUrls(layout: SitemapLayout): number {
  return layout.parts.reduce((sum, part) => sum + part.urls, 0);
}

/**
 * The sitemap as a stream, one database batch per chunk, so a 50,000-URL sitemap never holds more
 * than one batch of pages. The first batch is read before answering: a database that is down
 * answers 503, not a 200 cut short.
 */
async function urlsetStream(origin: string, pages: AsyncGenerator<SitemapPage[]>): Promise<ReadableStream<Uint8Array>> {
  const entries = (batch: SitemapPage[]) => urlEntries(batch.map((page) => ({ loc: articleLoc(origin, page.namespace, page.title), lastmod: page.lastmod })));
  const first = await pages.next();
  let pending: string | null = urlsetStart() + (first.done ? URLSET_END : entries(first.value));
  const finished = first.done === true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pending !== null) {
        controller.enqueue(encoder.encode(pending));
        pending = null;
        if (finished) controller.close();
        return;
      }
      try {
        const next = await pages.next();
        if (next.done) {
          controller.enqueue(encoder.encode(URLSET_END));
          controller.close();
        } else {
          controller.enqueue(encoder.encode(entries(next.value)));
        }
      } catch (error) {
        // Headers are sent: all that is left is to cut the response, so the crawler retries.
        console.error(error);
        controller.error(error);
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}

/** A weak tag: equal tags mean the same pages, though the bytes may differ (a newer lastmod within the ten minutes). */
function weakTag(...parts: string[]): string {
  return `W/"${createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 27)}"`;
}

function xmlHeaders(etag: string): Record<string, string> {
  return { 'content-type': SITEMAP_CONTENT_TYPE, 'cache-control': cacheControl(), etag, 'x-content-type-options': 'nosniff' };
}

function notModified(etag: string): Response {
  return new Response(null, { status: 304, headers: { 'cache-control': cacheControl(), etag } });
}

/** Errors as plain text (a crawler logs the status, a person reads the message). */
function plainTextError(error: unknown): Response {
  const appError = toAppError(error);
  if (!appError || appError.code === 'INTERNAL' || appError.code === 'DATABASE_UNAVAILABLE') console.error(error);
  const known = appError !== null && appError.code !== 'INTERNAL';
  return errorResponse(`${known ? appError.message : englishText(INTERNAL_ERROR)}\n`, {
    status: appError ? appError.status : 500,
    contentType: 'text/plain; charset=utf-8',
    retryAfterSeconds: appError?.retryAfterSeconds,
    headers: { 'x-content-type-options': 'nosniff' },
  });
}
