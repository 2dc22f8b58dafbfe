import 'server-only';
import { pageWriteTransaction, recordPageChanges } from '@/lib/server/page-cache';
import { assertCanOnPage } from '@/lib/server/protection';
import { policySettings } from '@/lib/server/settings';
import { consume, LIMITS } from '@/lib/server/throttle';
import { writeLogEntry } from '@/lib/server/log';
import { assertFileTitle, lockFile, recordFileVersion } from '@/lib/server/files/file-writes';
import type { Transaction } from '@/lib/server/transaction';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { assertCan, type Actor } from '@/lib/domain/policy';
import { FILE_HIDDEN_BITS, type FileVersionInfo } from '@/lib/domain/files/types';
import { isKnownNamespace, makeParsedTitle, NS, type ParsedTitle } from '@/lib/domain/titles';

/*
 * Changes to a file's versions besides uploads: reverting to an old version (a new version with its
 * bytes, as MediaWiki's action=revert), hiding parts of a version (as revision hiding), and the
 * archiving and restoring of every version when the File page is deleted or undeleted. Nothing is
 * ever removed.
 */

export interface RevertFileInput {
  actor: Actor;
  title: ParsedTitle;
  /** The version whose bytes become current again. */
  versionId: number;
  /** The current version the reverter saw (compare-and-swap); null = not known. */
  expect: number | null;
  comment: string;
  ip: string;
}

export interface RevertFileResult {
  version: FileVersionInfo;
  logId: number;
}

/** action=revert: a new current version with an old version's bytes (stored once already), logged upload/revert. */
export async function revertFile(input: RevertFileInput): Promise<RevertFileResult> {
  const { actor, title } = input;
  assertFileTitle(title);
  assertCan(actor, 'reupload', null, policySettings());
  if (actor.userId === null) throw new AppError('UNAUTHENTICATED', errorMessage('policy.signIn', { action: errorMessage('policy.action.reupload') }));
  const uploaderId = actor.userId;
  await consume(LIMITS.upload, `user:${uploaderId}`);
  await consume(LIMITS.uploadAddress, `ip:${input.ip}`);
  return pageWriteTransaction(async (tx) => {
    const file = await lockFile(tx, title);
    if (file.pageId === null || file.latest === null) {
      // A File page without a current version was deleted (versions archived) or never had a file.
      const key = file.pageId !== null && !file.hasText ? 'fileUpload.fileDeleted' : 'fileUpload.noSuchFile';
      throw new AppError('NOT_FOUND', errorMessage(key, { title: title.prefixedText }));
    }
    await assertCanOnPage(actor, 'reupload', file.pageId, tx);
    if (input.expect !== null && input.expect !== file.latest.id) {
      throw new AppError('EDIT_CONFLICT', errorMessage('fileUpload.changedMeanwhile', { title: title.prefixedText }));
    }
    const old = await tx.fileVersion.findFirst({
      where: { id: input.versionId, pageId: file.pageId, archived: false },
      select: { id: true, sha1: true, size: true, width: true, height: true, mime: true, hidden: true },
    });
    if (!old) throw new AppError('NOT_FOUND', errorMessage('upload.noSuchVersion', { id: input.versionId }));
    if (old.id === file.latest.id) throw new AppError('VALIDATION', errorMessage('fileUpload.alreadyCurrent', { id: old.id, title: title.prefixedText }));
    if ((old.hidden & FILE_HIDDEN_BITS.file) !== 0) throw new AppError('VALIDATION', errorMessage('fileUpload.versionFileHidden', { id: old.id }));
    if (old.sha1 === file.latest.sha1) throw new AppError('VALIDATION', errorMessage('fileUpload.duplicateVersion', { title: title.prefixedText }));
    const recorded = await recordFileVersion(tx, {
      file,
      actor,
      uploaderId,
      checked: { sha1: old.sha1, size: old.size, width: old.width, height: old.height, mime: old.mime },
      comment: input.comment,
      logAction: 'revert',
      revertedFrom: old.id,
    });
    return { version: recorded.version, logId: recorded.logId };
  });
}

export interface HideFileVersionInput {
  versionId: number;
  /** The new bits (FILE_HIDDEN_BITS). */
  hidden: number;
  /** The bits the administrator saw (compare-and-swap); null = not known. */
  seenHidden: number | null;
  reason: string;
  /** The File page the administrator named (Special:RevisionDelete's target): the version must be one of its. */
  title?: ParsedTitle;
}

