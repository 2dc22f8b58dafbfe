import 'server-only';
import { getDb } from '@/lib/server/db';
import { escapeHtml } from '@/lib/domain/html.mjs';
import { isKnownNamespace, makeParsedTitle, titleToUrlPath, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

// ---- Red links, resolved at view time --------------------------------------------------------

/**
 * Stored renderings stay frozen per revision; whether a wikilink's target exists is decided each
 * time the page is shown, with one query. So creating (or deleting) a target page turns the links
 * to it blue (or red) on the very next view, with no cache to invalidate or pages to re-render.
 *
 * Wikilinks are written by lib/domain/markdown.ts exactly as matched here (attribute order included);
 * nothing else in stored HTML carries data-wiki-target.
 */
const WIKILINK_TAG = /<a href="([^"]*)" class="wikilink" data-wiki-target="([^"]*)">/gu;

function decodeAttribute(value: string): string {
  return value.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|quot|lt|gt));/giu, (_match, hex?: string, dec?: string, named?: string) => {
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    if (dec !== undefined) return String.fromCodePoint(parseInt(dec, 10));
    return { amp: '&', quot: '"', lt: '<', gt: '>' }[named!.toLowerCase() as 'amp' | 'quot' | 'lt' | 'gt'];
  });
}

/** The titles wikilinks in `html` point at, keyed by their data-wiki-target value. */
export function wikiLinkTargets(html: string): Map<string, ParsedTitle> {
  const targets = new Map<string, ParsedTitle>();
  for (const match of html.matchAll(WIKILINK_TAG)) {
    const raw = match[2]!;
    if (targets.has(raw)) continue;
    const parsed = tryParseTitle(decodeAttribute(raw));
    if (parsed.ok) targets.set(raw, parsed.title);
  }
  return targets;
}

/** Rewrites the wikilinks whose data-wiki-target is in `missing` into MediaWiki red links. Pure. */
export function markRedLinks(html: string, missing: ReadonlySet<string>): string {
  if (missing.size === 0) return html;
  return html.replace(WIKILINK_TAG, (tag, _href: string, raw: string) => {
    if (!missing.has(raw)) return tag;
    const parsed = tryParseTitle(decodeAttribute(raw));
    if (!parsed.ok) return tag;
    const href = `${titleToUrlPath(parsed.title)}?action=edit&redlink=1`;
    const title = `${parsed.title.prefixedText} (page does not exist)`;
    return `<a href="${escapeHtml(href)}" class="wikilink new" title="${escapeHtml(title)}" data-wiki-target="${raw}">`;
  });
}

/** Which of `titles` exist as pages (one query), as "namespace:dbKey" keys. */
export async function existingTitles(titles: readonly { namespace: number; dbKey: string }[]): Promise<Set<string>> {
  if (titles.length === 0) return new Set();
  const rows = await getDb().$queryRaw<{ namespace: number; title: string }[]>`
    SELECT p.namespace, p.title FROM pages p
    JOIN unnest(${titles.map((t) => t.namespace)}::int[], ${titles.map((t) => t.dbKey)}::text[]) AS wanted(namespace, title)
      ON p.namespace = wanted.namespace AND p.title = wanted.title
    WHERE p.latest_revision_id IS NOT NULL`;
  return new Set(rows.map((row) => `${row.namespace}:${row.title}`));
}

/** Stored (or preview) HTML with links to missing pages turned red. One query, none without wikilinks. */
export async function resolveRedLinks(html: string): Promise<string> {
  const targets = wikiLinkTargets(html);
  if (targets.size === 0) return html;
  const existing = await existingTitles([...targets.values()]);
  const missing = new Set<string>();
  for (const [raw, title] of targets) if (!existing.has(`${title.namespace}:${title.dbKey}`)) missing.add(raw);
  return markRedLinks(html, missing);
}

// ---- Listings ----------------------------------------------------------------------------------

export const MAX_LIST_LIMIT = 500;
export const DEFAULT_LIST_LIMIT = 50;

export function clampLimit(limit: number | null | undefined): number {
  if (limit === null || limit === undefined || !Number.isFinite(limit) || limit < 1) return DEFAULT_LIST_LIMIT;
  return Math.min(Math.floor(limit), MAX_LIST_LIMIT);
}

export function clampOffset(offset: number | null | undefined): number {
  return offset === null || offset === undefined || !Number.isFinite(offset) || offset < 0 ? 0 : Math.floor(offset);
}

export interface Paging {
  limit?: number | null;
  offset?: number | null;
}

function titleOf(namespace: number, dbKey: string): ParsedTitle | null {
  return isKnownNamespace(namespace) ? makeParsedTitle(namespace, dbKey) : null;
}

export interface LinkingPage {
  title: ParsedTitle;
  /** The page is a redirect to the target (a row in `redirects`). */
  isRedirect: boolean;
  /** The page transcludes the target, directly or through a template (a row in `template_links`). */
  isTransclusion: boolean;
  /** The page has a wikilink to the target (a row in `page_links`). */
  isLink: boolean;
}

/** MediaWiki's WhatLinksHere filters (hidelinks, hidetrans): which kinds of rows to leave out. */
export interface WhatLinksHereFilter {
  hideLinks?: boolean;
  hideTransclusions?: boolean;
}

