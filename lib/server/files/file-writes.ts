import 'server-only';
import { writeLogEntry } from '@/lib/server/log';
import { recordPageChanges } from '@/lib/server/page-cache';
import { appendRevision } from '@/lib/server/save-page';
import { postgresBlobStore } from '@/lib/server/files/storage';
import type { Transaction } from '@/lib/server/transaction';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import type { PageRendering } from '@/lib/server/templates/render-page';
import type { Actor } from '@/lib/domain/policy';
import { toFileVersionInfo, type FileVersionInfo, type UploadLogAction } from '@/lib/domain/files/types';
import { NS, type ParsedTitle } from '@/lib/domain/titles';

/*
 * The writes every new file version shares (uploads and reverts), each inside the caller's
 * transaction and under the File page's row lock, so that the checks made under that lock (rights,
 * warnings, compare-and-swap) still hold when the version lands.
 */

export function assertFileTitle(title: ParsedTitle): void {
  if (title.namespace !== NS.FILE) throw new AppError('VALIDATION', errorMessage('fileUpload.notFileTitle', { title: title.prefixedText }));
}

/** A File: page locked for a new version. */
export interface LockedFile {
  title: ParsedTitle;
  /** null: no page yet (the upload creates it). */
  pageId: number | null;
  /** The page has a latest revision (false for a deleted page). */
  hasText: boolean;
  /** The version readers see now. */
  latest: { id: number; sha1: string } | null;
}

async function lockPageRow(tx: Transaction, title: ParsedTitle): Promise<{ id: number; latest_revision_id: number | null } | undefined> {
  const pages = await tx.$queryRaw<{ id: number; latest_revision_id: number | null }[]>`
    SELECT id, latest_revision_id FROM pages WHERE namespace = ${title.namespace} AND title = ${title.dbKey} FOR UPDATE`;
  return pages[0];
}

/**
 * Locks the File page's row (and its files row) and reads the current version. A name with no page
 * has no row to lock: two first uploads to it would both go on to create the page, and the second
 * to commit would fail on the title's unique key (a 409) instead of being warned that the file now
 * exists, as MediaWiki warns it. So creators of a File page take a transaction-scoped advisory lock
 * on the name and read again: the second waits for the first to commit, then finds its page.
 */
export async function lockFile(tx: Transaction, title: ParsedTitle): Promise<LockedFile> {
  let page = await lockPageRow(tx, title);
  if (!page) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`file-page:${title.namespace}:${title.dbKey}`}))`;
    page = await lockPageRow(tx, title);
  }
  if (!page) return { title, pageId: null, hasText: false, latest: null };
  const files = await tx.$queryRaw<{ latest_version_id: number | null; sha1: string | null }[]>`
    SELECT f.latest_version_id, v.sha1 FROM files f LEFT JOIN file_versions v ON v.id = f.latest_version_id
    WHERE f.page_id = ${page.id} FOR UPDATE OF f`;
  const file = files[0];
  const latest = file && file.latest_version_id !== null && file.sha1 !== null ? { id: file.latest_version_id, sha1: file.sha1 } : null;
  return { title, pageId: page.id, hasText: page.latest_revision_id !== null, latest };
}

/**
 * Gives the File page its description as a new revision through the ordinary save path's
 * appendRevision (text stored once, rendering, derived data, page cache): a first revision for a
 * new page, or one continuing the archived history of a deleted page (as save-page.ts recreates).
 */
export async function createDescriptionPage(
  tx: Transaction,
  file: LockedFile,
  description: { text: string; summary: string; authorId: number; rendered: PageRendering; bot?: boolean },
): Promise<{ pageId: number; revisionId: number | null }> {
  let pageId = file.pageId;
  let parentId: number | null = null;
  if (pageId === null) {
    // ON CONFLICT DO NOTHING: a concurrent creator that committed first wins; we get no row.
    const inserted = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO pages (namespace, title) VALUES (${file.title.namespace}, ${file.title.dbKey})
      ON CONFLICT (namespace, title) DO NOTHING RETURNING id`;
    if (!inserted[0]) return adoptPageCreatedMeanwhile(tx, file);
    pageId = inserted[0].id;
  } else {
    const newest = await tx.revision.findFirst({ where: { pageId }, orderBy: { id: 'desc' }, select: { id: true } });
    parentId = newest?.id ?? null;
  }
  const revision = await appendRevision(tx, {
    pageId,
    parentId,
    title: file.title,
    text: description.text,
    rendered: description.rendered,
    summary: description.summary,
    minor: false,
    authorId: description.authorId,
    // MediaWiki marks a bot's upload bot (its log's recent change). The uploader's session decides
    // (a bot password without "highvolume" makes no bot edits); the insert checks the account too.
    bot: description.bot === true,
  });
  await tx.user.update({ where: { id: description.authorId }, data: { editCount: { increment: 1 } } });
  await recordPageChanges(tx, [{ kind: 'existence', title: file.title }]);
  return { pageId, revisionId: revision.id };
}

