import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { DerivedDataUpdater } from '@/lib/server/derived';
import type { Transaction } from '@/lib/server/transaction';

/** The tables that list, per page, the titles its latest text points at (same columns). */
type LinkTable = 'page_links' | 'template_links';

/**
 * Brings one page's rows of a link table in line with the targets of its latest text (MediaWiki's
 * LinksUpdate). Runs inside the save transaction.
 *
 * Only the difference is written, as LinksUpdate does: most edits change few links, and deleting
 * and re-inserting every row of a link-heavy page churned its index entries on each save. One
 * set-based statement whatever the number of links (targets travel as two arrays): its DELETE and
 * INSERT touch disjoint rows (those no longer linked, those not yet stored), so running them on
 * one snapshot is exact.
 */
export async function replaceLinkRows(
  tx: Pick<Transaction, '$executeRaw'>,
  table: LinkTable,
  pageId: number,
  targets: readonly { namespace: number; dbKey: string }[],
): Promise<void> {
  const into = Prisma.raw(table);
  const namespaces = targets.map((target) => target.namespace);
  const titles = targets.map((target) => target.dbKey);
  await tx.$executeRaw`
    WITH target AS (SELECT * FROM unnest(${namespaces}::int[], ${titles}::text[]) AS t(namespace, title)),
    gone AS (
      DELETE FROM ${into} l
      WHERE l.from_page_id = ${pageId}
        AND NOT EXISTS (SELECT 1 FROM target t WHERE t.namespace = l.to_namespace AND t.title = l.to_title)
    )
    INSERT INTO ${into} (from_page_id, to_namespace, to_title)
    SELECT ${pageId}, t.namespace, t.title FROM target t
    ON CONFLICT DO NOTHING`;
}

/** page_links: the targets of the page's wikilinks (WhatLinksHere, WantedPages, red links). */
export const updatePageLinks: DerivedDataUpdater = (tx, page) => replaceLinkRows(tx, 'page_links', page.pageId, page.rendered.links);
