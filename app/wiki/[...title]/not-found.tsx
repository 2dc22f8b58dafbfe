import { headers } from 'next/headers';
import { MissingPage } from '@/components/MissingPage';
import { DeletedPageNotice } from '@/components/DeletedPageNotice';
import { getDeletionNotice } from '@/lib/server/deletion';
import { PageTabs } from '@/components/PageTabs';
import { pageRowState, readPageTabs } from '@/lib/server/article-page';
import { getActor } from '@/lib/server/session';
import { NS, titleToUrlPath, tryParseTitle } from '@/lib/domain/titles';

/** 404 for /wiki/ addresses; proxy.ts passes the title (and any revision asked for) in headers. */
export default async function WikiPageNotFound() {
  const requestHeaders = await headers();
  const encoded = requestHeaders.get('x-wiki-title');
  const title = encoded ? decodeURIComponent(encoded) : null;
  const revision = requestHeaders.get('x-wiki-revision');
  const parsed = title && !revision ? tryParseTitle(title) : null;
  // Next renders this boundary alongside every /wiki/ page: a live page (the usual case) costs
  // nothing more than the article's own cached read.
  if (parsed?.ok && parsed.title.namespace !== NS.SPECIAL && (await pageRowState(parsed.title)) !== 'live') {
    const actor = getActor();
    const data = await readPageTabs(parsed.title, actor);
    // The missing page's tabs, as MediaWiki shows them: Article / Discussion and Create (or View source).
    const tabs = <PageTabs path={titleToUrlPath(parsed.title)} current="read" access={data.access} discussion={data.discussion ?? undefined} exists={data.exists} />;
    // A deleted page says so, with who deleted it and why (MediaWiki's moveddeleted notice). Only
    // a page row without text can be deleted.
    if ((await pageRowState(parsed.title)) === 'without-text') {
      const notice = await getDeletionNotice(parsed.title, await actor);
      if (notice) return <DeletedPageNotice notice={notice} tabs={tabs} />;
    }
    return <MissingPage title={title} revision={revision} tabs={tabs} />;
  }
  return <MissingPage title={title} revision={revision} />;
}
