import 'server-only';
import type { DerivedDataUpdater } from '@/lib/server/derived';
import { categorySortKey } from '@/lib/domain/categories';

/**
 * Replaces the page's category_links rows with the [[Category:…]] memberships of its latest text
 * (MediaWiki's LinksUpdate for categorylinks). Runs inside the save transaction.
 */
export const updateCategoryLinks: DerivedDataUpdater = async (tx, page) => {
  await tx.categoryLink.deleteMany({ where: { pageId: page.pageId } });
  if (page.rendered.categories.length === 0) return;
  await tx.categoryLink.createMany({
    data: page.rendered.categories.map((category) => ({
      pageId: page.pageId,
      category: category.name,
      sortKey: categorySortKey(category.sortKey ?? page.title.text),
    })),
    skipDuplicates: true,
  });
};
