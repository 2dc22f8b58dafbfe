/**
 * Sizes and addresses of images: the bucketed widths thumbnails are made at (so a file has at most
 * a dozen thumbnails however pages size it), the size an embed is shown at (MediaWiki's rules),
 * `srcset` for high-density screens, and the /images URLs with their parser for the route.
 *
 * Pure: no I/O.
 */
import { encodeTitleForUrl } from '@/lib/domain/titles';
import { thumbnailFormatFor } from '@/lib/domain/files/thumbnail-format.mjs';

export type ThumbnailFormat = 'webp' | 'png' | 'jpeg';

/** The widths thumbnails are made at: a requested width is rounded up to the next one. */
export const THUMBNAIL_BUCKETS: readonly number[] = [120, 180, 250, 320, 400, 640, 800, 1024, 1280, 1600, 1920, 2560];

/** MediaWiki's default thumbnail width ($wgThumbLimits[5], the default "thumbsize" preference). */
export const DEFAULT_THUMB_WIDTH = 250;

/** MediaWiki's $wgThumbUpright: "upright" without a factor. */
export const DEFAULT_UPRIGHT = 0.75;

/** The original's facts an embed's size depends on. */
export interface OriginalImage {
  width: number;
  height: number;
  mime: string;
}

/** The options that size an embed (image-options.ts parses them; embed markers store them). */
export interface SizeOptions {
  type: 'thumb' | 'frame' | 'frameless' | null;
  width: number | null;
  height: number | null;
  upright: number | null;
}

export interface Size {
  width: number;
  height: number;
}

/** Drawings (SVG) scale to any width; bitmaps are never enlarged. */
export function isVector(mime: string): boolean {
  return mime === 'image/svg+xml';
}

/** The smallest bucket at least `width` wide (the largest bucket for anything wider). */
export function bucketWidth(width: number): number {
  return THUMBNAIL_BUCKETS.find((bucket) => bucket >= width) ?? THUMBNAIL_BUCKETS[THUMBNAIL_BUCKETS.length - 1]!;
}

/**
 * The width a thumbnail request is made at: its bucket, and for a bitmap never more than the
 * original (a 100-pixel PNG asked for at 250 is rendered at 100).
 */
export function renderWidth(requested: number, original: { width: number; mime: string }): number {
  const bucket = bucketWidth(Math.max(1, Math.floor(requested)));
  return isVector(original.mime) || original.width <= 0 ? bucket : Math.min(bucket, original.width);
}

function heightFor(width: number, original: OriginalImage): number {
  if (original.width <= 0 || original.height <= 0) return width;
  return Math.max(1, Math.round((width * original.height) / original.width));
}

/**
 * The size an embed is shown at, as MediaWiki: `frame` always shows the original size; a width
 * and/or height (`200px`, `x100px`, `200x100px`) fits the image inside that box; otherwise
 * `thumb` and `frameless` are DEFAULT_THUMB_WIDTH wide, times the `upright` factor rounded to
 * 10 px (upright is ignored when a width is given), and a plain embed is the original size.
 * Bitmaps are never enlarged; drawings are.
 */
export function displaySize(original: OriginalImage, options: SizeOptions): Size {
  const vector = isVector(original.mime);
  const known = original.width > 0 && original.height > 0;
  let width: number;
  if (options.type === 'frame' && known) {
    width = original.width;
  } else if (options.width !== null || options.height !== null) {
    width = options.width ?? Number.POSITIVE_INFINITY;
    if (options.height !== null && known) width = Math.min(width, (original.width * options.height) / original.height);
    if (!Number.isFinite(width)) width = known ? original.width : DEFAULT_THUMB_WIDTH;
  } else if (options.type === 'thumb' || options.type === 'frameless' || !known) {
    width = options.upright === null ? DEFAULT_THUMB_WIDTH : Math.round((DEFAULT_THUMB_WIDTH * options.upright) / 10) * 10;
  } else {
    width = original.width;
  }
  width = Math.max(1, Math.round(width));
  if (!vector && known) width = Math.min(width, original.width);
  return { width, height: heightFor(width, original) };
}

