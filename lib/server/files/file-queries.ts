import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { getDb } from '@/lib/server/db';
import { clampLimit, clampOffset } from '@/lib/server/links';
import type { Actor } from '@/lib/domain/policy';
import { mayViewDeleted } from '@/lib/domain/visibility';
import { isKnownNamespace, makeParsedTitle, NS, type ParsedTitle } from '@/lib/domain/titles';
import {
  toFileVersionInfo,
  type FileDetails,
  type FileEmbedInfo,
  type FileListPage,
  type FileListRow,
  type FileListSort,
  type FileUsagePage,
  type StoredFileVersion,
  type WantedFileRow,
} from '@/lib/domain/files/types';

/*
 * Read models of files (docs/files.md): a File page's versions, usage and duplicates,
 * Special:ListFiles, UnusedFiles and WantedFiles, and the embed info the view-time resolver needs.
 * Versions come out through toFileVersionInfo, so hidden and archived parts are withheld the same
 * way everywhere.
 */

/** The columns of a version with its uploader's name, as StoredFileVersion (raw queries alias them). */
const VERSION_COLUMNS = Prisma.sql`v.id, v.page_id AS "pageId", v.sha1, v.size, v.width, v.height, v.mime, v.uploader_id AS "uploaderId",
  u.name AS "uploaderName", v.comment, v.created_at AS "createdAt", v.archived, v.hidden`;

const FILE_TITLE = (dbKey: string) => makeParsedTitle(NS.FILE, dbKey);

/** The File page and its current version, or null when no file was ever uploaded under the title. */
export async function fileDetails(title: ParsedTitle, viewer: Actor): Promise<FileDetails | null> {
  if (title.namespace !== NS.FILE) return null;
  const db = getDb();
  const page = await db.page.findUnique({
    where: { namespace_title: { namespace: NS.FILE, title: title.dbKey } },
    select: { id: true, file: { select: { latestVersionId: true } } },
  });
  if (!page?.file) return null;
  const latestId = page.file.latestVersionId;
  const rows = await db.$queryRaw<StoredFileVersion[]>`
    SELECT ${VERSION_COLUMNS} FROM file_versions v JOIN users u ON u.id = v.uploader_id
    WHERE v.page_id = ${page.id} ORDER BY v.id DESC LIMIT 500`;
  const viewDeleted = mayViewDeleted(viewer);
  const versions = rows.flatMap((row) => toFileVersionInfo(row, viewDeleted, row.id === latestId) ?? []);
  // A deleted file does not exist for those who may not see deleted material.
  if (versions.length === 0) return null;
  const latest = versions.find((version) => version.isLatest) ?? null;
  const duplicates = latest?.sha1 ? await duplicatesOf(latest.sha1, page.id) : [];
  return { pageId: page.id, title: title.prefixedText, latest, versions, duplicates };
}

/** Other files whose current version has these bytes (prefixed titles, by name). */
export async function duplicatesOf(sha1: string, exceptPageId: number | null = null): Promise<string[]> {
  const rows = await getDb().$queryRaw<{ title: string }[]>`
    SELECT p.title FROM file_versions v JOIN files f ON f.latest_version_id = v.id JOIN pages p ON p.id = f.page_id
    WHERE v.sha1 = ${sha1} AND f.page_id <> ${exceptPageId ?? 0}
    ORDER BY p.title LIMIT 50`;
  return rows.map((row) => FILE_TITLE(row.title).prefixedText);
}

/** Whether the title has a current file version (Special:Upload's "a file exists" notice). */
export async function fileExists(title: ParsedTitle): Promise<boolean> {
  if (title.namespace !== NS.FILE) return false;
  const rows = await getDb().$queryRaw<{ found: number }[]>`
    SELECT 1 AS found FROM pages p JOIN files f ON f.page_id = p.id
    WHERE p.namespace = ${NS.FILE} AND p.title = ${title.dbKey} AND f.latest_version_id IS NOT NULL`;
  return rows.length > 0;
}

