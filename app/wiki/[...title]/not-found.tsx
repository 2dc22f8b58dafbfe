import { headers } from 'next/headers';
import { MissingPage } from '@/components/MissingPage';
import { DeletedPageNotice } from '@/components/DeletedPageNotice';
import { PageTabs } from '@/components/PageTabs';
import { submitWatch } from '@/app/actions/watchlist';
import { loadMissingPageScreen } from '@/lib/server/screens/missing-page';

/** 404 for /wiki/ addresses; proxy.ts passes the title (and any revision asked for) in headers. */
export default async function WikiPageNotFound() {
  const requestHeaders = await headers();
  const encoded = requestHeaders.get('x-wiki-title');
  const title = encoded ? decodeURIComponent(encoded) : null;
  const revision = requestHeaders.get('x-wiki-revision');
  const screen = await loadMissingPageScreen(title, revision);
  if (screen.kind === 'plain') return <MissingPage title={title} revision={revision} />;
  const { tabs: data } = screen;
  const tabs = <PageTabs watchAction={submitWatch} path={screen.path} current="read" access={data.access} discussion={data.discussion ?? undefined} exists={data.exists} />;
  if (screen.kind === 'deleted') return <DeletedPageNotice notice={screen.notice} tabs={tabs} />;
  return <MissingPage title={title} revision={revision} tabs={tabs} uploadHref={screen.uploadHref} />;
}
