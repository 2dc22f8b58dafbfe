/**
 * The rows of Special:ListFiles and Special:UnusedFiles as plain data (a thumbnail, the latest
 * version's date, size, uploader and comment), and the sort orders of Special:ListFiles.
 *
 * Pure: no I/O.
 */
import { HISTORY_THUMB_BOX, imageSource, type ImageSource } from '@/lib/domain/files/file-page-view';
import { originalUrl } from '@/lib/domain/files/thumbnail-sizes';
import type { FileListRow, FileListSort } from '@/lib/domain/files/types';
import { encodeTitleForUrl } from '@/lib/domain/titles';
import type { QueryValue } from '@/lib/domain/query-params';

export const FILE_LIST_SORTS: readonly FileListSort[] = ['date', 'name', 'size'];

/** ?sort=date|name|size; anything else is the default, newest first (as MediaWiki's list). */
export function parseFileListSort(value: QueryValue): FileListSort {
  const sort = Array.isArray(value) ? value[0] : value;
  return (FILE_LIST_SORTS as readonly (string | null | undefined)[]).includes(sort) ? (sort as FileListSort) : 'date';
}

export interface FileListItem {
  name: string;
  href: string;
  createdAt: Date;
  /** Null when the file itself is hidden from this viewer. */
  thumbnail: ImageSource | null;
  originalHref: string | null;
  size: number;
  uploader: { name: string; href: string } | null;
  comment: string | null;
}

const pageHref = (prefixedText: string) => `/wiki/${encodeTitleForUrl(prefixedText.replaceAll(' ', '_'))}`;

export function fileListItems(rows: readonly FileListRow[]): FileListItem[] {
  return rows.map(({ name, prefixedText, latest }) => {
    const sha1 = latest.sha1;
    return {
      name: prefixedText.replace(/^[^:]*:/, ''),
      href: pageHref(prefixedText),
      createdAt: latest.createdAt,
      thumbnail: sha1 === null ? null : imageSource({ ...latest, sha1 }, name, HISTORY_THUMB_BOX),
      originalHref: sha1 === null ? null : originalUrl(sha1, name),
      size: latest.size,
      uploader: latest.withheld.uploader ? null : { name: latest.uploader.name, href: pageHref(`User:${latest.uploader.name}`) },
      comment: latest.withheld.comment ? null : latest.comment,
    };
  });
}
