import 'server-only';
import { SITEMAP_NAMESPACES, SITEMAP_URL_LIMIT } from '@/lib/domain/sitemap';
import type { Namespace } from '@/lib/domain/titles';
import { Prisma } from '@/lib/generated/prisma/client';
import { getDb } from '@/lib/server/db';

/*
 * The pages the sitemaps list (lib/domain/sitemap.ts): current articles — pages of the content
 * namespaces that exist (not deleted) and are not redirects — in page-id order.
 *
 * Paging is by key, never by OFFSET: one query over the listed pages' ids (a window count, done
 * in the database) cuts them into parts of `perSitemap` and keeps each part's first and last id;
 * sitemap N then reads ids firstId..lastId of part N, `batchSize` rows at a time, each batch
 * starting after the last id read. Sitemap 2 of 100,000 pages costs what sitemap 1 costs, and a
 * page deleted from part 1 does not shift a page of part 2 into it.
 */

/** One paged sitemap: the listed pages whose ids lie in firstId..lastId. */
export interface SitemapPart {
  /** Its number in /sitemap-<n>.xml, from 1. */
  number: number;
  firstId: number;
  lastId: number;
  urls: number;
  /** When the newest of its pages' current revisions was saved. */
  lastmod: Date;
  /** Changes when one of its pages gets a revision (edits, moves), appears or disappears: its ETag. */
  version: string;
}

export interface SitemapLayout {
  perSitemap: number;
  /** Empty when the wiki has no articles. */
  parts: SitemapPart[];
  /** Date.now() when it was read. */
  readAt: number;
}

export interface SitemapPage {
  namespace: Namespace;
  /** Database key ("Main_Page"). */
  title: string;
  lastmod: Date;
}

/**
 * How long a process keeps a layout. Crawlers fetch sitemaps hours or days apart, so being up to
 * ten minutes late costs nothing, while hooking every write (saves, moves, deletions, imports) and
 * every process into an invalidation would; HTTP caches are told the same age.
 */
export const SITEMAP_LAYOUT_TTL_MS = 10 * 60_000;

/**
 * Rows per keyset query: what a sitemap holds at a time (~2 MiB with its text, against ~15 MiB for
 * 50,000 rows at once; tests/integration/sitemap-scale.test.ts measures it). Between batches the
 * connection is free for other requests, which matters on the embedded database's one connection.
 */
export const SITEMAP_BATCH_SIZE = 2_000;

const LISTED = Prisma.sql`p.namespace IN (${Prisma.join([...SITEMAP_NAMESPACES])}) AND NOT p.is_redirect AND p.deleted_at IS NULL`;

// Keyed by database (a test process points DATABASE_URL at a new database per file) and part size.
// Holds the promise, so that crawlers arriving together share one read.
const layouts = new Map<string, { readAt: number; layout: Promise<SitemapLayout> }>();

export interface LayoutOptions {
  /** URLs per sitemap; the protocol's 50,000 unless a test wants small parts. */
  perSitemap?: number;
  /** A layout older than this is read again (default SITEMAP_LAYOUT_TTL_MS). */
  maxAgeMs?: number;
  now?: number;
}

export function getSitemapLayout(options: LayoutOptions = {}): Promise<SitemapLayout> {
  const perSitemap = options.perSitemap ?? SITEMAP_URL_LIMIT;
  if (!Number.isSafeInteger(perSitemap) || perSitemap < 1 || perSitemap > SITEMAP_URL_LIMIT) {
    throw new RangeError(`URLs per sitemap must be a whole number from 1 to ${SITEMAP_URL_LIMIT}, not ${perSitemap}.`);
  }
  const now = options.now ?? Date.now();
  const key = `${process.env.DATABASE_URL ?? ''} ${perSitemap}`;
  const cached = layouts.get(key);
  if (cached && now - cached.readAt < (options.maxAgeMs ?? SITEMAP_LAYOUT_TTL_MS)) return cached.layout;
  const layout = readLayout(perSitemap, now);
  layouts.set(key, { readAt: now, layout });
  // A failed read (database down) is not kept: the next request tries again.
  layout.catch(() => {
    if (layouts.get(key)?.layout === layout) layouts.delete(key);
  });
  return layout;
}

/** Forgets every layout this process holds (tests; an operator's script after a bulk import). */
export function forgetSitemapLayouts(): void {
  layouts.clear();
}

interface PartRow {
  part: number;
  first_id: number;
  last_id: number;
  urls: number;
  lastmod: Date;
  revisions: string;
}

async function readLayout(perSitemap: number, now: number): Promise<SitemapLayout> {
  // One pass over the listed pages; only one row per part leaves the database.
  const rows = await getDb().$queryRaw<PartRow[]>`
    WITH listed AS (
      SELECT p.id, p.latest_revision_id, r.created_at,
             (row_number() OVER (ORDER BY p.id) - 1) / ${perSitemap}::int AS part
      FROM pages p
      JOIN revisions r ON r.id = p.latest_revision_id
      WHERE ${LISTED}
    )
    SELECT (part + 1)::int AS part, min(id) AS first_id, max(id) AS last_id, count(*)::int AS urls,
           max(created_at) AS lastmod, sum(latest_revision_id::bigint)::text || '.' || max(latest_revision_id)::text AS revisions
    FROM listed GROUP BY part ORDER BY part`;
  const parts = rows.map((row) => ({
    number: row.part,
    firstId: row.first_id,
    lastId: row.last_id,
    urls: row.urls,
    lastmod: row.lastmod,
    // Ids, counts and revision ids are public (the REST API shows them); nothing private goes in.
    version: `${row.first_id}-${row.last_id}-${row.urls}-${row.revisions}`,
  }));
  return { perSitemap, parts, readAt: now };
}

/**
 * The pages of one part in id order, `batchSize` at a time, at most `perSitemap` in all (a page
 * undeleted into the part since the layout was read waits for the next layout rather than push
 * the sitemap past the protocol's limit). Each batch is one query that starts after the last id
 * read, so no batch skips or repeats a page whatever is saved in between, and only one batch is
 * held at a time.
 */
export async function* sitemapPages(layout: SitemapLayout, part: SitemapPart, batchSize = SITEMAP_BATCH_SIZE): AsyncGenerator<SitemapPage[]> {
  let after = part.firstId - 1;
  let left = layout.perSitemap;
  while (left > 0) {
    const limit = Math.min(batchSize, left);
    const rows = await getDb().$queryRaw<{ id: number; namespace: number; title: string; created_at: Date }[]>`
      SELECT p.id, p.namespace, p.title, r.created_at
      FROM pages p
      JOIN revisions r ON r.id = p.latest_revision_id
      WHERE ${LISTED} AND p.id > ${after}::int AND p.id <= ${part.lastId}::int
      ORDER BY p.id
      LIMIT ${limit}::int`;
    if (rows.length === 0) return;
    yield rows.map((row) => ({ namespace: row.namespace as Namespace, title: row.title, lastmod: row.created_at }));
    if (rows.length < limit) return;
    after = rows[rows.length - 1]!.id;
    left -= rows.length;
  }
}
