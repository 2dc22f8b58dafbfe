import 'server-only';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { mediaTypeOf } from '@/lib/domain/files/media-types';
import type { Metadata } from 'sharp';
import { sharp } from '@/lib/server/files/sharp-setup';

/**
 * An upload's dimensions, read from its headers with the pixel limit checked BEFORE anything is
 * decoded (a decompression bomb declares a huge size in a few bytes), then one full decode to
 * prove the image is whole (a truncated JPEG's headers look fine). The decode streams through
 * libvips (sequential read, shrunk as it goes), so a 50-megapixel image never sits in memory whole.
 */

export interface ImageProbe {
  width: number;
  height: number;
  /** Frames of an animation (GIF, WebP, AVIF sequence); absent for still images. */
  pages?: number;
}

const DEFAULT_MAX_MEGAPIXELS = 50;

/** WIKI_UPLOAD_MAX_MEGAPIXELS (default 50) in pixels. */
export function uploadMaxPixels(): number {
  const configured = Number(process.env.WIKI_UPLOAD_MAX_MEGAPIXELS);
  const megapixels = Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_MEGAPIXELS;
  return Math.round(megapixels * 1_000_000);
}

/** WIKI_UPLOAD_STRIP_METADATA=1: originals lose their metadata at upload (thumbnails always do). */
export function stripMetadataOnUpload(): boolean {
  return ['1', 'true', 'yes'].includes(String(process.env.WIKI_UPLOAD_STRIP_METADATA ?? '').toLowerCase());
}

function damaged(mime: string, cause: unknown): AppError {
  return new AppError('VALIDATION', errorMessage('fileCheck.damaged', { type: mediaTypeOf(mime)?.label ?? mime }), { cause });
}

function megapixels(pixels: number): string {
  return (Math.round(pixels / 100_000) / 10).toString();
}

const DECODE_TIMEOUT_SECONDS = 30;

/** libjpeg only warns when the data ends early (a cut file with an end marker appended); a timeout is final too. */
const DATA_ENDS_EARLY = /premature end|unexpected end|truncated|timeout/i;

/**
 * Decodes every pixel of the first frame, shrinking as it streams so memory stays at a few
 * scanlines. Decoders' warnings are mostly harmless quirks of cameras and editors, so only errors
 * fail, except a warning that the data ended early: that image is cut short.
 */
async function decodeAll(bytes: Uint8Array, maxPixels: number): Promise<void> {
  const decode = (failOn: 'warning' | 'error') =>
    sharp(bytes, { failOn, limitInputPixels: maxPixels, sequentialRead: true })
      .resize(64, 64, { fit: 'inside', withoutEnlargement: true })
      // A drawing's filters can be made arbitrarily slow to draw: such a file is refused.
      .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
      .raw()
      .toBuffer();
  try {
    await decode('warning');
  } catch (error) {
    if (error instanceof Error && DATA_ENDS_EARLY.test(error.message)) throw error;
    await decode('error');
  }
}

/**
 * Width and height of a sniffed image (of one frame, as shown: EXIF orientation applied), or an
 * AppError: PAYLOAD_TOO_LARGE over the pixel limit (animations count every frame, as MediaWiki's
 * $wgMaxAnimatedGifArea), VALIDATION when the bytes do not decode. `mime` is the sniffed type
 * (sniff.ts), used for messages.
 */
export async function probeImage(bytes: Uint8Array, options: { maxPixels?: number; mime?: string } = {}): Promise<ImageProbe> {
  const maxPixels = options.maxPixels ?? uploadMaxPixels();
  const mime = options.mime ?? 'image';
  let metadata: Metadata;
  try {
    // Header only: libvips reads the size without decoding pixels (for SVG, librsvg parses the XML).
    metadata = await sharp(bytes, { limitInputPixels: false, pages: 1 }).metadata();
  } catch (error) {
    throw damaged(mime, error);
  }
  const storedWidth = metadata.width ?? 0;
  const storedHeight = metadata.pageHeight ?? metadata.height ?? 0;
  if (storedWidth <= 0 || storedHeight <= 0) throw damaged(mime, new Error('no dimensions'));
  // EXIF orientations 5–8 turn the picture a quarter: browsers show it (and thumbnails are made)
  // upright, so the size every page lays out with is the turned one.
  const quarterTurn = (metadata.orientation ?? 1) >= 5;
  const width = quarterTurn ? storedHeight : storedWidth;
  const height = quarterTurn ? storedWidth : storedHeight;
  const pages = metadata.pages !== undefined && metadata.pages > 1 ? metadata.pages : undefined;
  const area = width * height * (pages ?? 1);
  if (width * height > maxPixels || area > maxPixels) {
    throw new AppError('PAYLOAD_TOO_LARGE', errorMessage('fileCheck.tooManyPixels', { width, height, megapixels: megapixels(area), max: megapixels(maxPixels) }));
  }
  try {
    await decodeAll(bytes, maxPixels);
  } catch (error) {
    throw damaged(mime, error);
  }
  return pages === undefined ? { width, height } : { width, height, pages };
}

/**
 * The original without its metadata (EXIF with GPS, XMP, IPTC, comments), turned upright by its
 * EXIF orientation first so it still looks the same. Re-encoded: JPEG at quality 92, PNG, GIF and
 * WebP losslessly where the format allows; animations keep every frame. SVG is returned as it is
 * (its metadata is text the uploader can see and edit).
 */
export async function stripImageMetadata(bytes: Uint8Array, mime: string): Promise<Uint8Array> {
  if (mime === 'image/svg+xml') return bytes;
  const image = sharp(bytes, { animated: true, limitInputPixels: false }).rotate().keepIccProfile();
  const output =
    mime === 'image/jpeg'
      ? image.jpeg({ quality: 92 })
      : mime === 'image/png'
        ? image.png({ compressionLevel: 9 })
        : mime === 'image/gif'
          ? image.gif()
          : mime === 'image/webp'
            ? image.webp({ lossless: true })
            : image.avif({ quality: 80 });
  return new Uint8Array(await output.toBuffer());
}
