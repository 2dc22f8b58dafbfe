import { getTranslations } from 'next-intl/server';
import Link from '@/components/Link';
import { PermissionNotice } from '@/components/PermissionNotice';
import { WatchPageForm } from '@/components/watchlist/WatchPageForm';
import { submitWatch } from '@/app/actions/watchlist';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { loadWatchScreen } from '@/lib/server/screens/watch';

/**
 * /wiki/<Title>?action=watch and ?action=unwatch: MediaWiki's confirmation pages, where the star
 * leads without JavaScript and where a watch's length can be chosen.
 */
export async function WatchView({ title, watch }: { title: ParsedTitle; watch: boolean }) {
  const [screen, t] = await Promise.all([loadWatchScreen(title), getTranslations('watchlist.star')]);
  const path = titleToUrlPath(title);
  return (
    <article className="article">
      <h1 className="article-title">{watch ? t('watchHeading', { title: title.prefixedText }) : t('unwatchHeading', { title: title.prefixedText })}</h1>
      {screen.kind === 'denied' ? (
        <PermissionNotice decision={screen.decision} returnTo={`${path}?action=${watch ? 'watch' : 'unwatch'}`} />
      ) : (
        <>
          {screen.state.watched && watch && <p className="notice">{t('alreadyWatched', { title: title.prefixedText })}</p>}
          <WatchPageForm
            title={title.prefixedText}
            watch={watch}
            initial={{ watched: screen.state.watched, expiresAt: screen.state.expiresAt?.toISOString() ?? null, error: null }}
            action={submitWatch}
          />
        </>
      )}
      <p>
        <Link href={path}>{t('backToPage', { title: title.prefixedText })}</Link>
      </p>
    </article>
  );
}
