/**
 * What a File: page shows above and below its description, as plain data: the screen-sized
 * preview, the file history table and the file usage list (MediaWiki's ImagePage). The loader
 * (lib/server/screens/file-page.ts) builds it from FileDetails; components/files/ only draw it.
 *
 * Pure: no I/O. Addresses and thumbnail widths are thumbnail-sizes.ts' (the embeds' own).
 */
import { embedSources, originalUrl } from '@/lib/domain/files/thumbnail-sizes';
import { fileVersionHideHref } from '@/lib/domain/files/hide-version-input';
import type { FileParts, FileVersionInfo } from '@/lib/domain/files/types';
import { encodeTitleForUrl } from '@/lib/domain/titles';

/** MediaWiki's default $wgImageLimits entry for the File page: the preview fits 800 × 600. */
export const PREVIEW_BOX = { width: 800, height: 600 } as const;
/** The file history's thumbnails fit 120 × 120, as MediaWiki's. */
export const HISTORY_THUMB_BOX = { width: 120, height: 120 } as const;

export interface ImageSource {
  src: string;
  /** "… 2x" for high-density screens, when the original has the pixels for it. */
  srcSet: string | undefined;
  width: number;
  height: number;
}

export interface FilePreview extends ImageSource {
  originalHref: string;
  /** The original's own dimensions, size and sniffed type (the info line). */
  fullWidth: number;
  fullHeight: number;
  size: number;
  mime: string;
}

export interface FileHistoryRow {
  id: number;
  createdAt: Date;
  isLatest: boolean;
  /** Deleted with the file: only administrators see such rows. */
  archived: boolean;
  /** Null when this viewer may not see the file itself. */
  originalHref: string | null;
  thumbnail: ImageSource | null;
  width: number;
  height: number;
  size: number;
  /** Null when withheld from this viewer. */
  uploader: { name: string; href: string } | null;
  comment: string | null;
  /** Hidden parts this viewer still sees (administrators), to mark them. */
  hidden: FileParts;
  /** MediaWiki's action=revert&oldimage=… for an earlier version, when the viewer may revert. */
  revertHref: string | null;
  /** Special:RevisionDelete?type=oldimage for this version, when the viewer may hide versions (administrators). */
  hideHref: string | null;
}

/** The largest size within `box` keeping the aspect ratio, never larger than the original. */
export function fitWithin(width: number, height: number, box: { width: number; height: number }): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: Math.max(0, width), height: Math.max(0, height) };
  const scale = Math.min(1, box.width / width, box.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * An image of a version fitted in `box`: the original itself when it has no more pixels (a bitmap,
 * as MediaWiki), else a bucket's thumbnail, with a 2x source when that adds pixels (as embeds).
 */
export function imageSource(version: { sha1: string; width: number; height: number; mime: string }, name: string, box: { width: number; height: number }): ImageSource {
  const shown = fitWithin(version.width, version.height, box);
  const { src, srcset } = embedSources(version.sha1, name, version, shown.width);
  return { src, srcSet: srcset ?? undefined, ...shown };
}

/** The preview of the latest version, or null when the viewer may not see it. */
export function filePreview(latest: FileVersionInfo | null, name: string): FilePreview | null {
  if (!latest || latest.sha1 === null) return null;
  const source = imageSource({ ...latest, sha1: latest.sha1 }, name, PREVIEW_BOX);
  return { ...source, originalHref: originalUrl(latest.sha1, name), fullWidth: latest.width, fullHeight: latest.height, size: latest.size, mime: latest.mime };
}

/**
 * The file history rows. `revertBase` is the File page's path when the viewer may revert (policy
 * 'reupload'), else null: only earlier, visible, not deleted versions can be reverted to.
 * `mayHide`: the viewer may hide versions' parts (policy 'hiderevision'), each row links to it.
 */
export function fileHistoryRows(versions: readonly FileVersionInfo[], name: string, revertBase: string | null, mayHide = false): FileHistoryRow[] {
  return versions.map((version) => {
    const sha1 = version.sha1;
    const canRevert = revertBase !== null && !version.isLatest && !version.archived && sha1 !== null;
    return {
      id: version.id,
      createdAt: version.createdAt,
      isLatest: version.isLatest,
      archived: version.archived,
      originalHref: sha1 === null ? null : originalUrl(sha1, name),
      thumbnail: sha1 === null ? null : imageSource({ ...version, sha1 }, name, HISTORY_THUMB_BOX),
      width: version.width,
      height: version.height,
      size: version.size,
      uploader: version.withheld.uploader ? null : { name: version.uploader.name, href: `/wiki/${encodeTitleForUrl(`User:${version.uploader.name.replaceAll(' ', '_')}`)}` },
      comment: version.withheld.comment ? null : version.comment,
      hidden: version.hidden,
      revertHref: canRevert ? `${revertBase}?action=revert&oldimage=${version.id}` : null,
      hideHref: mayHide ? fileVersionHideHref(name, version.id) : null,
    };
  });
}

/** Special:Upload for a name (MediaWiki's wpDestFile), as a new version of it with `forReUpload`. */
export function uploadHref(dbKey: string, forReUpload = false): string {
  return `/wiki/Special:Upload?wpDestFile=${encodeURIComponent(dbKey)}${forReUpload ? '&wpForReUpload=1' : ''}`;
}

export interface PageLink {
  href: string;
  text: string;
}

/** What the top of a File page shows: the file, or why there is none to show. */
export type FileLead =
  | { kind: 'preview'; preview: FilePreview }
  /** The latest version's file is hidden from this viewer. */
  | { kind: 'hidden' }
  /** The file was deleted (its versions are archived). */
  | { kind: 'deleted' }
  /** No file was ever uploaded under this name: MediaWiki's "upload it" link. */
  | { kind: 'none'; uploadHref: string };

/** Below the File page's description. */
export interface FileTrail {
  history: FileHistoryRow[];
  /** Special:Upload?wpDestFile=…&wpForReUpload=1, for viewers who may upload a new version. */
  uploadNewVersionHref: string | null;
  usage: PageLink[];
  usageNextHref: string | null;
  duplicates: PageLink[];
}
