import 'server-only';
import type { DerivedDataUpdater } from '@/lib/server/derived';
import { categorySortKey } from '@/lib/domain/categories';

/**
 * Brings the page's category_links rows in line with the [[Category:…]] memberships of its latest
 * text (MediaWiki's LinksUpdate for categorylinks). Runs inside the save transaction, as one
 * statement: memberships no longer in the text are deleted, the others inserted or given their new
 * sort key (disjoint rows, so one snapshot serves both). A category named twice keeps the first
 * sort key, as before.
 */
export const updateCategoryLinks: DerivedDataUpdater = async (tx, page) => {
  const seen = new Set<string>();
  const categories = page.rendered.categories.filter((category) => !seen.has(category.name) && seen.add(category.name));
  const names = categories.map((category) => category.name);
  const sortKeys = categories.map((category) => categorySortKey(category.sortKey ?? page.title.text));
  await tx.$executeRaw`
    WITH gone AS (
      DELETE FROM category_links l WHERE l.page_id = ${page.pageId} AND l.category <> ALL(${names}::text[])
    )
    INSERT INTO category_links (page_id, category, sort_key)
    SELECT ${page.pageId}, c.category, c.sort_key FROM unnest(${names}::text[], ${sortKeys}::text[]) AS c(category, sort_key)
    ON CONFLICT (page_id, category) DO UPDATE SET sort_key = EXCLUDED.sort_key
    WHERE category_links.sort_key IS DISTINCT FROM EXCLUDED.sort_key`;
};
