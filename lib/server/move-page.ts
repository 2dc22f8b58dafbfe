import 'server-only';
import { pageWriteTransaction, recordPageChanges } from '@/lib/server/page-cache';
import { autoWatch, copyWatchers } from '@/lib/server/watchlist';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { assertCan, can, type Actor } from '@/lib/domain/policy';
import { pageContextFor } from '@/lib/server/protection';
import { writeLogEntry } from '@/lib/server/log';
import { policySettings } from '@/lib/server/settings';
import { renderPageText } from '@/lib/server/templates/render-page';
import { queueDependentsOf } from '@/lib/server/templates/queue';
import { redirectText } from '@/lib/domain/redirects';
import { assertWritableTitle, isVirtualNamespace, NS, type ParsedTitle } from '@/lib/domain/titles';
import { isTalkNamespace, talkTitleOf } from '@/lib/domain/talk';
import { appendRevision } from '@/lib/server/save-page';
import { extensionFits, wrongExtensionMessage } from '@/lib/domain/files/media-types';
import type { Transaction } from '@/lib/server/transaction';

export interface MoveRequest {
  from: ParsedTitle;
  to: ParsedTitle;
  reason: string;
  leaveRedirect: boolean;
  moveTalk: boolean;
  /** The latest revision the mover saw; when given and the page moved on, the move is refused. */
  expectedLatestRevisionId?: number | null;
}

export interface MovedPage {
  pageId: number;
  from: string;
  to: string;
  /** The redirect page left at the old title, if any. */
  redirectPageId: number | null;
  /** A single-revision redirect that stood at the target and was deleted to make room. */
  deletedRedirectPageId: number | null;
  logId: number;
}

export interface MoveResult {
  page: MovedPage;
  talk: MovedPage | null;
  /** Why the talk page was not moved (it exists at the target), as MediaWiki reports it. */
  talkWarning: string | null;
}

interface LockedRow {
  id: number;
  latest_revision_id: number | null;
  is_redirect: boolean;
}

async function lockPage(tx: Transaction, title: ParsedTitle): Promise<LockedRow | null> {
  const rows = await tx.$queryRaw<LockedRow[]>`
    SELECT id, latest_revision_id, is_redirect FROM pages
    WHERE namespace = ${title.namespace} AND title = ${title.dbKey} FOR UPDATE`;
  return rows[0] ?? null;
}

/**
 * Moves (renames) a page as MediaWiki's MovePage: in one transaction lock the page, make room at
 * the target (only a redirect with a single revision may be replaced; it is deleted outright),
 * rename the page row (its whole history follows: revisions reference the page id), add a null
 * revision recording the move, leave a redirect behind if asked, log the move, and do the same for
 * the talk page. Validation errors are AppErrors with a message for the form.
 */
export async function movePage(actor: Actor, request: MoveRequest): Promise<MoveResult> {
  const { from, to } = request;
  if (actor.userId === null) assertCan(actor, 'move', null, policySettings());
  const moverId = actor.userId!;
  const moverName = actor.name ?? `User ${moverId}`;
  if (isVirtualNamespace(from.namespace)) throw new AppError('BAD_TITLE', errorMessage('move.special'));
  assertWritableTitle(to);
  if (from.namespace === to.namespace && from.dbKey === to.dbKey) {
    throw new AppError('BAD_TITLE', errorMessage('move.sameTitle'));
  }
  if (isTalkNamespace(from.namespace) !== isTalkNamespace(to.namespace)) {
    throw new AppError('BAD_TITLE', errorMessage('move.talkMismatch'));
  }
  // A file belongs to its File: page (files.page_id): it must not leave the File namespace, and no
  // other page may arrive there without one (MediaWiki's imagenocrossnamespace).
  if ((from.namespace === NS.FILE) !== (to.namespace === NS.FILE)) {
    throw new AppError('BAD_TITLE', errorMessage('move.fileNamespace'));
  }

  return pageWriteTransaction(async (tx) => {
    const source = await lockPage(tx, from);
    if (!source || source.latest_revision_id === null) {
      throw new AppError('NOT_FOUND', errorMessage('move.missing', { title: from.prefixedText }));
    }
    // Loaded after the row lock: a move protection committed meanwhile is seen.
    assertCan(actor, 'move', await pageContextFor(source.id, tx), policySettings());
    if (request.expectedLatestRevisionId != null && request.expectedLatestRevisionId !== source.latest_revision_id) {
      throw new AppError('EDIT_CONFLICT', errorMessage('move.changed', { title: from.prefixedText }));
    }
    if (from.namespace === NS.FILE) await assertFileNameFits(tx, source.id, to);
    const page = await moveOne(tx, actor, moverName, source, from, to, request);
    if (page === 'protected') {
      throw new AppError('FORBIDDEN', errorMessage('move.protectedRedirect', { title: to.prefixedText }));
    }
    if (page === 'exists') {
      throw new AppError('VALIDATION', errorMessage('move.exists', { title: to.prefixedText }));
    }

    let talk: MovedPage | null = null;
    let talkWarning: string | null = null;
    // Only a subject page carries its talk page along (a talk page is its own talk page).
    const fromTalk = request.moveTalk && !isTalkNamespace(from.namespace) ? talkTitleOf(from) : null;
    const toTalk = request.moveTalk && !isTalkNamespace(to.namespace) ? talkTitleOf(to) : null;
    if (fromTalk && toTalk) {
      const talkSource = await lockPage(tx, fromTalk);
      if (talkSource && talkSource.latest_revision_id !== null) {
        const mayMoveTalk = can(actor, 'move', await pageContextFor(talkSource.id, tx), policySettings());
        const moved = mayMoveTalk.allowed ? await moveOne(tx, actor, moverName, talkSource, fromTalk, toTalk, request) : 'protected';
        if (moved === 'exists') talkWarning = `The talk page was not moved because "${toTalk.prefixedText}" already exists.`;
        else if (moved === 'protected') talkWarning = 'The talk page was not moved because it, or the page at its new title, is protected.';
        else talk = moved;
      }
    }
    // Watchers follow the page to its new title; the mover may add both titles (MediaWiki's watchmoves).
    await copyWatchers(tx, from, to);
    await autoWatch(tx, moverId, [from, to], 'move');
    return { page, talk, talkWarning };
  });
}

