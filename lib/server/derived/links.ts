import 'server-only';
import type { DerivedDataUpdater } from '@/lib/server/derived';

/**
 * Replaces the page's page_links rows with the targets of its latest text (MediaWiki's
 * LinksUpdate for pagelinks). Runs inside the save transaction.
 */
export const updatePageLinks: DerivedDataUpdater = async (tx, page) => {
  await tx.pageLink.deleteMany({ where: { fromPageId: page.pageId } });
  if (page.rendered.links.length === 0) return;
  await tx.pageLink.createMany({
    data: page.rendered.links.map((link) => ({ fromPageId: page.pageId, toNamespace: link.namespace, toTitle: link.dbKey })),
    skipDuplicates: true,
  });
};
