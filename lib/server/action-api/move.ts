import 'server-only';
import { ApiError } from '@/lib/domain/action-api/errors';
import { apiComment } from '@/lib/domain/action-api/write-params';
import { isAppError } from '@/lib/domain/errors';
import { NS, type ParsedTitle } from '@/lib/domain/titles';
import { movePage, type MoveResult } from '@/lib/server/move-page';
import type { ApiModule } from '@/lib/server/action-api/module';
import { apiTitle, applyWatchlist, assertApiWrite, titleOrPageId, watchlistParams, watchStateBefore } from '@/lib/server/action-api/write-common';

/*
 * action=move, as MediaWiki's ApiMove: through movePage, the web form's path (its rights, move
 * protection, blocks and the rules for what may stand at the new title). Leaving no redirect is
 * open to whoever may move, as on the web form. Subpages are not moved: this wiki moves a page and
 * its talk page.
 */

/** MediaWiki's codes for movePage's refusals; the rest keep apiErrorOf's mapping. */
function moveError(error: unknown, from: ParsedTitle): unknown {
  if (!isAppError(error)) return error;
  const key = typeof error.text === 'string' ? '' : error.text.key;
  switch (key) {
    case 'move.sameTitle':
      return new ApiError('selfmove', 'The title is the same; cannot move a page over itself.');
    case 'move.exists':
      return new ApiError('articleexists', 'A page of that name already exists, or the name you have chosen is not valid. Please choose another name.');
    case 'move.missing':
      return new ApiError('missingtitle', "The page you specified doesn't exist.");
    case 'move.special':
    case 'move.talkMismatch':
      return new ApiError('immobilenamespace', `${error.message}`);
    case 'move.fileNamespace':
      return from.namespace === NS.FILE
        ? new ApiError('imagenocrossnamespace', "Can't move a file to a non-file namespace.")
        : new ApiError('nonfile-cannot-move-to-file', "Can't move a non-file to file namespace.");
    case 'move.fileExtension':
      return new ApiError('imagetypemismatch', `${error.message}`);
    case 'move.protectedRedirect':
      return new ApiError('protectedtitle', `${error.message}`);
    default:
      return error;
  }
}

function talkResult(result: MoveResult): Record<string, unknown> {
  if (result.talk) {
    return {
      talkfrom: result.talk.from,
      talkto: result.talk.to,
      talkredirectcreated: result.talk.redirectPageId !== null,
      talkmoveoverredirect: result.talk.deletedRedirectPageId !== null,
    };
  }
  if (result.talkWarning) return { 'talkmove-errors': [{ code: 'articleexists', text: result.talkWarning, module: 'move' }] };
  return {};
}

export const moveModule: ApiModule = {
  mustBePosted: true,
  needsToken: 'csrf',
  writes: true,
  async run({ params, session, warn }) {
    const actor = session.actor;
    const from = await titleOrPageId(params, 'from', 'fromid');
    const to = apiTitle(params.requiredString('to'));
    const reason = apiComment(params.string('reason'));
    const watchlist = watchlistParams(params);
    params.has('ignorewarnings');
    if (params.flag('movesubpages')) {
      warn({ code: 'movesubpages', text: 'Subpages were not moved: this wiki moves a page and its talk page only.', module: 'move' });
    }
    assertApiWrite(actor);
    const before = await watchStateBefore(actor, watchlist, [from, to]);
    let result: MoveResult;
    try {
      result = await movePage(actor, { from, to, reason, leaveRedirect: !params.flag('noredirect'), moveTalk: params.flag('movetalk') });
    } catch (error) {
      throw moveError(error, from);
    }
    const watched = await applyWatchlist(actor, watchlist, [to, from], before);
    const move: Record<string, unknown> = {
      from: result.page.from,
      to: result.page.to,
      reason,
      redirectcreated: result.page.redirectPageId !== null,
      moveoverredirect: result.page.deletedRedirectPageId !== null,
      ...talkResult(result),
    };
    if (watched) move.watched = true;
    return { move };
  },
};