/** Special:WhatLinksHere: pages linking to `target`, transcluding it and redirects to it, by title. */
export async function whatLinksHere(target: ParsedTitle, paging: Paging = {}, filter: WhatLinksHereFilter = {}): Promise<{ items: LinkingPage[]; hasMore: boolean }> {
  const limit = clampLimit(paging.limit);
  const offset = clampOffset(paging.offset);
  const hideLinks = filter.hideLinks === true;
  const hideTransclusions = filter.hideTransclusions === true;
  const rows = await getDb().$queryRaw<{ namespace: number; title: string; is_redirect: boolean; is_transclusion: boolean; is_link: boolean }[]>`
    SELECT p.namespace, p.title,
      EXISTS (SELECT 1 FROM redirects r WHERE r.page_id = p.id AND r.namespace = ${target.namespace} AND r.title = ${target.dbKey}) AS is_redirect,
      EXISTS (SELECT 1 FROM template_links t WHERE t.from_page_id = p.id AND t.to_namespace = ${target.namespace} AND t.to_title = ${target.dbKey}) AS is_transclusion,
      EXISTS (SELECT 1 FROM page_links l WHERE l.from_page_id = p.id AND l.to_namespace = ${target.namespace} AND l.to_title = ${target.dbKey}) AS is_link
    FROM pages p
    WHERE p.id IN (
      SELECT from_page_id FROM page_links WHERE NOT ${hideLinks} AND to_namespace = ${target.namespace} AND to_title = ${target.dbKey}
      UNION
      SELECT page_id FROM redirects WHERE namespace = ${target.namespace} AND title = ${target.dbKey}
      UNION
      SELECT from_page_id FROM template_links WHERE NOT ${hideTransclusions} AND to_namespace = ${target.namespace} AND to_title = ${target.dbKey})
    ORDER BY p.namespace, p.title
    LIMIT ${limit + 1} OFFSET ${offset}`;
  const items = rows.slice(0, limit).flatMap((row) => {
    const title = titleOf(row.namespace, row.title);
    return title ? [{ title, isRedirect: row.is_redirect, isTransclusion: row.is_transclusion && !hideTransclusions, isLink: row.is_link && !hideLinks }] : [];
  });
  return { items, hasMore: rows.length > limit };
}

/** Special:WantedPages: missing titles by the number of pages linking to them, most wanted first. */
export async function wantedPages(paging: Paging = {}): Promise<{ items: { title: ParsedTitle; links: number }[]; hasMore: boolean }> {
  const limit = clampLimit(paging.limit);
  const offset = clampOffset(paging.offset);
  const rows = await getDb().$queryRaw<{ namespace: number; title: string; links: number }[]>`
    SELECT pl.to_namespace AS namespace, pl.to_title AS title, count(*)::int AS links
    FROM page_links pl
    WHERE NOT EXISTS (SELECT 1 FROM pages p WHERE p.namespace = pl.to_namespace AND p.title = pl.to_title AND p.latest_revision_id IS NOT NULL)
    GROUP BY pl.to_namespace, pl.to_title
    ORDER BY links DESC, pl.to_namespace, pl.to_title
    LIMIT ${limit + 1} OFFSET ${offset}`;
  const items = rows.slice(0, limit).flatMap((row) => {
    const title = titleOf(row.namespace, row.title);
    return title ? [{ title, links: row.links }] : [];
  });
  return { items, hasMore: rows.length > limit };
}

/** Special:OrphanedPages: main-namespace pages (not redirects) that no page links to, by title. */
export async function orphanedPages(paging: Paging = {}): Promise<{ items: ParsedTitle[]; hasMore: boolean }> {
  const limit = clampLimit(paging.limit);
  const offset = clampOffset(paging.offset);
  const rows = await getDb().$queryRaw<{ title: string }[]>`
    SELECT p.title FROM pages p
    WHERE p.namespace = 0 AND NOT p.is_redirect AND p.latest_revision_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM page_links pl WHERE pl.to_namespace = 0 AND pl.to_title = p.title)
    ORDER BY p.title
    LIMIT ${limit + 1} OFFSET ${offset}`;
  return { items: rows.slice(0, limit).map((row) => makeParsedTitle(0, row.title)), hasMore: rows.length > limit };
}

// ---- Categories --------------------------------------------------------------------------------

export interface PageCategory {
  /** Category title in database-key form, without "Category:". */
  name: string;
  title: ParsedTitle;
  /** Whether the category page itself exists (a red link otherwise). */
  exists: boolean;
}

/** The categories a page is in (from its latest revision), alphabetically, with their pages' existence. */
export async function pageCategories(pageId: number): Promise<PageCategory[]> {
  const rows = await getDb().$queryRaw<{ category: string; exists: boolean }[]>`
    SELECT cl.category,
      EXISTS (SELECT 1 FROM pages p WHERE p.namespace = 14 AND p.title = cl.category AND p.latest_revision_id IS NOT NULL) AS exists
    FROM category_links cl WHERE cl.page_id = ${pageId}
    ORDER BY cl.category`;
  return rows.map((row) => ({ name: row.category, title: makeParsedTitle(14, row.category), exists: row.exists }));
}

export interface CategoryMemberRow {
  title: ParsedTitle;
  sortKey: string;
}

/** Members of a category ordered by sort key (then title), paginated. */
export async function categoryMembers(category: string, paging: Paging = {}): Promise<{ items: CategoryMemberRow[]; hasMore: boolean }> {
  const limit = clampLimit(paging.limit ?? 200);
  const offset = clampOffset(paging.offset);
  const rows = await getDb().$queryRaw<{ namespace: number; title: string; sort_key: string }[]>`
    SELECT p.namespace, p.title, cl.sort_key FROM category_links cl JOIN pages p ON p.id = cl.page_id
    WHERE cl.category = ${category}
    ORDER BY cl.sort_key, p.namespace, p.title
    LIMIT ${limit + 1} OFFSET ${offset}`;
  const items = rows.slice(0, limit).flatMap((row) => {
    const title = titleOf(row.namespace, row.title);
    return title ? [{ title, sortKey: row.sort_key }] : [];
  });
  return { items, hasMore: rows.length > limit };
}