/** A file name in a URL path segment: as page titles (MediaWiki's urlencode), with "/" escaped. */
function encodeName(name: string): string {
  return encodeTitleForUrl(name.replaceAll(' ', '_')).replaceAll('/', '%2F');
}

/** `/images/{sha1}/{Name.png}`: the original, immutable (a new version has a new SHA-1). */
export function originalUrl(sha1: string, name: string): string {
  return `/images/${sha1}/${encodeName(name)}`;
}

/** `/images/thumb/{sha1}/{width}px-{Name.png}`. */
export function thumbnailUrl(sha1: string, name: string, width: number): string {
  return `/images/thumb/${sha1}/${width}px-${encodeName(name)}`;
}

/** The picture at `width` CSS pixels: the original when a bitmap is no wider, else a bucket's thumbnail. */
function sourceAt(sha1: string, name: string, original: OriginalImage, width: number): string {
  if (!isVector(original.mime) && original.width > 0 && bucketWidth(width) >= original.width) return originalUrl(sha1, name);
  return thumbnailUrl(sha1, name, bucketWidth(width));
}

/**
 * `src` and `srcset` of an embed shown `width` CSS pixels wide: 1x and 2x point at bucket widths
 * (or the original, when a bitmap has no more pixels); srcset is null when 2x would add nothing.
 */
export function embedSources(sha1: string, name: string, original: OriginalImage, width: number): { src: string; srcset: string | null } {
  const src = sourceAt(sha1, name, original, width);
  const double = sourceAt(sha1, name, original, width * 2);
  return { src, srcset: double === src ? null : `${src} 1x, ${double} 2x` };
}

export type ImagePath = { kind: 'original'; sha1: string; name: string } | { kind: 'thumbnail'; sha1: string; name: string; width: number };

const SHA1 = /^[0-9a-f]{40}$/;
const THUMB_NAME = /^([1-9][0-9]{0,4})px-(.+)$/;

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Reads an /images address: a pathname ("/images/thumb/{sha1}/250px-Name.png", percent-encoded)
 * or the route's segments after /images (already decoded, as Next.js passes catch-all params).
 * Null for anything else, so the route answers 404. The width is as requested: the server
 * buckets it (renderWidth).
 */
export function parseImagePath(path: string | readonly string[]): ImagePath | null {
  let segments: (string | null)[];
  if (typeof path === 'string') {
    segments = path.split('/').filter((segment) => segment !== '');
    if (segments[0] === 'images') segments.shift();
    segments = segments.map((segment) => decodeSegment(segment!));
  } else {
    segments = [...path];
  }
  if (segments.some((segment) => segment === null || segment === '' || segment.includes('/'))) return null;
  const parts = segments as string[];
  if (parts.length === 2 && SHA1.test(parts[0]!)) return { kind: 'original', sha1: parts[0]!, name: parts[1]! };
  if (parts.length === 3 && parts[0] === 'thumb' && SHA1.test(parts[1]!)) {
    const match = THUMB_NAME.exec(parts[2]!);
    if (match === null) return null;
    return { kind: 'thumbnail', sha1: parts[1]!, name: match[2]!, width: Number(match[1]) };
  }
  return null;
}

/**
 * A thumbnail's format: WebP when the browser says it accepts it (every current one does), else
 * JPEG for JPEG originals (photos) and PNG for the rest (transparency, line art, drawings).
 * Argument order: the original's MIME type, then the request's Accept header. Defined in
 * thumbnail-format.mjs, which the front handler's image cache shares (it keys thumbnails by it).
 */
export function thumbnailFormat(mime: string, accept: string | null | undefined): ThumbnailFormat {
  return thumbnailFormatFor(mime, accept);
}