/** Pages showing the file (file_links), by page id; `after` is the last page id of the previous page. */
export async function fileUsage(title: ParsedTitle, paging: { after?: number | null; limit?: number } = {}): Promise<FileUsagePage> {
  const limit = clampLimit(paging.limit);
  const after = paging.after ?? 0;
  const rows = await getDb().$queryRaw<{ id: number; namespace: number; title: string }[]>`
    SELECT p.id, p.namespace, p.title FROM file_links l JOIN pages p ON p.id = l.from_page_id
    WHERE l.to_title = ${title.dbKey} AND p.id > ${after}
    ORDER BY p.id LIMIT ${limit + 1}`;
  const shown = rows.slice(0, limit);
  return {
    rows: shown.flatMap((row) =>
      isKnownNamespace(row.namespace)
        ? [{ pageId: row.id, namespace: row.namespace, title: row.title, prefixedText: makeParsedTitle(row.namespace, row.title).prefixedText }]
        : [],
    ),
    next: rows.length > limit ? shown[shown.length - 1]!.id : null,
  };
}

/**
 * What the view-time resolver needs for each embedded name (database keys without "File:"): the
 * current version's bytes and size (through a File: redirect, as after a move), or null for a
 * name with no file (a red upload link).
 */
export async function fileEmbedInfo(dbKeys: readonly string[]): Promise<Map<string, FileEmbedInfo | null>> {
  const result = new Map<string, FileEmbedInfo | null>(dbKeys.map((key) => [key, null]));
  if (dbKeys.length === 0) return result;
  const rows = await getDb().$queryRaw<{ title: string; sha1: string; width: number; height: number; mime: string }[]>`
    SELECT p.title, v.sha1, v.width, v.height, v.mime
    FROM pages p JOIN files f ON f.page_id = p.id JOIN file_versions v ON v.id = f.latest_version_id
    WHERE p.namespace = ${NS.FILE} AND p.title = ANY(${[...new Set(dbKeys)]}::text[]) AND NOT v.archived AND v.hidden & 1 = 0`;
  for (const row of rows) result.set(row.title, { sha1: row.sha1, width: row.width, height: row.height, mime: row.mime });
  // (A hidden file is never shown: only an old version's can be hidden, but an import may bring anything.)
  // A moved file leaves a redirect behind: embeds of the old name show the file (one hop, as MediaWiki).
  const missing = [...result].flatMap(([key, info]) => (info === null ? [key] : []));
  if (missing.length === 0) return result;
  const redirected = await getDb().$queryRaw<{ title: string; target: string; sha1: string; width: number; height: number; mime: string }[]>`
    SELECT p.title, t.title AS target, v.sha1, v.width, v.height, v.mime
    FROM pages p JOIN redirects r ON r.page_id = p.id AND r.namespace = ${NS.FILE}
    JOIN pages t ON t.namespace = ${NS.FILE} AND t.title = r.title
    JOIN files f ON f.page_id = t.id JOIN file_versions v ON v.id = f.latest_version_id
    WHERE p.namespace = ${NS.FILE} AND p.title = ANY(${missing}::text[]) AND NOT v.archived AND v.hidden & 1 = 0`;
  for (const row of redirected) result.set(row.title, { sha1: row.sha1, width: row.width, height: row.height, mime: row.mime, name: row.target });
  return result;
}

const ORDER: Readonly<Record<FileListSort, Prisma.Sql>> = {
  date: Prisma.sql`v.created_at DESC, v.id DESC`,
  name: Prisma.sql`p.title ASC`,
  size: Prisma.sql`v.size DESC, p.title ASC`,
};

interface ListQuery {
  limit?: number | null;
  offset?: number | null;
  viewer: Actor;
}

type ListedRow = StoredFileVersion & { title: string };