export interface HideFileVersionResult {
  versionId: number;
  hiddenBefore: number;
  hiddenAfter: number;
  logId: number;
}

/**
 * Hides (or shows again) a version's file, comment or uploader from everyone but administrators,
 * as revision hiding; logged delete/revision with the version's id. The current version's file
 * stays visible (it is what the page shows): upload or revert first.
 */
export async function hideFileVersion(actor: Actor, input: HideFileVersionInput): Promise<HideFileVersionResult> {
  assertCan(actor, 'hiderevision', null, policySettings());
  const hidden = input.hidden & (FILE_HIDDEN_BITS.file | FILE_HIDDEN_BITS.comment | FILE_HIDDEN_BITS.uploader);
  return pageWriteTransaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: number; page_id: number; hidden: number; namespace: number; title: string; latest_version_id: number | null }[]>`
      SELECT v.id, v.page_id, v.hidden, p.namespace, p.title, f.latest_version_id
      FROM file_versions v JOIN pages p ON p.id = v.page_id LEFT JOIN files f ON f.page_id = v.page_id
      WHERE v.id = ${input.versionId} FOR UPDATE OF p, v`;
    const version = rows[0];
    const elsewhere = input.title !== undefined && (version?.namespace !== input.title.namespace || version.title !== input.title.dbKey);
    if (!version || elsewhere) throw new AppError('NOT_FOUND', errorMessage('upload.noSuchVersion', { id: input.versionId }));
    assertCan(actor, 'hiderevision', { id: version.page_id }, policySettings());
    const before = Number(version.hidden);
    if (input.seenHidden !== null && input.seenHidden !== before) throw new AppError('EDIT_CONFLICT', errorMessage('fileVersionHide.changed', { id: version.id }));
    if (hidden === before) throw new AppError('VALIDATION', errorMessage('fileVersionHide.nothingToChange'));
    if (version.id === version.latest_version_id && (hidden & FILE_HIDDEN_BITS.file) !== 0) {
      throw new AppError('VALIDATION', errorMessage('fileVersionHide.currentFile'), { fieldErrors: { hideFile: errorMessage('fileVersionHide.currentFile') } });
    }
    await tx.fileVersion.update({ where: { id: version.id }, data: { hidden } });
    const pageTitle = makeParsedTitle(isKnownNamespace(version.namespace) ? version.namespace : NS.FILE, version.title);
    await recordPageChanges(tx, [{ kind: 'visibility', title: pageTitle }]);
    const log = await writeLogEntry(tx, {
      type: 'delete',
      action: 'revision',
      actorId: actor.userId,
      title: pageTitle,
      pageId: version.page_id,
      comment: input.reason,
      params: { fileVersionId: version.id, hiddenBefore: before, hiddenAfter: hidden },
    });
    return { versionId: version.id, hiddenBefore: before, hiddenAfter: hidden, logId: log.id };
  });
}

/**
 * Deleting a File page (lib/server/deletion.ts, under its row lock): every version is archived and
 * the file has no current version, so embeds turn into upload links. Returns how many were archived.
 */
export async function archiveFileVersions(tx: Transaction, pageId: number, title: ParsedTitle): Promise<number> {
  const archived = await tx.fileVersion.updateMany({ where: { pageId, archived: false }, data: { archived: true } });
  await tx.$executeRaw`UPDATE files SET latest_version_id = NULL WHERE page_id = ${pageId}`;
  if (archived.count > 0) await recordPageChanges(tx, [{ kind: 'file', title }]);
  return archived.count;
}

/** Undeleting a File page: every version comes back and the newest is current again. */
export async function restoreFileVersions(tx: Transaction, pageId: number, title: ParsedTitle): Promise<number> {
  const restored = await tx.fileVersion.updateMany({ where: { pageId, archived: true }, data: { archived: false } });
  const newest = await tx.fileVersion.findFirst({ where: { pageId }, orderBy: { id: 'desc' }, select: { id: true } });
  if (!newest) return 0;
  await tx.$executeRaw`UPDATE files SET latest_version_id = ${newest.id} WHERE page_id = ${pageId}`;
  await recordPageChanges(tx, [{ kind: 'file', title }]);
  return restored.count;
}
