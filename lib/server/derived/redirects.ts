import 'server-only';
import { parseRedirect } from '@/lib/domain/redirects';
import type { DerivedDataUpdater } from '@/lib/server/derived';

/**
 * Keeps the `redirects` row and pages.is_redirect in step with the page's latest text
 * (MediaWiki's WikiPage::updateRedirectOn). Runs inside the save transaction.
 */
export const updateRedirect: DerivedDataUpdater = async (tx, page) => {
  const target = parseRedirect(page.text);
  if (target === null) {
    await tx.redirect.deleteMany({ where: { pageId: page.pageId } });
  } else {
    const row = { namespace: target.namespace, title: target.dbKey, fragment: target.fragment };
    await tx.redirect.upsert({ where: { pageId: page.pageId }, create: { pageId: page.pageId, ...row }, update: row });
  }
  await tx.page.update({ where: { id: page.pageId }, data: { isRedirect: target !== null } });
};