async function listedFiles(where: Prisma.Sql, order: Prisma.Sql, query: ListQuery): Promise<FileListPage> {
  const limit = clampLimit(query.limit);
  const offset = clampOffset(query.offset);
  const db = getDb();
  const from = Prisma.sql`FROM files f JOIN file_versions v ON v.id = f.latest_version_id JOIN pages p ON p.id = f.page_id JOIN users u ON u.id = v.uploader_id`;
  const [rows, counted] = await Promise.all([
    db.$queryRaw<ListedRow[]>`SELECT p.title, ${VERSION_COLUMNS} ${from} WHERE ${where} ORDER BY ${order} LIMIT ${limit + 1} OFFSET ${offset}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${from} WHERE ${where}`,
  ]);
  const viewDeleted = mayViewDeleted(query.viewer);
  const listed: FileListRow[] = rows.slice(0, limit).flatMap((row) => {
    const latest = toFileVersionInfo(row, viewDeleted, true);
    return latest ? [{ pageId: row.pageId, name: row.title, prefixedText: FILE_TITLE(row.title).prefixedText, latest }] : [];
  });
  return { rows: listed, nextOffset: rows.length > limit ? offset + limit : null, total: counted[0]?.total ?? 0 };
}

/**
 * Special:ListFiles: every current file, by upload date (newest first), name or size (largest
 * first). `namePattern` (a LIKE pattern escaped with backslashes, fileNamePattern) keeps the names it
 * matches in any case, as the editor's Insert image picker searches (GET /w/rest.php/v1/file).
 */
export function listFiles(query: ListQuery & { sort?: FileListSort; namePattern?: string }): Promise<FileListPage> {
  const named = query.namePattern === undefined ? Prisma.empty : Prisma.sql` AND p.title ILIKE ${query.namePattern} ESCAPE '\\'`;
  return listedFiles(Prisma.sql`NOT v.archived${named}`, ORDER[query.sort ?? 'date'], query);
}

/** Special:UnusedFiles: current files no page shows, oldest upload first (as MediaWiki). */
export function unusedFiles(query: ListQuery): Promise<FileListPage> {
  return listedFiles(Prisma.sql`NOT v.archived AND NOT EXISTS (SELECT 1 FROM file_links l WHERE l.to_title = p.title)`, Prisma.sql`v.created_at ASC, v.id ASC`, query);
}

/** Special:WantedFiles: names pages show that have no current file, most shown first. */
export async function wantedFiles(paging: { limit?: number | null; offset?: number | null } = {}): Promise<{ rows: WantedFileRow[]; nextOffset: number | null }> {
  const limit = clampLimit(paging.limit);
  const offset = clampOffset(paging.offset);
  const rows = await getDb().$queryRaw<{ title: string; pages: number }[]>`
    SELECT l.to_title AS title, count(*)::int AS pages FROM file_links l
    WHERE NOT EXISTS (
      SELECT 1 FROM pages p JOIN files f ON f.page_id = p.id
      WHERE p.namespace = ${NS.FILE} AND p.title = l.to_title AND f.latest_version_id IS NOT NULL
    )
    -- Nor a name that redirects to a file (a moved file): its embeds show that file.
    AND NOT EXISTS (
      SELECT 1 FROM pages p JOIN redirects r ON r.page_id = p.id AND r.namespace = ${NS.FILE}
      JOIN pages t ON t.namespace = ${NS.FILE} AND t.title = r.title JOIN files f ON f.page_id = t.id
      WHERE p.namespace = ${NS.FILE} AND p.title = l.to_title AND f.latest_version_id IS NOT NULL
    )
    GROUP BY l.to_title ORDER BY pages DESC, l.to_title LIMIT ${limit + 1} OFFSET ${offset}`;
  return {
    rows: rows.slice(0, limit).map((row) => ({ name: row.title, prefixedText: FILE_TITLE(row.title).prefixedText, pages: row.pages })),
    nextOffset: rows.length > limit ? offset + limit : null,
  };
}
