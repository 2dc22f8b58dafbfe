import 'server-only';
import { getActor } from '@/lib/server/session';
import { getDeletionNotice } from '@/lib/server/deletion';
import { pageRowState, readPageTabs, type PageTabsData } from '@/lib/server/article-page';
import type { DeletionNotice } from '@/lib/domain/deletion';
import { uploadHref as uploadPageHref } from '@/lib/domain/files/file-page-view';
import { NS, titleToUrlPath, tryParseTitle } from '@/lib/domain/titles';

export type MissingPageScreen =
  /** Not a page that could exist (a bad title, a special page, a revision), or one that does: no tabs. */
  | { kind: 'plain' }
  /** `uploadHref`: a File: page offers to upload the file (MediaWiki's filepage-nofile-link). */
  | { kind: 'missing'; path: string; tabs: PageTabsData; uploadHref: string | null }
  /** A deleted page says so, with who deleted it and why (MediaWiki's moveddeleted notice). */
  | { kind: 'deleted'; path: string; tabs: PageTabsData; notice: DeletionNotice };

/**
 * The 404 of a /wiki/ address: `title` as the address named it, `revision` when it asked for one.
 * Next renders this boundary alongside every /wiki/ page: a live page (the usual case) costs
 * nothing more than the article's own cached read.
 */
export async function loadMissingPageScreen(title: string | null, revision: string | null): Promise<MissingPageScreen> {
  const parsed = title && !revision ? tryParseTitle(title) : null;
  if (!parsed?.ok || parsed.title.namespace === NS.SPECIAL || (await pageRowState(parsed.title)) === 'live') return { kind: 'plain' };
  const actor = getActor();
  // The missing page's tabs, as MediaWiki shows them: Article / Discussion and Create (or View source).
  const tabs = await readPageTabs(parsed.title, actor);
  // Only a page row without text can be deleted.
  if ((await pageRowState(parsed.title)) === 'without-text') {
    const notice = await getDeletionNotice(parsed.title, await actor);
    if (notice) return { kind: 'deleted', path: titleToUrlPath(parsed.title), tabs, notice };
  }
  const uploadHref = parsed.title.namespace === NS.FILE ? uploadPageHref(parsed.title.dbKey) : null;
  return { kind: 'missing', path: titleToUrlPath(parsed.title), tabs, uploadHref };
}