/**
 * A file keeps its bytes when its page moves, so the new name's extension must still fit the
 * file's sniffed type (MediaWiki's imagetypemismatch): /images serves a version under its page's
 * name, and a "Logo.gif" holding PNG bytes would mislead every download. The current version
 * decides, or the newest while the file is deleted (undeletion makes it current again).
 */
async function assertFileNameFits(tx: Transaction, pageId: number, to: ParsedTitle): Promise<void> {
  const rows = await tx.$queryRaw<{ mime: string }[]>`
    SELECT v.mime FROM file_versions v LEFT JOIN files f ON f.page_id = v.page_id
    WHERE v.page_id = ${pageId} ORDER BY (v.id = f.latest_version_id) DESC NULLS LAST, v.id DESC LIMIT 1`;
  const mime = rows[0]?.mime;
  if (mime !== undefined && !extensionFits(to.dbKey, mime)) {
    const problem = wrongExtensionMessage(to.dbKey, mime);
    throw new AppError('BAD_TITLE', errorMessage('move.fileExtension', { title: to.prefixedText, problem }));
  }
}

async function moveOne(
  tx: Transaction,
  actor: Actor,
  moverName: string,
  source: LockedRow,
  from: ParsedTitle,
  to: ParsedTitle,
  request: MoveRequest,
): Promise<MovedPage | 'exists' | 'protected'> {
  const moverId = actor.userId!;
  let deletedRedirectPageId: number | null = null;
  const target = await lockPage(tx, to);
  if (target) {
    const revisions = await tx.revision.count({ where: { pageId: target.id } });
    // A deleted page keeps its title for its archived history: it is never replaced.
    if (!target.is_redirect || revisions > 1 || target.latest_revision_id === null) return 'exists';
    // Replacing the redirect deletes it: not for someone its edit protection keeps out.
    if (!can(actor, 'edit', await pageContextFor(target.id, tx), policySettings()).allowed) return 'protected';
    // A redirect with a single revision holds nothing worth keeping: delete it to make room.
    await tx.page.update({ where: { id: target.id }, data: { latestRevisionId: null } });
    await tx.revision.deleteMany({ where: { pageId: target.id } });
    await tx.page.delete({ where: { id: target.id } });
    deletedRedirectPageId = target.id;
  }

  const reason = request.reason.trim();
  const summary = `${moverName} moved page [[${from.prefixedText}]] to [[${to.prefixedText}]]${reason ? `: ${reason}` : ''}`.slice(0, 500);

  await tx.page.update({ where: { id: source.id }, data: { namespace: to.namespace, title: to.dbKey } });
  // The null revision: same text, records the move in the page history (MediaWiki does the same).
  const latest = await tx.revision.findUniqueOrThrow({
    where: { id: source.latest_revision_id! },
    select: { content: { select: { text: true } } },
  });
  await appendRevision(tx, {
    pageId: source.id,
    parentId: source.latest_revision_id,
    title: to,
    text: latest.content.text,
    rendered: await renderPageText(to, latest.content.text, { db: tx }),
    summary,
    minor: true,
    authorId: moverId,
    // MediaWiki marks a bot's move bot (its log's recent change). The mover's session decides (a bot
    // password without "highvolume" makes no bot edits); the insert checks the account too.
    bot: actor.bot === true,
  });

  let redirectPageId: number | null = null;
  if (request.leaveRedirect) {
    redirectPageId = await insertPage(tx, from, redirectText(to.prefixedText), summary, moverId, actor.bot === true);
  }
  await tx.user.update({ where: { id: moverId }, data: { editCount: { increment: 1 } } });

  const log = await writeLogEntry(tx, {
    type: 'move',
    action: request.leaveRedirect ? 'move' : 'move_noredirect',
    actorId: moverId,
    title: from,
    pageId: source.id,
    comment: reason,
    params: { target: to.prefixedText, targetNamespace: to.namespace, targetTitle: to.dbKey, noredirect: !request.leaveRedirect },
  });
  // The old title lost its page (or became a redirect), the new one gained it: both change existence.
  await recordPageChanges(tx, [
    { kind: 'existence', title: from },
    { kind: 'existence', title: to },
  ]);
  // Pages transcluding the old title lose it (or follow its redirect); those asking for the new one find it.
  await queueDependentsOf(tx, [from, to]);
  return { pageId: source.id, from: from.prefixedText, to: to.prefixedText, redirectPageId, deletedRedirectPageId, logId: log.id };
}

/** Creates a page with one revision inside the caller's transaction (the redirect left behind). */
async function insertPage(tx: Transaction, title: ParsedTitle, text: string, summary: string, authorId: number, bot: boolean): Promise<number> {
  const page = await tx.page.create({ data: { namespace: title.namespace, title: title.dbKey }, select: { id: true } });
  await appendRevision(tx, { pageId: page.id, parentId: null, title, text, rendered: await renderPageText(title, text, { db: tx }), summary, minor: false, authorId, bot });
  return page.id;
}
