import 'server-only';
import { getDb } from '@/lib/server/db';
import { writeLogEntry } from '@/lib/server/log';
import { policySettings } from '@/lib/server/settings';
import { updateDerivedData } from '@/lib/server/derived';
import { pageWriteTransaction, recordPageChanges } from '@/lib/server/page-cache';
import { revisionSelect, toRevisionSummary } from '@/lib/server/revisions';
import type { Transaction } from '@/lib/server/transaction';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { assertCan, type Actor } from '@/lib/domain/policy';
import { renderPageText } from '@/lib/server/templates/render-page';
import { queueDependentsOf } from '@/lib/server/templates/queue';
import { databaseNow, storeCurrentRendering } from '@/lib/server/templates/current-rendering';
import { isTalkNamespace, talkTitleOf } from '@/lib/domain/talk';
import { NS, type ParsedTitle } from '@/lib/domain/titles';
import { archiveFileVersions, restoreFileVersions } from '@/lib/server/files/file-versions';
import type { DeletePageInput, DeletionNotice, UndeletePageInput } from '@/lib/domain/deletion';
import { mayViewDeleted } from '@/lib/domain/visibility';
import type { RevisionSummary } from '@/lib/domain/wiki';

/*
 * Page deletion as MediaWiki does it, without removing anything: the page row keeps its title,
 * its latest pointer is cleared and every revision is archived (visible to administrators only);
 * the data derived from its text (links, categories, redirect, search document) is removed so red
 * links, categories, search and WhatLinksHere forget the page. Undeletion reverses it.
 */

interface LockedPage {
  id: number;
  latest_revision_id: number | null;
  deleted_at: Date | null;
}

async function lockPage(tx: Transaction, title: ParsedTitle): Promise<LockedPage | null> {
  const rows = await tx.$queryRaw<LockedPage[]>`
    SELECT id, latest_revision_id, deleted_at FROM pages
    WHERE namespace = ${title.namespace} AND title = ${title.dbKey} FOR UPDATE`;
  return rows[0] ?? null;
}

export interface DeleteResult {
  pageId: number;
  revisions: number;
  logId: number;
  /** The talk page was deleted too. */
  talkDeleted: boolean;
}

/** action=delete (admins): archives the page and, if asked and it exists, its talk page; logs each. */
export async function deletePage(actor: Actor, input: DeletePageInput): Promise<DeleteResult> {
  assertCan(actor, 'delete', null, policySettings());
  const { title } = input;
  return pageWriteTransaction(async (tx) => {
    const page = await lockPage(tx, title);
    if (!page || page.latest_revision_id === null) {
      throw new AppError('NOT_FOUND', errorMessage('deletion.missing', { title: title.prefixedText }));
    }
    assertCan(actor, 'delete', { id: page.id }, policySettings());
    if (input.latestRevisionId !== null && input.latestRevisionId !== page.latest_revision_id) {
      throw new AppError('EDIT_CONFLICT', errorMessage('deletion.changed', { title: title.prefixedText }));
    }
    const deleted = await archivePage(tx, actor, page.id, title, input.reason);
    let talkDeleted = false;
    const talk = input.deleteTalk && !isTalkNamespace(title.namespace) ? talkTitleOf(title) : null;
    if (talk) {
      const talkPage = await lockPage(tx, talk);
      if (talkPage && talkPage.latest_revision_id !== null) {
        await archivePage(tx, actor, talkPage.id, talk, input.reason);
        talkDeleted = true;
      }
    }
    return { pageId: page.id, revisions: deleted.revisions, logId: deleted.logId, talkDeleted };
  });
}

async function archivePage(tx: Transaction, actor: Actor, pageId: number, title: ParsedTitle, reason: string) {
  const archived = await tx.revision.updateMany({ where: { pageId, archived: false }, data: { archived: true } });
  await tx.page.update({ where: { id: pageId }, data: { latestRevisionId: null, deletedAt: new Date(), isRedirect: false } });
  await tx.$executeRaw`DELETE FROM page_links WHERE from_page_id = ${pageId}`;
  await tx.$executeRaw`DELETE FROM category_links WHERE page_id = ${pageId}`;
  await tx.$executeRaw`DELETE FROM redirects WHERE page_id = ${pageId}`;
  await tx.$executeRaw`DELETE FROM search_documents WHERE page_id = ${pageId}`;
  await tx.$executeRaw`DELETE FROM file_links WHERE from_page_id = ${pageId}`;
  await tx.$executeRaw`DELETE FROM template_links WHERE from_page_id = ${pageId}`;
  // A File page takes its file with it: every version archived, none removed (undeletion restores them).
  const fileVersions = title.namespace === NS.FILE ? await archiveFileVersions(tx, pageId, title) : 0;
  const log = await writeLogEntry(tx, {
    type: 'delete',
    action: 'delete',
    actorId: actor.userId,
    title,
    pageId,
    comment: reason,
    params: fileVersions > 0 ? { revisions: archived.count, fileVersions } : { revisions: archived.count },
  });
  await recordPageChanges(tx, [{ kind: 'existence', title }]);
  // Pages transcluding it now show a red link to it instead of its text.
  await queueDependentsOf(tx, [title]);
  return { revisions: archived.count, logId: log.id };
}

export interface UndeleteResult {
  pageId: number;
  restored: number;
  latestRevisionId: number;
  logId: number;
}

/**
 * Special:Undelete (admins): un-archives every revision of the page, points it at its newest
 * revision and rebuilds the derived data. A page recreated since its deletion keeps its new
 * revisions on top: the history is one chain (save-page.ts links a recreation to the archive).
 */
