import 'server-only';
import { AppError } from '@/lib/domain/errors';
import { extensionFits, wrongExtensionMessage } from '@/lib/domain/files/media-types';
import { englishText } from '@/lib/domain/error-messages';
import { formatDumpTimestamp, type DumpPage } from '@/lib/domain/mediawiki-xml';
import { uploadPlace, type DumpUpload } from '@/lib/domain/mediawiki-xml-uploads';
import { NS, type ParsedTitle } from '@/lib/domain/titles';
import { postgresBlobStore } from '@/lib/server/files/storage';
import { checkUploadBytes, type CheckedBytes } from '@/lib/server/files/upload';
import type { Transaction } from '@/lib/server/transaction';

/**
 * The file versions of an import (docs/backups.md): checked in the first reading of the file, as
 * strictly as an upload (its type decided from the bytes, the name's extension, the byte and
 * pixel limits: lib/server/files/upload.ts), then written in the import's transaction: each
 * distinct file stored once (content-addressed), one file_versions row per <upload>, and the
 * files row pointing at the current version.
 */

const MAX_COMMENT_CHARS = 500;

export interface FilePlan {
  /** fw:id of every version (kept on import when free). */
  versionIds: number[];
  /** What each distinct file is, by SHA-1: decided once from its bytes. */
  checked: Map<string, CheckedBytes>;
}

/** The first reading's view of one File page's versions. */
interface PageFiles {
  live: number;
  current: number;
}

function invalid(message: string): AppError {
  return new AppError('VALIDATION', message);
}

export function whereIs(page: DumpPage, upload: DumpUpload): string {
  return uploadPlace(page.title, upload.id, formatDumpTimestamp(upload.timestamp));
}

export class FilePlanner {
  readonly plan: FilePlan = { versionIds: [], checked: new Map() };
  private readonly ids = new Set<number>();
  private page: PageFiles = { live: 0, current: 0 };

  startPage(): void {
    this.page = { live: 0, current: 0 };
  }

  /** Checks one <upload> of the page `title` (the reader has checked its bytes against size and SHA-1). */
  async check(page: DumpPage, title: ParsedTitle, upload: DumpUpload, bytes: Uint8Array): Promise<void> {
    const where = whereIs(page, upload);
    if (title.namespace !== NS.FILE) throw invalid(`${where}: only File: pages have uploads, this page is in namespace ${title.namespace}.`);
    if (upload.filename.replace(/ /g, '_') !== title.dbKey) throw invalid(`${where}: <filename> "${upload.filename}" is not this page's file name, "${title.dbKey}".`);
    if (upload.id !== null) {
      if (this.ids.has(upload.id)) throw invalid(`${where}: version id ${upload.id} is used twice in the file.`);
      this.ids.add(upload.id);
      this.plan.versionIds.push(upload.id);
    }
    if ([...upload.comment].length > MAX_COMMENT_CHARS) throw invalid(`${where}: the comment is longer than ${MAX_COMMENT_CHARS} characters.`);
    // As revisions: deletion archives every version, and a file uploaded again continues after them.
    if (page.deletedAt !== null && !upload.archived) throw invalid(`${where}: the page is marked deleted but this version is not archived.`);
    if (upload.archived && this.page.live > 0) throw invalid(`${where}: an archived version follows a current one.`);
    if (!upload.archived) {
      if (this.page.current > 0) throw invalid(`${where}: a version follows the file's current one (the one without <archivename>).`);
      this.page.live += 1;
      if (upload.archiveName === null) this.page.current += 1;
    }
    const known = this.plan.checked.get(upload.sha1);
    if (known) {
      if (!extensionFits(title.text, known.mime)) throw invalid(`${where}: ${englishText(wrongExtensionMessage(title.text, known.mime))}`);
      return;
    }
    try {
      this.plan.checked.set(upload.sha1, await checkUploadBytes(title, bytes));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      throw invalid(
        `${where}: ${error.message} An upload of this file would be refused today for the same reason; ` +
          'change the setting that refuses it (WIKI_UPLOAD_MAX_MB, WIKI_UPLOAD_MAX_MEGAPIXELS, WIKI_UPLOAD_TYPES) or remove the version from the file, then import again.',
      );
    }
  }

  endPage(page: DumpPage): void {
    if (page.deletedAt === null && this.page.live > 0 && this.page.current === 0) {
      throw invalid(`Page "${page.title}": every version has an <archivename>, so none is the file's current version.`);
    }
  }
}

/** --overwrite: the replaced File pages' versions go too (their blobs stay, other versions may share them). */
export async function removeFiles(tx: Transaction, pageIds: number[]): Promise<void> {
  await tx.$executeRaw`UPDATE files SET latest_version_id = NULL WHERE page_id = ANY(${pageIds}::int[])`;
  await tx.$executeRaw`DELETE FROM file_versions WHERE page_id = ANY(${pageIds}::int[])`;
  await tx.$executeRaw`DELETE FROM files WHERE page_id = ANY(${pageIds}::int[])`;
}

/** Version ids of the file already taken in this database (those versions get new ids). */
export async function takenVersionIds(tx: Transaction, plan: FilePlan): Promise<Set<number>> {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM file_versions WHERE id = ANY(${plan.versionIds}::int[])`;
  return new Set(rows.map((row) => row.id));
}

export async function resetVersionSequence(tx: Transaction, plan: FilePlan): Promise<void> {
  const atLeast = plan.versionIds.reduce((max, id) => Math.max(max, id), 0);
  await tx.$queryRaw`SELECT setval(pg_get_serial_sequence('file_versions', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM file_versions), ${atLeast}::int, 1))`;
}

/** Stores the bytes (once per SHA-1) and the version row; returns the row's id. */
export async function insertFileVersion(
  tx: Transaction,
  input: { pageId: number; upload: DumpUpload; bytes: Uint8Array; preferredId: number | null; uploaderId: number; checked: CheckedBytes },
): Promise<number> {
  const { upload, checked } = input;
  const store = postgresBlobStore(tx);
  if (!(await store.has(upload.sha1))) await store.put(upload.sha1, input.bytes);
  const [row] = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO file_versions (id, page_id, sha1, size, width, height, mime, uploader_id, comment, created_at, archived, hidden)
    VALUES (COALESCE(${input.preferredId}::int, nextval(pg_get_serial_sequence('file_versions', 'id'))), ${input.pageId}, ${upload.sha1}, ${upload.size},
            ${checked.width}, ${checked.height}, ${checked.mime}, ${input.uploaderId}, ${upload.comment}, ${upload.timestamp}::timestamptz,
            ${upload.archived}, ${upload.hidden})
    RETURNING id`;
  return row!.id;
}

/** The files row of a File page that had uploads: readers see `latestVersionId` (null while deleted). */
export async function insertFile(tx: Transaction, pageId: number, latestVersionId: number | null): Promise<void> {
  await tx.$executeRaw`INSERT INTO files (page_id, latest_version_id) VALUES (${pageId}, ${latestVersionId}::int)`;
}
