import 'server-only';
import { getDb } from '@/lib/server/db';
import { clampLimit, clampOffset, type Paging } from '@/lib/server/links';
import { isKnownNamespace, makeParsedTitle, NS, type ParsedTitle } from '@/lib/domain/titles';
import { isProtectionLevel } from '@/lib/domain/protection';
import type { TemplateUsage } from '@/lib/domain/template-usage';

/*
 * The template query pages, read from template_links (one row per page and every title it
 * transcludes, directly or through other templates, kept by the save transaction beside
 * page_links). Offset paging like the other query pages (lib/server/links.ts).
 */

export interface WantedTemplate {
  title: ParsedTitle;
  /** Pages transcluding it. */
  uses: number;
}

/** Special:WantedTemplates: transcluded titles that do not exist, most used first. */
export async function wantedTemplates(paging: Paging = {}): Promise<{ items: WantedTemplate[]; hasMore: boolean }> {
  const limit = clampLimit(paging.limit);
  const offset = clampOffset(paging.offset);
  const rows = await getDb().$queryRaw<{ namespace: number; title: string; uses: number }[]>`
    SELECT tl.to_namespace AS namespace, tl.to_title AS title, count(*)::int AS uses
    FROM template_links tl
    WHERE NOT EXISTS (SELECT 1 FROM pages p WHERE p.namespace = tl.to_namespace AND p.title = tl.to_title AND p.latest_revision_id IS NOT NULL)
    GROUP BY tl.to_namespace, tl.to_title
    ORDER BY uses DESC, tl.to_namespace, tl.to_title
    LIMIT ${limit + 1} OFFSET ${offset}`;
  const items = rows.slice(0, limit).flatMap((row) => (isKnownNamespace(row.namespace) ? [{ title: makeParsedTitle(row.namespace, row.title), uses: row.uses }] : []));
  return { items, hasMore: rows.length > limit };
}

/**
 * Special:UnusedTemplates: Template: pages (not redirects) no page transcludes, by title. A `/doc`
 * subpage is left out: it is shown under its template (the documentation convention), never
 * transcluded, so it would always be listed.
 */
export async function unusedTemplates(paging: Paging = {}): Promise<{ items: ParsedTitle[]; hasMore: boolean }> {
  const limit = clampLimit(paging.limit);
  const offset = clampOffset(paging.offset);
  const rows = await getDb().$queryRaw<{ title: string }[]>`
    SELECT p.title FROM pages p
    WHERE p.namespace = ${NS.TEMPLATE} AND NOT p.is_redirect AND p.latest_revision_id IS NOT NULL
      AND p.title NOT LIKE '%/doc'
      AND NOT EXISTS (SELECT 1 FROM template_links tl WHERE tl.to_namespace = ${NS.TEMPLATE} AND tl.to_title = p.title)
    ORDER BY p.title
    LIMIT ${limit + 1} OFFSET ${offset}`;
  return { items: rows.slice(0, limit).map((row) => makeParsedTitle(NS.TEMPLATE, row.title)), hasMore: rows.length > limit };
}

/** At most this many are listed under an edit form (a page's templates are rarely more than a few dozen). */
const USED_TEMPLATES_SHOWN = 1000;

type UsedRow = { namespace: number; title: string; exists: boolean; level: string | null };

function usedTemplate(row: UsedRow): TemplateUsage[] {
  return isKnownNamespace(row.namespace)
    ? [{ title: makeParsedTitle(row.namespace, row.title), exists: row.exists, protection: row.level !== null && isProtectionLevel(row.level) ? row.level : null }]
    : [];
}

/** "Templates used on this page" under the edit form: the saved page's transclusions, by title. */
export async function templatesUsedOnPage(pageId: number): Promise<TemplateUsage[]> {
  const rows = await getDb().$queryRaw<UsedRow[]>`
    SELECT tl.to_namespace AS namespace, tl.to_title AS title, p.id IS NOT NULL AS exists, pp.level
    FROM template_links tl
    LEFT JOIN pages p ON p.namespace = tl.to_namespace AND p.title = tl.to_title AND p.latest_revision_id IS NOT NULL
    LEFT JOIN page_protections pp ON pp.page_id = p.id AND pp.action = 'edit' AND (pp.expires_at IS NULL OR pp.expires_at > now())
    WHERE tl.from_page_id = ${pageId}
    ORDER BY tl.to_namespace, tl.to_title
    LIMIT ${USED_TEMPLATES_SHOWN}`;
  return rows.flatMap(usedTemplate);
}

/** The same for a preview: the titles its expansion transcluded, with their existence and protection. */
export async function describeTemplates(titles: readonly ParsedTitle[]): Promise<TemplateUsage[]> {
  const unique = new Map(titles.map((title) => [`${title.namespace}:${title.dbKey}`, title]));
  if (unique.size === 0) return [];
  const list = [...unique.values()].slice(0, USED_TEMPLATES_SHOWN);
  const rows = await getDb().$queryRaw<UsedRow[]>`
    SELECT w.namespace, w.title, p.id IS NOT NULL AS exists, pp.level
    FROM unnest(${list.map((t) => t.namespace)}::int[], ${list.map((t) => t.dbKey)}::text[]) AS w(namespace, title)
    LEFT JOIN pages p ON p.namespace = w.namespace AND p.title = w.title AND p.latest_revision_id IS NOT NULL
    LEFT JOIN page_protections pp ON pp.page_id = p.id AND pp.action = 'edit' AND (pp.expires_at IS NULL OR pp.expires_at > now())
    ORDER BY w.namespace, w.title`;
  return rows.flatMap(usedTemplate);
}
