import 'server-only';
import { getDb } from '@/lib/server/db';
import { pageWriteTransaction, recordPageChanges } from '@/lib/server/page-cache';
import { writeLogEntry } from '@/lib/server/log';
import { policySettings } from '@/lib/server/settings';
import { getRevision, type RevisionDetail } from '@/lib/server/revisions';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { assertCan, type Actor } from '@/lib/domain/policy';
import { isKnownNamespace, makeParsedTitle, NS } from '@/lib/domain/titles';
import type { RevisionVisibilityInput } from '@/lib/domain/deletion';
import { hidingRefusal } from '@/lib/domain/visibility';

/*
 * Revision hiding (MediaWiki's Special:RevisionDelete): an administrator hides one revision's
 * text, summary or author from everyone but administrators, and can show them again. Only the
 * revision's `hidden` bits change; the log keeps what they were before and after.
 */

export interface VisibilityResult {
  revisionId: number;
  hiddenBefore: number;
  hiddenAfter: number;
  logId: number;
}

interface LockedRevision {
  id: number;
  page_id: number;
  hidden: number;
  latest_revision_id: number | null;
  namespace: number;
  title: string;
}

export async function setRevisionVisibility(actor: Actor, input: RevisionVisibilityInput): Promise<VisibilityResult> {
  assertCan(actor, 'hiderevision', null, policySettings());
  return pageWriteTransaction(async (tx) => {
    // The page row is locked, so "is this the current revision" cannot change under us.
    const rows = await tx.$queryRaw<LockedRevision[]>`
      SELECT r.id, r.page_id, r.hidden, p.latest_revision_id, p.namespace, p.title
      FROM revisions r JOIN pages p ON p.id = r.page_id
      WHERE r.id = ${input.revisionId} FOR UPDATE OF p, r`;
    const revision = rows[0];
    if (!revision) throw new AppError('NOT_FOUND', errorMessage('revision.noSuchRevision', { id: input.revisionId }));
    assertCan(actor, 'hiderevision', { id: revision.page_id }, policySettings());
    const before = Number(revision.hidden);
    const changed = (input.seenHidden !== null && input.seenHidden !== before) || (input.latestRevisionId !== null && input.latestRevisionId !== revision.latest_revision_id);
    if (changed) {
      throw new AppError('EDIT_CONFLICT', errorMessage('revisionDelete.changed', { id: revision.id }));
    }
    if (input.hidden === before) throw new AppError('VALIDATION', errorMessage('revisionDelete.nothingToChange'));
    const refusal = hidingRefusal(input.hidden, revision.id === revision.latest_revision_id);
    if (refusal) throw new AppError('VALIDATION', refusal, { fieldErrors: { hideText: refusal } });

    await tx.revision.update({ where: { id: revision.id }, data: { hidden: input.hidden } });
    const namespace = isKnownNamespace(revision.namespace) ? revision.namespace : NS.MAIN;
    const pageTitle = makeParsedTitle(namespace, revision.title);
    await recordPageChanges(tx, [{ kind: 'visibility', title: pageTitle }]);
    const log = await writeLogEntry(tx, {
      type: 'delete',
      action: 'revision',
      actorId: actor.userId,
      title: pageTitle,
      pageId: revision.page_id,
      comment: input.reason,
      params: { revisionId: revision.id, hiddenBefore: before, hiddenAfter: input.hidden },
    });
    return { revisionId: revision.id, hiddenBefore: before, hiddenAfter: input.hidden, logId: log.id };
  });
}

export interface VisibilityFormState {
  detail: RevisionDetail;
  hidden: number;
  isCurrent: boolean;
}

/** What Special:RevisionDelete shows (administrators only): the revision, unredacted, and its bits. */
export async function visibilityFormState(viewer: Actor, revisionId: number): Promise<VisibilityFormState | null> {
  assertCan(viewer, 'hiderevision', null, policySettings());
  const [detail, row] = await Promise.all([getRevision(revisionId, viewer), getDb().revision.findUnique({ where: { id: revisionId }, select: { hidden: true } })]);
  if (!detail || !row) return null;
  return { detail, hidden: row.hidden, isCurrent: detail.latestRevisionId === revisionId };
}
