import Link from '@/components/Link';
import { getTranslations } from 'next-intl/server';
import { PermissionNotice } from '@/components/PermissionNotice';
import { EditWatchlistForm, type WatchlistLine } from '@/components/watchlist/EditWatchlistForm';
import { RawWatchlistForm } from '@/components/watchlist/RawWatchlistForm';
import { submitRawWatchlist, submitRemoveTitles } from '@/app/actions/watchlist-edit';
import { loadEditWatchlistScreen, type WatchedTitleLine } from '@/lib/server/screens/edit-watchlist';
import { NAMESPACE_NAMES, titleToUrlPath } from '@/lib/domain/titles';
import { watchDaysLeft } from '@/lib/domain/watchlist';
import { redLinkHref, specialPageHref } from '@/lib/domain/wiki-hrefs';
import type { SearchParams } from '@/lib/domain/query-params';

const WATCHLIST_HREF = specialPageHref('Watchlist');
const EDIT_HREF = specialPageHref('EditWatchlist');
const RAW_HREF = specialPageHref('EditWatchlist', 'raw');

/**
 * Special:EditWatchlist (a checkbox per watched title) and Special:EditWatchlist/raw (the list as
 * text), as MediaWiki's. Signed-in readers only: the others get the sign-in links, returning here.
 * `query` is accepted as every special page's is; these pages read none.
 */
export async function EditWatchlistView({ raw }: { query: SearchParams; raw: boolean }) {
  const [screen, t] = await Promise.all([loadEditWatchlistScreen(raw), getTranslations('watchlist.edit.tools')]);
  if (screen.kind === 'denied') return <PermissionNotice decision={screen.decision} returnTo={screen.returnTo} />;
  const now = new Date();
  return (
    <>
      {/* MediaWiki's watchlist tools; the page being shown is not a link. */}
      <nav aria-label={t('label')}>
        <p>
          <Link href={WATCHLIST_HREF}>{t('view')}</Link> | {raw ? <Link href={EDIT_HREF}>{t('edit')}</Link> : <strong>{t('edit')}</strong>} |{' '}
          {raw ? <strong>{t('raw')}</strong> : <Link href={RAW_HREF}>{t('raw')}</Link>}
        </p>
      </nav>
      {screen.kind === 'raw' ? (
        <RawWatchlistForm text={screen.text} action={submitRawWatchlist} normalHref={EDIT_HREF} />
      ) : (
        <EditWatchlistForm lines={screen.lines.map((line) => lineProps(line, now))} action={submitRemoveTitles} rawHref={RAW_HREF} />
      )}
    </>
  );
}

/** A line's addresses and words, computed here so that the client form gets plain strings. */
function lineProps({ title, exists, expiresAt, talk, talkExists }: WatchedTitleLine, now: Date): WatchlistLine {
  return {
    title: title.prefixedText,
    namespaceName: NAMESPACE_NAMES[title.namespace],
    href: exists ? titleToUrlPath(title) : redLinkHref(title),
    exists,
    talkTitle: talk.prefixedText,
    talkHref: talkExists ? titleToUrlPath(talk) : redLinkHref(talk),
    talkExists,
    historyHref: `${titleToUrlPath(title)}?action=history`,
    daysLeft: watchDaysLeft(expiresAt, now),
  };
}
