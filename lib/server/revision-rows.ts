import 'server-only';
import type { RenderedMarkdown } from '@/lib/domain/markdown';
import { renderingRow } from '@/lib/server/render-revision';
import type { Transaction } from '@/lib/server/transaction';

/**
 * How a revision row and its text are written: the one definition, shared by appendRevision
 * (lib/server/save-page.ts: every save, move and page creation, which then moves the page's
 * pointer and rebuilds derived data) and the backup import (lib/server/backup/import.ts, which
 * writes whole histories and finishes each page once, after its last revision).
 */
export interface RevisionRow {
  /** An id to keep (the import keeps a file's ids where free, so permalinks survive); omitted: the next one. */
  id?: number;
  pageId: number;
  /** The page's previous revision (revisions.parent_id is unique: a page's history is one chain). */
  parentId: number | null;
  authorId: number;
  summary: string;
  minor: boolean;
  text: string;
  /** Hex SHA-1 of the UTF-8 text (contents are stored once per SHA-1). */
  sha1: string;
  /** Omitted: now. The import keeps the file's timestamps. */
  createdAt?: Date;
  /** Imported revisions of a deleted page are archived; new ones never are. */
  archived?: boolean;
  /** Visibility bits (1 text, 2 summary, 4 author) an import brings along; new revisions have none. */
  hidden?: number;
  /** Stored with the row when given; the import renders only each page's latest revision (finishPage). */
  rendered?: RenderedMarkdown;
}

/** Inserts the revision (its text stored once per SHA-1); returns its id, timestamp and size in bytes. */
export async function insertRevisionRow(tx: Transaction, row: RevisionRow): Promise<{ id: number; createdAt: Date; size: number }> {
  const size = Buffer.byteLength(row.text, 'utf8');
  const content = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO contents (sha1, size, text) VALUES (${row.sha1}, ${size}, ${row.text})
    ON CONFLICT (sha1) DO UPDATE SET sha1 = EXCLUDED.sha1 RETURNING id`;
  const { rendered } = row;
  const inserted = await tx.revision.create({
    data: {
      id: row.id,
      pageId: row.pageId,
      parentId: row.parentId,
      authorId: row.authorId,
      summary: row.summary,
      minor: row.minor,
      size,
      sha1: row.sha1,
      contentId: content[0]!.id,
      createdAt: row.createdAt,
      archived: row.archived,
      hidden: row.hidden,
      rendered: rendered ? { create: renderingRow(rendered) } : undefined,
    },
    select: { id: true, createdAt: true },
  });
  return { ...inserted, size };
}
