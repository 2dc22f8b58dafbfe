import 'server-only';
import { getDb } from '@/lib/server/db';
import { savePage, type SavePageResult } from '@/lib/server/save-page';
import { revertedAuthors } from '@/lib/server/notifications/reverted';
import { anonymousAuthorId } from '@/lib/server/users';
import { readRevisionWithText } from '@/lib/server/revision-rows';
import { consume, editLimitFor } from '@/lib/server/throttle';
import { renderPageText } from '@/lib/server/templates/render-page';
import { editAuthorizer, pageContextForTitle } from '@/lib/server/protection';
import { policySettings } from '@/lib/server/settings';
import { AppError, isAppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { replaceSection } from '@/lib/domain/sections';
import { sectionHeadings } from '@/lib/server/section-headings';
import { assertCan, type Actor } from '@/lib/domain/policy';
import { threeWayMerge } from '@/lib/domain/merge';
import { mayViewDeleted, mergeableBaseText } from '@/lib/domain/visibility';
import { assertWritableTitle, type ParsedTitle } from '@/lib/domain/titles';
import { expandSignatures } from '@/lib/domain/signatures';

export interface EditRequest {
  title: ParsedTitle;
  content: string;
  summary: string;
  minor: boolean;
  baseRevisionId: number | null;
  /** `content` replaces only this section of the base revision's text (lib/domain/sections.ts). */
  section?: number | null;
  /**
   * The edit undoes the page's revisions after `undoAfterId` up to `undoId` (MediaWiki's undo= and
   * undoafter=; undoAfterId null: `undoId` alone), or restores an old revision: those revisions'
   * authors are notified (reverted).
   */
  undo?: { undoId: number; undoAfterId: number | null } | null;
  /**
   * Ask for the bot mark (MediaWiki's EditPage asks for a bot's web edits, the Action API's `bot`
   * parameter for its own): granted only when the actor's account is a bot. Omitted: false.
   */
  bot?: boolean;
}

export type EditOutcome =
  | SavePageResult
  /** The edit overlaps a change saved meanwhile: nothing was saved, the editor's text is returned. */
  | { status: 'conflict'; currentRevisionId: number | null; currentText: string; yourText: string };

interface PageState {
  pageId: number | null;
  latestRevisionId: number | null;
  latestText: string;
}

async function pageState(title: ParsedTitle): Promise<PageState> {
  const page = await getDb().page.findUnique({
    where: { namespace_title: { namespace: title.namespace, title: title.dbKey } },
    select: { id: true, latestRevision: { select: { id: true, content: { select: { text: true } } } } },
  });
  return {
    pageId: page?.id ?? null,
    latestRevisionId: page?.latestRevision?.id ?? null,
    latestText: page?.latestRevision?.content.text ?? '',
  };
}

/**
 * The text of the editor's base revision to merge against; '' when creating. A base from another
 * page never merges, nor does one whose text `actor` may not see (mergeableBaseText).
 */
async function baseText(actor: Actor, pageId: number | null, baseRevisionId: number | null): Promise<string | null> {
  if (baseRevisionId === null) return '';
  const base = await readRevisionWithText(getDb(), baseRevisionId);
  if (!base || base.pageId !== pageId) return null;
  return mergeableBaseText(base, mayViewDeleted(actor));
}

/**
 * Saves an edit as MediaWiki does: permission and throttle checks, then the compare-and-swap save.
 * If the page changed since the editor's base revision, a line-based three-way merge (base, yours,
 * current) is tried; a clean merge is saved (status "merged"), an overlapping one returns
 * "conflict" with both texts so that nothing typed is lost.
 */
export async function editPage(actor: Actor, request: EditRequest, clientIp: string): Promise<EditOutcome> {
  // Before the permission check and the throttle: a title that can never be saved is a 400, and costs no edit.
  assertWritableTitle(request.title);
  const section = request.section ?? null;
  // Pre-save transform: "~~~~" becomes the editor's signature (outside code).
  const signer = actor.name !== null ? { name: actor.name } : { name: clientIp, anonymous: true };
  let content = expandSignatures(request.content, signer);
  // Rendering, the costliest step, starts first and runs (in a worker, for long texts) while the
  // permission, throttle and base-text reads below wait on the database. Anyone may render text
  // anyway (the preview), so starting before the permission check exposes nothing new. A section
  // edit's page text is only known once the base revision is read.
  let rendering = section === null ? renderPageText(request.title, content) : undefined;
  rendering?.catch(() => undefined); // awaited by savePage; a refusal below must not leave it unhandled
  const page = await pageContextForTitle(request.title);
  const pageId = page.id;
  assertCan(actor, pageId === null ? 'create' : 'edit', page, policySettings());
  const original = await baseText(actor, pageId, request.baseRevisionId);
  let yourText = request.content;
  if (section !== null) {
    if (original === null) return conflictOutcome(request.title, yourText);
    // The section is put back into the text it was taken from (the base revision), never into the
    // current text: a change saved meanwhile elsewhere in the page then merges like any other edit.
    const headings = await sectionHeadings(original);
    const spliced = request.baseRevisionId === null ? null : replaceSection(original, section, content, headings);
    if (spliced === null) {
      const message = errorMessage('edit.sectionNotFound', { section });
      throw new AppError('VALIDATION', message, { fieldErrors: { section: message } });
    }
    content = spliced;
    // What the conflict screen keeps is the whole page as the editor meant it, signatures unexpanded.
    yourText = replaceSection(original, section, request.content, headings) ?? request.content;
    rendering = renderPageText(request.title, content);
    rendering.catch(() => undefined);
  }
  await consume(editLimitFor(actor), actor.userId === null ? `ip:${clientIp}` : `user:${actor.userId}`);
  const authorId = actor.userId ?? (await anonymousAuthorId(clientIp));
  const reverted = request.undo && pageId !== null ? await revertedAuthors(pageId, request.undo.undoAfterId, request.undo.undoId) : undefined;
  // undoAfterId null: the undone revision alone (ids above undoId − 1 up to undoId, on this page).
  const revertsRange = request.undo ? { afterId: request.undo.undoAfterId ?? request.undo.undoId - 1, upToId: request.undo.undoId } : null;

  try {
    const result: SavePageResult = await savePage({
      title: request.title,
      text: content,
      summary: request.summary,
      minor: request.minor,
      authorId,
      baseRevisionId: request.baseRevisionId,
      authorize: editAuthorizer(actor),
      rendering,
      reverted,
      revertsRange,
      bot: request.bot === true && actor.bot === true,
      merge:
        original === null
          ? undefined
          : (current) => {
              const merge = threeWayMerge(original, content, current);
              return merge.clean ? merge.text : null;
            },
    });
    return result;
  } catch (error) {
    if (!isAppError(error) || error.code !== 'EDIT_CONFLICT') throw error;
  }
  return conflictOutcome(request.title, yourText);
}

async function conflictOutcome(title: ParsedTitle, yourText: string): Promise<EditOutcome> {
  const state = await pageState(title);
  return { status: 'conflict', currentRevisionId: state.latestRevisionId, currentText: state.latestText, yourText };
}
