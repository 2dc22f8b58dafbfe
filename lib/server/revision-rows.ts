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
  /**
   * Asks for the bot mark (MediaWiki's rc_bot: left out of recent changes and watchlists unless
   * asked for). Granted only when the author's account is a bot, checked here, in the insert, so
   * no caller can mark a person's edit bot. Omitted: false.
   */
  bot?: boolean;
  /** The revision is a rollback, undo or restore (MediaWiki's revert tags). Omitted: false. */
  reverts?: boolean;
  /** Stored with the row when given; the import renders only each page's latest revision (finishPage). */
  rendered?: RenderedMarkdown;
  /** What an imported revision was converted from (revision_sources); only the import gives it. */
  source?: { model: string; text: string } | null;
}

/**
 * Inserts the revision (its text stored once per SHA-1), its rendering and its imported source when given; returns its
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
      INSERT INTO revisions (id, page_id, parent_id, author_id, summary, minor, size, sha1, content_id, created_at, archived, hidden, bot, reverts)
      SELECT COALESCE(${row.id ?? null}::int, nextval(pg_get_serial_sequence('revisions', 'id'))::int), ${row.pageId}, ${row.parentId}::int,
        ${row.authorId}, ${row.summary}, ${row.minor}, ${size}, ${row.sha1}, content.id,
        COALESCE(${row.createdAt ?? null}::timestamptz, now()), ${row.archived ?? false}, ${row.hidden ?? 0}::smallint,
        ${row.bot === true} AND EXISTS (SELECT 1 FROM users WHERE id = ${row.authorId} AND is_bot), ${row.reverts === true}
      FROM content
      RETURNING id, created_at
    ), rendering AS (
      INSERT INTO rendered_revisions (revision_id, renderer_version, html, toc, description, preview_file)
      SELECT revision.id, ${rendering?.rendererVersion ?? 0}, ${rendering?.html ?? ''}, ${JSON.stringify(rendering?.toc ?? [])}::jsonb,
        ${rendering?.description ?? null}::text, ${rendering?.previewFile ?? null}::text
      FROM revision WHERE ${rendering !== null}
    ), source AS (
      INSERT INTO revision_sources (revision_id, model, text)
      SELECT revision.id, ${row.source?.model ?? ''}, ${row.source?.text ?? ''} FROM revision WHERE ${row.source != null}
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

/** A revision whose id is known before it is written (the import keeps a dump's ids), so a batch can chain parents. */
export type KnownRevisionRow = Omit<RevisionRow, 'id' | 'rendered' | 'createdAt'> & { id: number; createdAt: Date };

/**
 * insertRevisionRow for many revisions in one statement (the import writes histories of
 * thousands; one round trip each was most of its time). Same tables and rules: texts stored once
 * per SHA-1, the source kept when given. Rows come oldest first; a row's parent may be an earlier
 * row of the same batch (foreign keys are checked at the end of the statement).
 */
export async function insertRevisionRows(tx: Transaction, rows: readonly KnownRevisionRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: KnownRevisionRow) => T) => rows.map(pick);
  await tx.$executeRaw`
    WITH input AS (
      SELECT * FROM unnest(
        ${column((r) => r.id)}::int[], ${column((r) => r.pageId)}::int[], ${column((r) => r.parentId)}::int[], ${column((r) => r.authorId)}::int[],
        ${column((r) => r.summary)}::text[], ${column((r) => r.minor)}::boolean[], ${column((r) => Buffer.byteLength(r.text, 'utf8'))}::int[],
        ${column((r) => r.sha1)}::text[], ${column((r) => r.text)}::text[], ${column((r) => r.createdAt)}::timestamptz[],
        ${column((r) => r.archived ?? false)}::boolean[], ${column((r) => r.hidden ?? 0)}::smallint[],
        ${column((r) => r.source?.model ?? null)}::text[], ${column((r) => r.source?.text ?? null)}::text[]
      ) WITH ORDINALITY AS t(id, page_id, parent_id, author_id, summary, minor, size, sha1, text, created_at, archived, hidden, source_model, source_text, ord)
    ), content AS (
      -- One row per text: a batch may hold the same text twice (a revert), which one INSERT … ON CONFLICT cannot.
      INSERT INTO contents (sha1, size, text)
      SELECT DISTINCT ON (sha1) sha1, size, text FROM input ORDER BY sha1
      ON CONFLICT (sha1) DO UPDATE SET sha1 = EXCLUDED.sha1 RETURNING id, sha1
    ), revision AS (
      INSERT INTO revisions (id, page_id, parent_id, author_id, summary, minor, size, sha1, content_id, created_at, archived, hidden)
      SELECT i.id, i.page_id, i.parent_id, i.author_id, i.summary, i.minor, i.size, i.sha1, c.id, i.created_at, i.archived, i.hidden
      FROM input i JOIN content c ON c.sha1 = i.sha1 ORDER BY i.ord
      RETURNING id
    )
    INSERT INTO revision_sources (revision_id, model, text)
    SELECT i.id, i.source_model, i.source_text FROM revision r JOIN input i ON i.id = r.id WHERE i.source_model IS NOT NULL`;
}
