import 'server-only';
import type { Sharp } from 'sharp';
import type { ThumbnailFormat } from '@/lib/domain/files/thumbnail-sizes';
import { uploadMaxPixels } from '@/lib/server/files/image-probe';
import { sharp } from '@/lib/server/files/sharp-setup';

/**
 * Makes one thumbnail with sharp: turned upright by its EXIF orientation, then every piece of
 * metadata dropped (sharp writes none unless asked: no EXIF, no GPS, no XMP), resized to the
 * width (bitmaps never enlarged), encoded as WebP, PNG or JPEG. An SVG is rasterized by librsvg at
 * the density that makes its own size come out at the width, so lines stay crisp instead of being
 * drawn small and scaled up. An animation gives its first frame.
 */

export interface RenderedThumbnail {
  bytes: Uint8Array;
  width: number;
  height: number;
  mime: string;
}

/** librsvg's default resolution: an SVG's own width in px is its width at this density. */
const SVG_BASE_DENSITY = 72;
/** libvips refuses densities beyond this; also bounds the work for a tiny drawing asked for at 2560. */
const MAX_DENSITY = 100_000;

export async function renderThumbnail(bytes: Uint8Array, mime: string, width: number, format: ThumbnailFormat): Promise<RenderedThumbnail> {
  // Originals were probed at upload; the limit here guards thumbnails of anything stored otherwise
  // (an import of an old dump) against decoding a bomb.
  const limitInputPixels = uploadMaxPixels();
  let input: Sharp;
  if (mime === 'image/svg+xml') {
    const own = await sharp(bytes, { limitInputPixels }).metadata();
    const density = own.width ? Math.min(MAX_DENSITY, Math.max(1, (SVG_BASE_DENSITY * width) / own.width)) : SVG_BASE_DENSITY;
    // The rasterized size is bounded by the requested width, so the pixel limit cannot be exceeded.
    input = sharp(bytes, { density, limitInputPixels: false }).resize({ width });
  } else {
    input = sharp(bytes, { limitInputPixels, sequentialRead: true }).rotate().resize({ width, withoutEnlargement: true });
  }
  const encoded =
    format === 'webp'
      ? input.webp({ quality: 82, effort: 4 })
      : format === 'jpeg'
        ? input.flatten({ background: '#ffffff' }).jpeg({ quality: 85, mozjpeg: true })
        : input.png({ compressionLevel: 9, adaptiveFiltering: true });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  return { bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, mime: `image/${format}` };
}
