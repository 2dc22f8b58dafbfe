import 'server-only';
import { ApiError } from '@/lib/domain/action-api/errors';
import { tryParseTitle } from '@/lib/domain/titles';
import { unwatchPage, watchPage } from '@/lib/server/watchlist';
import type { ApiModule } from '@/lib/server/action-api/module';
import { watchExpiryParam } from '@/lib/server/action-api/write-common';

/*
 * action=watch, as MediaWiki's ApiWatch: adds the titles to the caller's watchlist (with an
 * expiry) or, with `unwatch`, removes them. MediaWiki's watch token is its csrf token, which is
 * what main.ts checks. A watchlist is the caller's own, so a block does not stop it.
 */

export const watchModule: ApiModule = {
  mustBePosted: true,
  needsToken: 'csrf',
  writes: true,
  async run({ params, session }) {
    const actor = session.actor;
    if (actor.userId === null) throw new ApiError('notloggedin', 'Please log in to view or edit items on your watchlist.');
    const names = params.has('titles') ? params.list('titles') : params.has('title') ? [params.requiredString('title')] : [];
    if (names.length === 0) throw new ApiError('missingparam', 'The "titles" parameter must be set.');
    const unwatch = params.flag('unwatch');
    const expiry = watchExpiryParam(params, 'expiry');
    const watch: Record<string, unknown>[] = [];
    for (const name of names) {
      const parsed = tryParseTitle(name);
      if (!parsed.ok || parsed.title.namespace < 0) {
        watch.push({ title: name, invalid: true });
        continue;
      }
      const title = parsed.title;
      if (unwatch) {
        await unwatchPage(actor, title);
        watch.push({ ns: title.namespace, title: title.prefixedText, unwatched: true });
      } else {
        const state = await watchPage(actor, title, expiry);
        watch.push({
          ns: title.namespace,
          title: title.prefixedText,
          watched: true,
          ...(state.expiresAt ? { watchlistexpiry: `${state.expiresAt.toISOString().slice(0, 19)}Z` } : {}),
        });
      }
    }
    return { watch };
  },
};