/**
 * The page was created after lockFile looked, by a writer that does not take the name's advisory
 * lock (an edit of the description before any upload); our INSERT waited for it to commit. Its
 * text stays the description (as for any page with text) and the upload attaches to it. Only
 * another upload could have given it a file, and uploads wait on the advisory lock, so a file found
 * here means the state under our checks is gone: refused, nothing written.
 */
async function adoptPageCreatedMeanwhile(tx: Transaction, file: LockedFile): Promise<{ pageId: number; revisionId: null }> {
  const page = await lockPageRow(tx, file.title);
  const current = page ? await tx.wikiFile.findUnique({ where: { pageId: page.id }, select: { latestVersionId: true } }) : null;
  if (!page || page.latest_revision_id === null || current?.latestVersionId != null) {
    throw new AppError('EDIT_CONFLICT', errorMessage('fileUpload.changedMeanwhile', { title: file.title.prefixedText }));
  }
  file.pageId = page.id;
  file.hasText = true;
  return { pageId: page.id, revisionId: null };
}

export interface NewFileVersion {
  file: LockedFile;
  actor: Actor;
  uploaderId: number;
  /** What the version holds; `bytes` are stored unless absent (a revert: they are stored already). */
  checked: { bytes?: Uint8Array; sha1: string; size: number; width: number; height: number; mime: string };
  comment: string;
  logAction: UploadLogAction;
  /** For a revert: the version whose bytes come back. */
  revertedFrom?: number;
}

/**
 * Stores the blob (once per SHA-1), inserts the version, moves files.latest_version_id from the
 * version seen under the lock to the new one, logs, and marks the pages showing the file as changed.
 */
export async function recordFileVersion(tx: Transaction, input: NewFileVersion): Promise<{ version: FileVersionInfo; logId: number; logAction: UploadLogAction }> {
  const { file, checked } = input;
  if (file.pageId === null) throw new Error(`File page ${file.title.prefixedText} must exist before its version is recorded.`);
  if (checked.bytes) await postgresBlobStore(tx).put(checked.sha1, checked.bytes);
  await tx.$executeRaw`INSERT INTO files (page_id) VALUES (${file.pageId}) ON CONFLICT (page_id) DO NOTHING`;
  const row = await tx.fileVersion.create({
    data: {
      pageId: file.pageId,
      sha1: checked.sha1,
      size: checked.size,
      width: checked.width,
      height: checked.height,
      mime: checked.mime,
      uploaderId: input.uploaderId,
      comment: input.comment.slice(0, 500),
    },
    select: { id: true, createdAt: true },
  });
  // Compare-and-swap on the version seen under the lock: nothing may have moved it meanwhile.
  const expected = file.latest?.id ?? null;
  const moved = await tx.$executeRaw`
    UPDATE files SET latest_version_id = ${row.id}
    WHERE page_id = ${file.pageId} AND latest_version_id IS NOT DISTINCT FROM ${expected}`;
  if (moved !== 1) throw new AppError('EDIT_CONFLICT', errorMessage('fileUpload.changedMeanwhile', { title: file.title.prefixedText }));
  const log = await writeLogEntry(tx, {
    type: 'upload',
    action: input.logAction,
    actorId: input.actor.userId,
    title: file.title,
    pageId: file.pageId,
    comment: input.comment,
    params: { versionId: row.id, sha1: checked.sha1, ...(input.revertedFrom !== undefined ? { revertedFrom: input.revertedFrom } : {}) },
  });
  await recordPageChanges(tx, [{ kind: 'file', title: file.title }]);
  const version = toFileVersionInfo(
    {
      id: row.id,
      pageId: file.pageId,
      sha1: checked.sha1,
      size: checked.size,
      width: checked.width,
      height: checked.height,
      mime: checked.mime,
      uploaderId: input.uploaderId,
      uploaderName: input.actor.name ?? '',
      comment: input.comment.slice(0, 500),
      createdAt: row.createdAt,
      archived: false,
      hidden: 0,
    },
    true,
    true,
  )!;
  return { version, logId: log.id, logAction: input.logAction };
}
