import 'server-only';
import { getDb } from '@/lib/server/db';
import { editPage, type EditOutcome } from '@/lib/server/edit-page';
import { getRevision, requireText, type RevisionDetail } from '@/lib/server/revisions';
import { savePage } from '@/lib/server/save-page';
import { assertCanOnPage, editAuthorizer } from '@/lib/server/protection';
import { AppError, isAppError } from '@/lib/domain/errors';
import { englishText, errorMessage, type ErrorMessage } from '@/lib/domain/error-messages';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { undoChange } from '@/lib/domain/merge';
import type { ParsedTitle } from '@/lib/domain/titles';

/** The revision with its text, as `viewer` may see it: 404 when archived, 403 when its text is hidden. */
async function requireRevision(id: number, viewer: Actor, title?: ParsedTitle): Promise<RevisionDetail & { text: string }> {
  const detail = await getRevision(id, viewer);
  if (!detail) throw new AppError('NOT_FOUND', errorMessage('revision.noSuchRevision', { id }));
  if (title && (detail.title.namespace !== title.namespace || detail.title.dbKey !== title.dbKey)) {
    throw new AppError('VALIDATION', errorMessage('revision.wrongPage', { id, actual: detail.title.prefixedText, expected: title.prefixedText }));
  }
  return { ...detail, text: requireText(detail) };
}

function requireLatest(detail: RevisionDetail): number {
  if (detail.latestRevisionId === null) throw new AppError('NOT_FOUND', errorMessage('revision.pageDeleted', { title: detail.title.prefixedText }));
  return detail.latestRevisionId;
}

/** "Restore": a new revision whose text equals an old one, saved on top of the current version. */
export async function restoreRevision(actor: Actor, revisionId: number, clientIp: string): Promise<EditOutcome> {
  const old = await requireRevision(revisionId, actor);
  return editPage(
    actor,
    {
      title: old.title,
      content: old.text,
      summary: `Restored revision ${old.revision.id} by ${old.revision.author.name}`,
      minor: false,
      baseRevisionId: requireLatest(old),
      // Restoring discards the revisions after the old one: their authors are told, their revisions marked reverted.
      undo: { undoId: requireLatest(old), undoAfterId: old.revision.id },
      // A web action, as MediaWiki's EditPage: a bot's restore is marked bot.
      bot: true,
    },
    clientIp,
  );
}

const UNDO_NOT_CLEAN = errorMessage('revert.notClean');

export type UndoPreparation =
  { clean: true; text: string; summary: string; baseRevisionId: number } | { clean: false; currentText: string; baseRevisionId: number; message: string; text: ErrorMessage };

/**
 * MediaWiki's undo: apply the inverse of the change undoafter → undo to the CURRENT text by a
 * three-way merge, so edits made since survive. The editor confirms the result in the edit form.
 */
export async function prepareUndo(title: ParsedTitle, undoId: number, undoAfterId: number | null, viewer: Actor = ANONYMOUS): Promise<UndoPreparation> {
  const undone = await requireRevision(undoId, viewer, title);
  const afterId = undoAfterId ?? undone.revision.parentId;
  if (afterId === null) throw new AppError('VALIDATION', errorMessage('revert.firstRevision'));
  const before = await requireRevision(afterId, viewer, title);
  if (before.revision.id >= undone.revision.id) {
    throw new AppError('VALIDATION', errorMessage('revert.undoOrder', { after: afterId, undo: undoId }));
  }
  const current = await requireRevision(requireLatest(undone), viewer, title);
  const merge = undoChange(current.text, before.text, undone.text);
  if (!merge.clean) {
    return {
      clean: false,
      currentText: current.text,
      baseRevisionId: current.revision.id,
      message: englishText(UNDO_NOT_CLEAN),
      text: UNDO_NOT_CLEAN,
    };
  }
  const range = afterId === undone.revision.parentId ? `revision ${undoId}` : `revisions ${afterId + 1}–${undoId}`;
  return { clean: true, text: merge.text, summary: `Undo ${range} by ${undone.revision.author.name}`, baseRevisionId: current.revision.id };
}

/**
 * Rollback (admins): revert all consecutive latest edits by the page's last editor to the last
 * revision by someone else, in one click. Compare-and-swap on the latest revision the admin saw,
 * so it fails cleanly (no merge) if anyone edited meanwhile.
 */
export async function rollback(actor: Actor, pageId: number, expectedLatestId: number): Promise<{ revisionId: number; summary: string }> {
  await assertCanOnPage(actor, 'rollback', pageId);
  const history = await getDb().revision.findMany({
    where: { pageId, archived: false },
    orderBy: { id: 'desc' },
    take: 500,
    select: { id: true, authorId: true, author: { select: { name: true } } },
  });
  const latest = history[0];
  if (!latest || latest.id !== expectedLatestId) {
    throw changedMeanwhile();
  }
  const target = history.find((revision) => revision.authorId !== latest.authorId);
  if (!target) {
    throw new AppError('VALIDATION', errorMessage('revert.onlyAuthor', { name: latest.author.name }));
  }
  const targetDetail = await requireRevision(target.id, actor);
  // The rolled-back revisions are all by the last editor (history is newest first): tell them once.
  const reverted = [{ userId: latest.authorId, revisionId: latest.id }];
  const summary = `Reverted edits by ${latest.author.name} to last revision by ${target.author.name}`;
  try {
    const result = await savePage({
      title: targetDetail.title,
      text: targetDetail.text,
      summary,
      minor: true,
      authorId: actor.userId!,
      baseRevisionId: expectedLatestId,
      // A rollback is an edit: MediaWiki checks edit rights (protection, blocks) too.
      authorize: editAuthorizer(actor),
      reverted,
      // Everything after the target up to the latest the admin saw (the compare-and-swap keeps it so).
      revertsRange: { afterId: target.id, upToId: expectedLatestId },
      // A bot's rollback is marked bot, as its web edits are.
      bot: actor.bot === true,
    });
    return { revisionId: result.revisionId, summary };
  } catch (error) {
    if (isAppError(error) && error.code === 'EDIT_CONFLICT') throw changedMeanwhile();
    throw error;
  }
}

function changedMeanwhile(): AppError {
  return new AppError('EDIT_CONFLICT', errorMessage('revert.changedMeanwhile'));
}
