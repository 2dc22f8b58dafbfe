import 'server-only';
import { ApiError } from '@/lib/domain/action-api/errors';
import { apiTimestamp } from '@/lib/domain/action-api/result';
import { apiComment, apiLevelName, requestedProtections } from '@/lib/domain/action-api/write-params';
import { isAppError } from '@/lib/domain/errors';
import { protectableActions, type ProtectInput } from '@/lib/domain/protection';
import { protectionFormState, protectPage } from '@/lib/server/protection';
import type { ApiModule } from '@/lib/server/action-api/module';
import { applyWatchlist, assertApiWrite, titleOrPageId, watchlistParams, watchStateBefore } from '@/lib/server/action-api/write-common';

/*
 * action=protect, as MediaWiki's ApiProtect: `protections` sets the level of each listed action
 * and, as on MediaWiki, removes the protection of every action not listed. MediaWiki's levels map
 * onto this wiki's ("sysop" is administrators, "all" none). Cascading protection does not exist
 * here (nor on the web form), so asking for it is refused rather than silently dropped.
 */

export const protectModule: ApiModule = {
  mustBePosted: true,
  needsToken: 'csrf',
  writes: true,
  async run({ params, session }) {
    const actor = session.actor;
    const title = await titleOrPageId(params);
    params.requiredString('protections');
    const reason = apiComment(params.string('reason'));
    const watchlist = watchlistParams(params);
    if (params.flag('cascade')) {
      throw new ApiError('cantcascade', 'This wiki has no cascading protection: protect the pages this one transcludes themselves, and send the request without "cascade".');
    }
    const now = new Date();
    const requested = requestedProtections(params.list('protections'), params.list('expiry'), protectableActions(title.namespace), now);
    assertApiWrite(actor);
    const state = await protectionFormState(title);
    if (!state) throw new ApiError('missingtitle', "The page you specified doesn't exist.");
    const { edit, move, upload } = requested.restrictions;
    const input: ProtectInput = { title, edit: edit!, move: move!, ...(upload ? { upload } : {}), reason, baseToken: state.token };
    const before = await watchStateBefore(actor, watchlist, [title]);
    try {
      await protectPage(actor, input);
    } catch (error) {
      // Asking for the protection a page already has changes nothing and is no error, as on MediaWiki.
      const key = isAppError(error) && typeof error.text !== 'string' ? error.text.key : '';
      if (key !== 'protection.nothingToChange') throw error;
    }
    await applyWatchlist(actor, watchlist, [title], before);
    const protections = requested.order.map((action) => {
      const restriction = requested.restrictions[action]!;
      return { [action]: apiLevelName(restriction.level), expiry: restriction.expiresAt ? apiTimestamp(restriction.expiresAt) : 'infinite' };
    });
    return { protect: { title: title.prefixedText, reason, protections } };
  },
};
