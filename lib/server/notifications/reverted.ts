import 'server-only';
import { getDb } from '@/lib/server/db';
import type { RevisionEventsJob } from '@/lib/server/notifications/revision-events';

/*
 * Who a revert reverts (docs/notifications.md, "reverted"): the authors of a page's revisions in a
 * range, each once with the newest revision they made in it. Rollback, undo and restore all
 * discard such a range; the new revision's worker then tells those authors.
 */

/** More authors than this in one undone range are not all told (an undo of a long history is rare and noisy). */
export const MAX_REVERTED_AUTHORS = 20;

/**
 * The authors of `pageId`'s live revisions with ids in (afterId, upToId]; afterId null means just
 * `upToId` (an undo of one revision). Restricted to the page, so a range sent by a client can only
 * name authors of that page's history.
 */
export async function revertedAuthors(pageId: number, afterId: number | null, upToId: number): Promise<RevisionEventsJob['reverted']> {
  const from = afterId === null ? upToId : afterId + 1;
  if (from > upToId) return [];
  const rows = await getDb().$queryRaw<{ user_id: number; revision_id: number }[]>`
    SELECT author_id AS user_id, max(id) AS revision_id FROM revisions
    WHERE page_id = ${pageId} AND id >= ${from} AND id <= ${upToId} AND NOT archived
    GROUP BY author_id ORDER BY max(id) DESC LIMIT ${MAX_REVERTED_AUTHORS}`;
  return rows.map((row) => ({ userId: row.user_id, revisionId: row.revision_id }));
}
