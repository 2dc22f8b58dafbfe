/**
 * The files feature's read and write models (docs/files.md): what lib/server/files hands out, as
 * plain data. Pure: no I/O.
 */
import type { UserSummary } from '@/lib/domain/wiki';
import { REMOVED_SUMMARY, REMOVED_USER } from '@/lib/domain/visibility';

/** The bits of `file_versions.hidden`, as revisions.hidden: 1 the file itself, 2 the comment, 4 the uploader. */
export const FILE_HIDDEN_BITS = { file: 1, comment: 2, uploader: 4 } as const;
export type HideableFilePart = keyof typeof FILE_HIDDEN_BITS;
export const HIDEABLE_FILE_PARTS: readonly HideableFilePart[] = ['file', 'comment', 'uploader'];
export type FileParts = Readonly<Record<HideableFilePart, boolean>>;

export function fileHiddenParts(bits: number): FileParts {
  return { file: (bits & FILE_HIDDEN_BITS.file) !== 0, comment: (bits & FILE_HIDDEN_BITS.comment) !== 0, uploader: (bits & FILE_HIDDEN_BITS.uploader) !== 0 };
}

export function fileHiddenBits(parts: Partial<FileParts>): number {
  return HIDEABLE_FILE_PARTS.reduce((bits, part) => (parts[part] ? bits | FILE_HIDDEN_BITS[part] : bits), 0);
}

/** One uploaded version as a viewer may see it. */
export interface FileVersionInfo {
  id: number;
  /** The File: page. */
  pageId: number;
  /** Null when the file itself is withheld from this viewer (hidden bit 1): no address, no thumbnail. */
  sha1: string | null;
  size: number;
  width: number;
  height: number;
  /** The type sniffed from the bytes: "image/png", "image/svg+xml"… */
  mime: string;
  /** { id: 0, name: '(username removed)' } when withheld. */
  uploader: UserSummary;
  /** '(edit summary removed)' when withheld. */
  comment: string;
  createdAt: Date;
  /** The file was deleted: shown to administrators only. */
  archived: boolean;
  /** The hidden bits as stored (marked for viewers who still see the parts). */
  hidden: FileParts;
  /** The parts this viewer does not get. */
  withheld: FileParts;
  /** The version readers see now. */
  isLatest: boolean;
}

/** What an embed needs to draw an <img> (lib/domain/files/embeds.ts), resolved at view time. */
export interface FileEmbedInfo {
  sha1: string;
  width: number;
  height: number;
  mime: string;
  /**
   * The File page that holds the file (database key) when the embed named it through a redirect,
   * as after a move: /images addresses name the file's own page. Absent when it is the embed's name.
   */
  name?: string;
}

/** A page that shows a file (file usage). */
export interface FileUsageRow {
  pageId: number;
  namespace: number;
  /** Database key. */
  title: string;
  prefixedText: string;
}

/** MediaWiki's upload warnings. `duplicate-version` is never confirmable: the upload is refused. */
export type UploadWarning =
  /** A file already exists under this name: confirming adds a new version. */
  | { code: 'exists'; latestVersionId: number; sha1: string }
  /** The same bytes are the current version of other files (prefixed titles, e.g. "File:Logo.png"). */
  | { code: 'duplicate'; titles: string[] };

export type UploadWarningCode = UploadWarning['code'];
export const CONFIRMABLE_WARNINGS: readonly UploadWarningCode[] = ['exists', 'duplicate'];

export type UploadLogAction = 'upload' | 'overwrite' | 'revert';

export type UploadOutcome =
  | {
      status: 'uploaded';
      pageId: number;
      /** Prefixed title, "File:Logo.png". */
      title: string;
      version: FileVersionInfo;
      /** The File: page was created (its first revision holds the description). */
      pageCreated: boolean;
      logAction: UploadLogAction;
      logId: number;
    }
  /** Nothing was written: the uploader must confirm these (again, with `confirm`). */
  | { status: 'warnings'; warnings: UploadWarning[]; latestVersionId: number | null };

/** A file's details for its File: page (lib/server/files/file-queries.ts). */
export interface FileDetails {
  pageId: number;
  /** Prefixed title. */
  title: string;
  /** The version readers see; null while the file is deleted (or never uploaded). */
  latest: FileVersionInfo | null;
  /** Every version this viewer may see, newest first. */
  versions: FileVersionInfo[];
  /** Other files whose current version has the same bytes as this one's (prefixed titles). */
  duplicates: string[];
}

export interface FileUsagePage {
  rows: FileUsageRow[];
  /** Cursor for the next page (a page id), null at the end. */
  next: number | null;
}

/** One row of Special:ListFiles / UnusedFiles. */
export interface FileListRow {
  pageId: number;
  /** Database key without "File:". */
  name: string;
  prefixedText: string;
  latest: FileVersionInfo;
}

export type FileListSort = 'date' | 'name' | 'size';

export interface FileListPage {
  rows: FileListRow[];
  /** Offset of the next page, null at the end. */
  nextOffset: number | null;
  total: number;
}

/** One row of Special:WantedFiles: a file shown by pages but never uploaded (or deleted). */
export interface WantedFileRow {
  name: string;
  prefixedText: string;
  /** How many pages show it. */
  pages: number;
}

/** A file_versions row with its uploader's name, as the data layer reads it. */
export interface StoredFileVersion {
  id: number;
  pageId: number;
  sha1: string;
  size: number;
  width: number;
  height: number;
  mime: string;
  uploaderId: number;
  uploaderName: string;
  comment: string;
  createdAt: Date;
  archived: boolean;
  hidden: number;
}

const NOTHING: FileParts = Object.freeze({ file: false, comment: false, uploader: false });

/**
 * A version as one viewer may see it, or null when the viewer must not learn it exists (archived,
 * and the viewer may not see deleted material). Hidden parts are replaced for everyone else
 * with the markers revisions use.
 */
export function toFileVersionInfo(row: StoredFileVersion, viewDeleted: boolean, isLatest: boolean): FileVersionInfo | null {
  if (row.archived && !viewDeleted) return null;
  const hidden = row.hidden === 0 ? NOTHING : fileHiddenParts(row.hidden);
  const withheld = viewDeleted ? NOTHING : hidden;
  return {
    id: row.id,
    pageId: row.pageId,
    sha1: withheld.file ? null : row.sha1,
    size: row.size,
    width: row.width,
    height: row.height,
    mime: row.mime,
    // Id 0 is no account: nothing links to or reveals the real uploader.
    uploader: withheld.uploader ? { id: 0, name: REMOVED_USER } : { id: row.uploaderId, name: row.uploaderName },
    comment: withheld.comment ? REMOVED_SUMMARY : row.comment,
    createdAt: row.createdAt,
    archived: row.archived,
    hidden,
    withheld,
    isLatest,
  };
}
