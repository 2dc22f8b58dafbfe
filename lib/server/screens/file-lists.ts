import 'server-only';
import { getActor } from '@/lib/server/session';
import { clampLimit, clampOffset } from '@/lib/server/links';
import { listFiles, unusedFiles, wantedFiles } from '@/lib/server/files/file-queries';
import type { QueryPaging } from '@/lib/server/screens/links';
import { fileListItems, parseFileListSort, type FileListItem } from '@/lib/domain/files/file-list-view';
import type { FileListSort, WantedFileRow } from '@/lib/domain/files/types';
import { digitsParam, type SearchParams } from '@/lib/domain/query-params';

function paging(query: SearchParams): { limit: number; offset: number } {
  return { limit: clampLimit(digitsParam(query.limit, 9)), offset: clampOffset(digitsParam(query.offset, 9)) };
}

export interface FileListScreen {
  items: FileListItem[];
  paging: QueryPaging;
  total: number;
}

/** Special:ListFiles (?sort=date|name|size, paged by ?limit=&offset=): every file, its latest version. */
export async function loadListFilesScreen(query: SearchParams): Promise<FileListScreen & { sort: FileListSort }> {
  const sort = parseFileListSort(query.sort);
  const { limit, offset } = paging(query);
  const page = await listFiles({ sort, limit, offset, viewer: await getActor() });
  return { sort, items: fileListItems(page.rows), paging: { limit, offset, hasMore: page.nextOffset !== null }, total: page.total };
}

/** Special:UnusedFiles: files no page shows, oldest upload first (as MediaWiki). */
export async function loadUnusedFilesScreen(query: SearchParams): Promise<FileListScreen> {
  const { limit, offset } = paging(query);
  const page = await unusedFiles({ limit, offset, viewer: await getActor() });
  return { items: fileListItems(page.rows), paging: { limit, offset, hasMore: page.nextOffset !== null }, total: page.total };
}

/** Special:WantedFiles: files pages show that do not exist, most used first. */
export async function loadWantedFilesScreen(query: SearchParams): Promise<{ items: WantedFileRow[]; paging: QueryPaging }> {
  const { limit, offset } = paging(query);
  const { rows, nextOffset } = await wantedFiles({ limit, offset });
  return { items: rows, paging: { limit, offset, hasMore: nextOffset !== null } };
}
