import 'server-only';
import { ApiError } from '@/lib/domain/action-api/errors';
import { apiComment } from '@/lib/domain/action-api/write-params';
import { isAppError } from '@/lib/domain/errors';
import { talkTitleOf, isTalkNamespace } from '@/lib/domain/talk';
import { deletePage, undeletePage, type UndeleteResult } from '@/lib/server/deletion';
import type { ApiModule } from '@/lib/server/action-api/module';
import { apiTitle, applyWatchlist, assertApiWrite, titleOrPageId, watchlistParams, watchStateBefore } from '@/lib/server/action-api/write-common';

/*
 * action=delete and action=undelete, as MediaWiki's ApiDelete and ApiUndelete, through the same
 * deletePage and undeletePage as the web forms (administrators only, with their logging). An
 * undeletion restores every deleted revision of the page: this wiki restores a page whole.
 */

export const deleteModule: ApiModule = {
  mustBePosted: true,
  needsToken: 'csrf',
  writes: true,
  async run({ params, session }) {
    const actor = session.actor;
    const title = await titleOrPageId(params);
    const reason = apiComment(params.string('reason'));
    const watchlist = watchlistParams(params);
    assertApiWrite(actor);
    const before = await watchStateBefore(actor, watchlist, [title]);
    try {
      const result = await deletePage(actor, { title, reason, deleteTalk: params.flag('deletetalk'), latestRevisionId: null });
      await applyWatchlist(actor, watchlist, [title], before);
      return { delete: { title: title.prefixedText, reason, logid: result.logId } };
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_FOUND') throw new ApiError('missingtitle', "The page you specified doesn't exist.");
      throw error;
    }
  },
};

const CANNOT_UNDELETE = "Couldn't undelete: the requested revisions may not exist, or may have been undeleted already.";

export const undeleteModule: ApiModule = {
  mustBePosted: true,
  needsToken: 'csrf',
  writes: true,
  async run({ params, session }) {
    const actor = session.actor;
    const title = apiTitle(params.requiredString('title'));
    const reason = apiComment(params.string('reason'));
    const watchlist = watchlistParams(params);
    if (params.list('timestamps').length > 0 || params.list('fileids').length > 0) {
      throw new ApiError('badvalue', 'This wiki restores every deleted revision of a page at once: leave out "timestamps" and "fileids".');
    }
    assertApiWrite(actor);
    let result: UndeleteResult;
    try {
      result = await undeletePage(actor, { title, reason, newestArchivedId: null });
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_FOUND') throw new ApiError('cantundelete', CANNOT_UNDELETE);
      throw error;
    }
    let restored = result.restored;
    const talk = params.flag('undeletetalk') && !isTalkNamespace(title.namespace) ? talkTitleOf(title) : null;
    if (talk) {
      try {
        restored += (await undeletePage(actor, { title: talk, reason, newestArchivedId: null })).restored;
      } catch (error) {
        // A talk page with nothing deleted is no failure of the page's undeletion.
        if (!isAppError(error) || error.code !== 'NOT_FOUND') throw error;
      }
    }
    await applyWatchlist(actor, watchlist, [title], null);
    return { undelete: { title: title.prefixedText, revisions: restored, reason } };
  },
};