export async function undeletePage(actor: Actor, input: UndeletePageInput): Promise<UndeleteResult> {
  assertCan(actor, 'undelete', null, policySettings());
  const { title } = input;
  return pageWriteTransaction(async (tx) => {
    const page = await lockPage(tx, title);
    const newestArchived = page ? await tx.revision.findFirst({ where: { pageId: page.id, archived: true }, orderBy: { id: 'desc' }, select: { id: true } }) : null;
    if (!page || !newestArchived) throw new AppError('NOT_FOUND', errorMessage('deletion.nothingToRestore', { title: title.prefixedText }));
    assertCan(actor, 'undelete', { id: page.id }, policySettings());
    if (input.newestArchivedId !== null && input.newestArchivedId !== newestArchived.id) {
      throw new AppError('EDIT_CONFLICT', errorMessage('deletion.restoreChanged', { title: title.prefixedText }));
    }
    const restored = await tx.revision.updateMany({ where: { pageId: page.id, archived: true }, data: { archived: false } });
    const newest = await tx.revision.findFirstOrThrow({
      where: { pageId: page.id },
      orderBy: { id: 'desc' },
      select: { id: true, size: true, createdAt: true, content: { select: { text: true } }, rendered: { select: { html: true, toc: true } } },
    });
    await tx.page.update({
      where: { id: page.id },
      data: { latestRevisionId: newest.id, deletedAt: null, length: newest.size, touchedAt: new Date() },
    });
    const readAt = await databaseNow(tx);
    const fresh = await renderPageText(title, newest.content.text, { db: tx });
    await updateDerivedData(tx, { pageId: page.id, title, text: newest.content.text, rendered: fresh });
    // The revision keeps its rendering of when it was saved (?oldid=); the article shows today's templates.
    if (newest.rendered === null || fresh.templates.length > 0) {
      await storeCurrentRendering(tx, { pageId: page.id, revisionId: newest.id }, fresh, readAt);
    }
    const fileVersions = title.namespace === NS.FILE ? await restoreFileVersions(tx, page.id, title) : 0;
    const log = await writeLogEntry(tx, {
      type: 'delete',
      action: 'restore',
      actorId: actor.userId,
      title,
      pageId: page.id,
      comment: input.reason,
      params: fileVersions > 0 ? { revisions: restored.count, fileVersions } : { revisions: restored.count },
    });
    await recordPageChanges(tx, [{ kind: 'existence', title }]);
    await queueDependentsOf(tx, [title]);
    return { pageId: page.id, restored: restored.count, latestRevisionId: newest.id, logId: log.id };
  });
}

// ---- Read models ---------------------------------------------------------------------------------

export interface ArchivedRevisions {
  title: ParsedTitle;
  /** The page is deleted now (false: it was recreated; the list holds its older, deleted history). */
  deleted: boolean;
  /** Newest first. */
  revisions: RevisionSummary[];
}

/** Special:Undelete's list: the page's archived revisions, for viewers who may see deleted material. */
export async function getArchivedRevisions(viewer: Actor, title: ParsedTitle): Promise<ArchivedRevisions | null> {
  assertCan(viewer, 'viewdeleted', null, policySettings());
  const page = await getDb().page.findUnique({
    where: { namespace_title: { namespace: title.namespace, title: title.dbKey } },
    select: {
      deletedAt: true,
      revisions: { where: { archived: true }, orderBy: { id: 'desc' }, take: 500, select: revisionSelect },
    },
  });
  if (!page || page.revisions.length === 0) return null;
  return {
    title,
    deleted: page.deletedAt !== null,
    revisions: page.revisions.flatMap((row) => toRevisionSummary(row, viewer) ?? []),
  };
}

/** What a deleted page's address shows: the deletion (who, when, why) and, for admins, how much can be restored. */
export async function getDeletionNotice(title: ParsedTitle, viewer: Actor): Promise<DeletionNotice | null> {
  const db = getDb();
  const page = await db.page.findUnique({
    where: { namespace_title: { namespace: title.namespace, title: title.dbKey } },
    select: { id: true, deletedAt: true },
  });
  if (!page || page.deletedAt === null) return null;
  const [entry, archived] = await Promise.all([
    db.logEntry.findFirst({
      where: { type: 'delete', action: 'delete', namespace: title.namespace, title: title.dbKey },
      orderBy: { id: 'desc' },
      select: { createdAt: true, comment: true, actor: { select: { name: true } } },
    }),
    mayViewDeleted(viewer) ? db.revision.count({ where: { pageId: page.id, archived: true } }) : Promise.resolve(null),
  ]);
  return {
    title,
    lastDeletion: entry ? { by: entry.actor?.name ?? null, at: entry.createdAt, reason: entry.comment } : null,
    archivedRevisions: archived,
  };
}

/** What the deletion form needs: the latest revision (carried, to refuse if the page changes) and the talk page. */
export async function deleteFormState(title: ParsedTitle): Promise<{ latestRevisionId: number; hasTalkPage: boolean } | null> {
  const db = getDb();
  const talk = isTalkNamespace(title.namespace) ? null : talkTitleOf(title);
  const [page, talkPage] = await Promise.all([
    db.page.findUnique({ where: { namespace_title: { namespace: title.namespace, title: title.dbKey } }, select: { latestRevisionId: true } }),
    talk ? db.page.findUnique({ where: { namespace_title: { namespace: talk.namespace, title: talk.dbKey } }, select: { latestRevisionId: true } }) : null,
  ]);
  if (!page?.latestRevisionId) return null;
  return { latestRevisionId: page.latestRevisionId, hasTalkPage: Boolean(talkPage?.latestRevisionId) };
}
