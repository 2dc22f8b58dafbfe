import 'server-only';
import { archiveNameFor, uploadXml, type DumpUpload } from '@/lib/domain/mediawiki-xml-uploads';
import { HIDDEN_BITS } from '@/lib/domain/visibility';
import { originalUrl } from '@/lib/domain/files/thumbnail-sizes';
import { postgresBlobStore } from '@/lib/server/files/storage';
import type { Transaction } from '@/lib/server/transaction';

/**
 * A File page's versions in the export (docs/backups.md): one <upload> each, oldest first, bytes
 * included, after the page's revisions (as MediaWiki's dumps with --uploads --include-files). The
 * bytes of one version are read at a time, through the BlobStore, and written in pieces.
 */

interface VersionRow {
  id: number;
  sha1: string;
  size: number;
  uploader_id: number;
  uploader_name: string;
  comment: string;
  created_at: Date;
  archived: boolean;
  hidden: number;
  is_latest: boolean;
}

export interface FileExportOptions {
  full: boolean;
  /** The wiki's public address, for absolute <src> addresses (relative without it). */
  publicUrl?: string | null;
}

/** The original's address (docs/files.md, "URLs"): it holds the SHA-1, so it never goes stale. */
function originalSrc(sha1: string, filename: string, publicUrl: string | null | undefined): string {
  const path = originalUrl(sha1, filename);
  return publicUrl ? new URL(path, publicUrl).toString() : path;
}

/** Writes the <upload>s of one File page; returns how many. Versions are few per file: one query. */
export async function exportFileVersions(
  tx: Transaction,
  page: { id: number; filename: string; title: string },
  write: (chunk: string) => Promise<void>,
  options: FileExportOptions,
): Promise<number> {
  const rows = await tx.$queryRaw<VersionRow[]>`
    SELECT v.id, v.sha1, v.size, v.uploader_id, u.name AS uploader_name, v.comment, v.created_at, v.archived, v.hidden,
           COALESCE(f.latest_version_id = v.id, false) AS is_latest
    FROM file_versions v JOIN users u ON u.id = v.uploader_id LEFT JOIN files f ON f.page_id = v.page_id
    WHERE v.page_id = ${page.id} AND (${options.full}::boolean OR NOT v.archived)
    ORDER BY v.id`;
  // The current version is the one readers see; a deleted file has none, so its newest stands in.
  const hasLatest = rows.some((row) => row.is_latest);
  const store = postgresBlobStore(tx);
  for (const [index, row] of rows.entries()) {
    const next = rows[index + 1];
    const current = hasLatest ? row.is_latest : next === undefined;
    const upload: DumpUpload = {
      id: row.id,
      timestamp: row.created_at,
      uploader: { id: row.uploader_id, name: row.uploader_name },
      comment: row.comment,
      filename: page.filename,
      archiveName: current ? null : archiveNameFor(page.filename, next?.created_at ?? row.created_at),
      src: originalSrc(row.sha1, page.filename, options.publicUrl),
      size: row.size,
      sha1: row.sha1,
      hidden: row.hidden,
      archived: row.archived,
    };
    // A public export leaves a hidden file's bytes out: they are not even read.
    const withheld = !options.full && (row.hidden & HIDDEN_BITS.text) !== 0;
    const bytes = withheld ? null : await store.get(row.sha1);
    if (!withheld && bytes === null) throw new Error(`Cannot export "${page.title}", file version ${row.id}: its bytes (SHA-1 ${row.sha1}) are missing from the store.`);
    try {
      for (const piece of uploadXml(upload, bytes, options.full)) await write(piece);
    } catch (error) {
      throw new Error(`Cannot export "${page.title}", file version ${row.id}: ${(error as Error).message}`, { cause: error });
    }
  }
  return rows.length;
}
