import 'server-only';
import type { DerivedDataUpdater } from '@/lib/server/derived';

/**
 * Brings the page's page_links rows in line with the targets of its latest text (MediaWiki's
 * LinksUpdate for pagelinks). Runs inside the save transaction.
 *
 * Only the difference is written, as LinksUpdate does: most edits change few links, and deleting
 * and re-inserting every row of a link-heavy page churned its index entries on each save. Two
 * set-based statements whatever the number of links (targets travel as two arrays).
 */
export const updatePageLinks: DerivedDataUpdater = async (tx, page) => {
  const namespaces = page.rendered.links.map((link) => link.namespace);
  const titles = page.rendered.links.map((link) => link.dbKey);
  await tx.$executeRaw`
    DELETE FROM page_links l
    WHERE l.from_page_id = ${page.pageId}
      AND NOT EXISTS (
        SELECT 1 FROM unnest(${namespaces}::int[], ${titles}::text[]) AS t(namespace, title)
        WHERE t.namespace = l.to_namespace AND t.title = l.to_title
      )`;
  if (titles.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO page_links (from_page_id, to_namespace, to_title)
    SELECT ${page.pageId}, t.namespace, t.title FROM unnest(${namespaces}::int[], ${titles}::text[]) AS t(namespace, title)
    ON CONFLICT DO NOTHING`;
};
