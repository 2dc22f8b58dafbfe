import 'server-only';
import { RENDERER_VERSION } from '@/lib/domain/markdown';
import type { Transaction } from '@/lib/server/transaction';
import type { PageRendering } from '@/lib/server/templates/render-page';

/**
 * Stores the current rendering of a page's latest revision (page_renderings), which the article
 * shows instead of the revision's frozen one (rendered_revisions, kept for ?oldid=). A rendering
 * whose templates were read before those of the stored one (`readAt`) never replaces it: two
 * renders of one page finishing out of order leave the newer. Returns false when it was older.
 * The caller holds the page's row lock and has checked that `revisionId` is still the latest.
 */
export async function storeCurrentRendering(tx: Transaction, page: { pageId: number; revisionId: number }, rendering: PageRendering, readAt: Date): Promise<boolean> {
  const stored = await tx.$executeRaw`
    INSERT INTO page_renderings (page_id, revision_id, renderer_version, html, toc, description, preview_file, rendered_at)
    VALUES (${page.pageId}, ${page.revisionId}, ${RENDERER_VERSION}, ${rendering.html}, ${JSON.stringify(rendering.toc)}::jsonb,
      ${rendering.description}, ${rendering.previewFile}, ${readAt})
    ON CONFLICT (page_id) DO UPDATE SET
      revision_id = EXCLUDED.revision_id, renderer_version = EXCLUDED.renderer_version, html = EXCLUDED.html, toc = EXCLUDED.toc,
      description = EXCLUDED.description, preview_file = EXCLUDED.preview_file, rendered_at = EXCLUDED.rendered_at
    WHERE page_renderings.revision_id <> EXCLUDED.revision_id OR page_renderings.rendered_at <= EXCLUDED.rendered_at`;
  return stored > 0;
}

/**
 * The database's clock, read before a rendering reads its templates: its `readAt`. One clock for
 * every instance, so renderings made by different servers compare correctly.
 */
export async function databaseNow(db: Pick<Transaction, '$queryRaw'>): Promise<Date> {
  return (await db.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`)[0]!.now;
}
