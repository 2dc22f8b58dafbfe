import 'server-only';
import { getRevision, requireText, type RevisionDetail } from '@/lib/server/revisions';
import { getDb } from '@/lib/server/db';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import type { DiffTarget } from '@/lib/domain/query-params';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';

/** A revision whose text this viewer may read. */
export type ReadableRevision = RevisionDetail & { text: string };

export interface Comparison {
  /** null when the newer revision created the page (everything is added). */
  older: ReadableRevision | null;
  newer: ReadableRevision;
  /** The edits before and after this pair, for "← Older edit | Newer edit →". */
  olderEditId: number | null;
  newerEditId: number | null;
}

async function requireRevision(id: number, viewer: Actor): Promise<RevisionDetail> {
  const detail = await getRevision(id, viewer);
  if (!detail) throw new AppError('NOT_FOUND', errorMessage('revision.noSuchRevision', { id }));
  return detail;
}

/** Both sides' texts are needed: a side hidden from this viewer refuses the whole diff (403). */
function readable(detail: RevisionDetail): ReadableRevision {
  return { ...detail, text: requireText(detail) };
}

async function childOf(id: number): Promise<number | null> {
  const child = await getDb().revision.findUnique({ where: { parentId: id }, select: { id: true } });
  return child?.id ?? null;
}

/**
 * Resolves MediaWiki's ?diff=…&oldid=… pair: diff may be a revision id or prev / next / cur
 * relative to oldid; without oldid, diff=<id> compares the revision with its parent. Both sides
 * must be revisions of the same page.
 */
export async function resolveComparison(diff: DiffTarget, oldid: number | undefined, viewer: Actor = ANONYMOUS): Promise<Comparison> {
  let olderId: number | null;
  let newerId: number;
  if (typeof diff === 'number') {
    if (oldid === undefined) {
      newerId = diff;
      olderId = (await requireRevision(diff, viewer)).revision.parentId;
    } else {
      [olderId, newerId] = oldid <= diff ? [oldid, diff] : [diff, oldid];
    }
  } else {
    if (oldid === undefined) throw new AppError('VALIDATION', errorMessage('compare.needsOldid', { diff }));
    const base = await requireRevision(oldid, viewer);
    if (diff === 'prev') [olderId, newerId] = [base.revision.parentId, oldid];
    else if (diff === 'cur') {
      if (base.latestRevisionId === null) throw new AppError('NOT_FOUND', errorMessage('compare.pageDeleted', { title: base.title.prefixedText }));
      [olderId, newerId] = [oldid, base.latestRevisionId];
    } else {
      const next = await childOf(oldid);
      [olderId, newerId] = next === null ? [base.revision.parentId, oldid] : [oldid, next];
    }
  }
  const newer = readable(await requireRevision(newerId, viewer));
  const older = olderId === null || olderId === newerId ? null : readable(await requireRevision(olderId, viewer));
  if (older && older.revision.pageId !== newer.revision.pageId) {
    throw new AppError(
      'VALIDATION',
      errorMessage('compare.differentPages', {
        older: older.revision.id,
        newer: newer.revision.id,
        olderTitle: older.title.prefixedText,
        newerTitle: newer.title.prefixedText,
      }),
    );
  }
  return {
    older,
    newer,
    olderEditId: older?.revision.parentId ?? null,
    newerEditId: newer.revision.visibility?.archived ? null : await childOf(newer.revision.id),
  };
}
