import { headers } from 'next/headers';
import { MissingPage } from '@/components/MissingPage';
import { DeletedPageNotice } from '@/components/DeletedPageNotice';
import { getDeletionNotice } from '@/lib/server/deletion';
import { pageRowState } from '@/lib/server/article-page';
import { getActor } from '@/lib/server/session';
import { NS, tryParseTitle } from '@/lib/domain/titles';

/** 404 for /wiki/ addresses; proxy.ts passes the title (and any revision asked for) in headers. */
export default async function WikiPageNotFound() {
  const requestHeaders = await headers();
  const encoded = requestHeaders.get('x-wiki-title');
  const title = encoded ? decodeURIComponent(encoded) : null;
  const revision = requestHeaders.get('x-wiki-revision');
  const parsed = title && !revision ? tryParseTitle(title) : null;
  if (parsed?.ok && parsed.title.namespace !== NS.SPECIAL) {
    // A deleted page says so, with who deleted it and why (MediaWiki's moveddeleted notice). Only
    // a page row without text can be deleted; the row comes from the article's own cached read.
    if ((await pageRowState(parsed.title)) === 'without-text') {
      const notice = await getDeletionNotice(parsed.title, await getActor());
      if (notice) return <DeletedPageNotice notice={notice} />;
    }
  }
  return <MissingPage title={title} revision={revision} />;
}
