import 'server-only';
import type { PageRendering } from '@/lib/server/templates/render-page';
import type { ParsedTitle } from '@/lib/domain/titles';
import type { Transaction } from '@/lib/server/transaction';
import { updateRedirect } from '@/lib/server/derived/redirects';
import { updateSearchDocument } from '@/lib/server/derived/search';
import { updatePageLinks } from '@/lib/server/derived/links';
import { updateCategoryLinks } from '@/lib/server/derived/categories';
import { updateFileLinks } from '@/lib/server/derived/files';
import { updateTemplateLinks } from '@/lib/server/derived/templates';

/** What every derived-data updater gets about the revision that just became the page's latest. */
export interface SavedPage {
  pageId: number;
  title: ParsedTitle;
  text: string;
  /** Its rendering, with what it transcludes (lib/server/templates/render-page.ts). */
  rendered: PageRendering;
}

export type DerivedDataUpdater = (tx: Transaction, page: SavedPage) => Promise<void>;

/**
 * Data derived from a page's latest text (links, categories, files shown, templates transcluded, redirect target, search document),
 * rebuilt inside the save transaction so it can never disagree with the page it describes — the
 * role of MediaWiki's LinksUpdate and SearchUpdate. Each updater owns its own table.
 */
const UPDATERS: DerivedDataUpdater[] = [updateRedirect, updateSearchDocument, updatePageLinks, updateCategoryLinks, updateFileLinks, updateTemplateLinks];

export async function updateDerivedData(tx: Transaction, page: SavedPage): Promise<void> {
  for (const update of UPDATERS) await update(tx, page);
}
