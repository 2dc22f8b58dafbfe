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

/**
 * Inserts the revision (its text stored once per SHA-1) and its rendering when given; returns its
 * id, timestamp and size in bytes. One statement (data-modifying CTEs) instead of one per table:
 * every save makes this write inside its transaction, where each round trip holds the page lock.
 */
export async function insertRevisionRow(tx: Transaction, row: RevisionRow): Promise<{ id: number; createdAt: Date; size: number }> {
  const size = Buffer.byteLength(row.text, 'utf8');
  const rendering = row.rendered ? renderingRow(row.rendered) : null;
  const inserted = await tx.$queryRaw<{ id: number; created_at: Date }[]>`
    WITH content AS (
      INSERT INTO contents (sha1, size, text) VALUES (${row.sha1}, ${size}, ${row.text})
      ON CONFLICT (sha1) DO UPDATE SET sha1 = EXCLUDED.sha1 RETURNING id
    ), revision AS (
      INSERT INTO revisions (id, page_id, parent_id, author_id, summary, minor, size, sha1, content_id, created_at, archived, hidden)
      SELECT COALESCE(${row.id ?? null}::int, nextval(pg_get_serial_sequence('revisions', 'id'))::int), ${row.pageId}, ${row.parentId}::int,
        ${row.authorId}, ${row.summary}, ${row.minor}, ${size}, ${row.sha1}, content.id,
        COALESCE(${row.createdAt ?? null}::timestamptz, now()), ${row.archived ?? false}, ${row.hidden ?? 0}::smallint
      FROM content
      RETURNING id, created_at
    ), rendering AS (
      INSERT INTO rendered_revisions (revision_id, renderer_version, html, toc, description, preview_file)
      SELECT revision.id, ${rendering?.rendererVersion ?? 0}, ${rendering?.html ?? ''}, ${JSON.stringify(rendering?.toc ?? [])}::jsonb,
        ${rendering?.description ?? null}::text, ${rendering?.previewFile ?? null}::text
      FROM revision WHERE ${rendering !== null}
    )
    SELECT id, created_at FROM revision`;
  return { id: inserted[0]!.id, createdAt: inserted[0]!.created_at, size };
}

/** A revision's text with what decides who may merge against it, as the save path reads it (the editor's base, the current text under the lock). */
export interface RevisionWithText {
  pageId: number;
  hidden: number;
  archived: boolean;
  text: string;
}

/** A revision and its text in one statement (Prisma reads the content relation with a second round trip); null when there is none. */
export async function readRevisionWithText(client: Pick<Transaction, '$queryRaw'>, id: number): Promise<RevisionWithText | null> {
  const rows = await client.$queryRaw<{ page_id: number; hidden: number; archived: boolean; text: string }[]>`
    SELECT r.page_id, r.hidden, r.archived, c.text FROM revisions r JOIN contents c ON c.id = r.content_id WHERE r.id = ${id}`;
  const row = rows[0];
  return row ? { pageId: row.page_id, hidden: row.hidden, archived: row.archived, text: row.text } : null;
}
