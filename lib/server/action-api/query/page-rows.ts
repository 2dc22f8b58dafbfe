import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { getDb } from '@/lib/server/db';
import { isStorableId } from '@/lib/domain/database-integer';

/*
 * The page set's reads (MediaWiki's LinkBatch and ApiPageSet queries), batched: one query per
 * kind of input whatever the number of titles. A deleted page (its row kept for undeletion, no
 * latest revision) counts as missing, as on MediaWiki where it lives in the archive.
 */

export interface PageRow {
  id: number;
  namespace: number;
  title: string;
  latestRevisionId: number;
  isRedirect: boolean;
  length: number;
  touchedAt: Date;
}

const PAGE_FIELDS = { id: true, namespace: true, title: true, latestRevisionId: true, isRedirect: true, length: true, touchedAt: true } as const;

function live(rows: (Omit<PageRow, 'latestRevisionId'> & { latestRevisionId: number | null })[]): PageRow[] {
  return rows.filter((row): row is PageRow => row.latestRevisionId !== null);
}

/** The existing pages among these (namespace, dbKey) pairs, keyed "ns:dbKey". */
export async function pagesByTitle(titles: readonly { namespace: number; dbKey: string }[]): Promise<Map<string, PageRow>> {
  if (titles.length === 0) return new Map();
  const rows = await getDb().page.findMany({
    where: { deletedAt: null, OR: titles.map((title) => ({ namespace: title.namespace, title: title.dbKey })) },
    select: PAGE_FIELDS,
  });
  return new Map(live(rows).map((row) => [titleKey(row.namespace, row.title), row]));
}

export function titleKey(namespace: number, dbKey: string): string {
  return `${namespace}:${dbKey}`;
}

/** The existing pages with these ids. */
export async function pagesById(ids: readonly number[]): Promise<Map<number, PageRow>> {
  // An id beyond the INTEGER column names no page (and would fail the query).
  const storable = ids.filter(isStorableId);
  if (storable.length === 0) return new Map();
  const rows = await getDb().page.findMany({ where: { deletedAt: null, id: { in: storable } }, select: PAGE_FIELDS });
  return new Map(live(rows).map((row) => [row.id, row]));
}

/** The page of each revision that is not archived (a deleted page's revisions are not there for the API). */
export async function pageIdsOfRevisions(revids: readonly number[]): Promise<Map<number, number>> {
  const storable = revids.filter(isStorableId);
  if (storable.length === 0) return new Map();
  const rows = await getDb().revision.findMany({ where: { id: { in: storable }, archived: false }, select: { id: true, pageId: true } });
  return new Map(rows.map((row) => [row.id, row.pageId]));
}

/** Where each of these redirect pages points. */
export async function redirectTargets(pageIds: readonly number[]): Promise<Map<number, { namespace: number; title: string; fragment: string | null }>> {
  if (pageIds.length === 0) return new Map();
  const rows = await getDb().redirect.findMany({ where: { pageId: { in: [...pageIds] } }, select: { pageId: true, namespace: true, title: true, fragment: true } });
  return new Map(rows.map((row) => [row.pageId, { namespace: row.namespace, title: row.title, fragment: row.fragment }]));
}

/** Links from these pages' latest revisions (page_links), in MediaWiki's order: namespace, then title. */
export async function linksFrom(
  pageIds: readonly number[],
  options: { namespaces?: readonly number[]; after?: { pageId: number; namespace: number; title: string }; limit: number },
): Promise<{ fromPageId: number; toNamespace: number; toTitle: string }[]> {
  if (pageIds.length === 0) return [];
  const after = options.after;
  const rows = await getDb().$queryRaw<{ from_page_id: number; to_namespace: number; to_title: string }[]>`
    SELECT from_page_id, to_namespace, to_title FROM page_links
    WHERE from_page_id IN (${Prisma.join(pageIds)})
      ${options.namespaces && options.namespaces.length > 0 ? Prisma.sql`AND to_namespace IN (${Prisma.join(options.namespaces)})` : Prisma.empty}
      ${after ? Prisma.sql`AND (from_page_id, to_namespace, to_title COLLATE "C") >= (${after.pageId}, ${after.namespace}, ${after.title} COLLATE "C")` : Prisma.empty}
    ORDER BY from_page_id, to_namespace, to_title COLLATE "C"
    LIMIT ${options.limit}`;
  return rows.map((row) => ({ fromPageId: row.from_page_id, toNamespace: row.to_namespace, toTitle: row.to_title }));
}

/** Categories of these pages' latest revisions, ordered by page then category. */
export async function categoriesOf(
  pageIds: readonly number[],
  options: { only?: readonly string[]; after?: { pageId: number; category: string }; limit: number },
): Promise<{ pageId: number; category: string; sortKey: string }[]> {
  if (pageIds.length === 0) return [];
  const after = options.after;
  const rows = await getDb().$queryRaw<{ page_id: number; category: string; sort_key: string }[]>`
    SELECT page_id, category, sort_key FROM category_links
    WHERE page_id IN (${Prisma.join(pageIds)})
      ${options.only && options.only.length > 0 ? Prisma.sql`AND category IN (${Prisma.join(options.only)})` : Prisma.empty}
      ${after ? Prisma.sql`AND (page_id, category COLLATE "C") >= (${after.pageId}, ${after.category} COLLATE "C")` : Prisma.empty}
    ORDER BY page_id, category COLLATE "C"
    LIMIT ${options.limit}`;
  return rows.map((row) => ({ pageId: row.page_id, category: row.category, sortKey: row.sort_key }));
}

/** What a change row lacks for prop=revisions: the SHA-1, the reverted mark and, when asked, the text. */
export async function revisionExtras(ids: readonly number[], withText: boolean): Promise<Map<number, { sha1: string; reverted: boolean; text: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await getDb().$queryRaw<{ id: number; sha1: string; reverted: boolean; text: string | null }[]>`
    SELECT r.id, r.sha1, r.reverted, ${withText ? Prisma.sql`c.text` : Prisma.sql`NULL::text`} AS text
    FROM revisions r ${withText ? Prisma.sql`JOIN contents c ON c.id = r.content_id` : Prisma.empty}
    WHERE r.id IN (${Prisma.join(ids)})`;
  return new Map(rows.map((row) => [row.id, { sha1: row.sha1, reverted: row.reverted, text: row.text }]));
}

/** The latest revisions among these that are a page's first (MediaWiki's "new"). */
export async function firstRevisions(revisionIds: readonly number[]): Promise<Set<number>> {
  if (revisionIds.length === 0) return new Set();
  const rows = await getDb().revision.findMany({ where: { id: { in: [...revisionIds] }, parentId: null }, select: { id: true } });
  return new Set(rows.map((row) => row.id));
}
