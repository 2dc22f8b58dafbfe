import 'server-only';
import type { DerivedDataUpdater } from '@/lib/server/derived';

/**
 * Brings the page's file_links rows in line with the files its latest text shows (MediaWiki's
 * LinksUpdate for imagelinks): the source of file usage, Special:UnusedFiles and WantedFiles, and
 * of the pages to invalidate when a file changes. Runs inside the save transaction.
 *
 * As updatePageLinks: only the difference is written, in one set-based statement.
 */
export const updateFileLinks: DerivedDataUpdater = async (tx, page) => {
  const titles = page.rendered.files;
  await tx.$executeRaw`
    WITH gone AS (
      DELETE FROM file_links l
      WHERE l.from_page_id = ${page.pageId} AND l.to_title <> ALL(${titles}::text[])
    )
    INSERT INTO file_links (from_page_id, to_title)
    SELECT ${page.pageId}, t.title FROM unnest(${titles}::text[]) AS t(title)
    ON CONFLICT DO NOTHING`;
};
