import 'server-only';
import { parseRedirect } from '@/lib/domain/redirects';
import type { DerivedDataUpdater } from '@/lib/server/derived';

/**
 * Keeps the `redirects` row and pages.is_redirect in step with the page's latest text
 * (MediaWiki's WikiPage::updateRedirectOn). Runs inside the save transaction, as one statement
 * (the flag is written only when it changes).
 */
export const updateRedirect: DerivedDataUpdater = async (tx, page) => {
  const target = parseRedirect(page.text);
  if (target === null) {
    await tx.$executeRaw`
      WITH gone AS (DELETE FROM redirects WHERE page_id = ${page.pageId})
      UPDATE pages SET is_redirect = false WHERE id = ${page.pageId} AND is_redirect`;
    return;
  }
  await tx.$executeRaw`
    WITH target AS (
      INSERT INTO redirects (page_id, namespace, title, fragment)
      VALUES (${page.pageId}, ${target.namespace}, ${target.dbKey}, ${target.fragment}::text)
      ON CONFLICT (page_id) DO UPDATE SET namespace = EXCLUDED.namespace, title = EXCLUDED.title, fragment = EXCLUDED.fragment
    )
    UPDATE pages SET is_redirect = true WHERE id = ${page.pageId} AND NOT is_redirect`;
};
