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
const RENDER_TIMEOUT_SECONDS = 30;
const MAX_SVG_SIDE = 32_767;

export async function renderThumbnail(bytes: Uint8Array, mime: string, width: number, format: ThumbnailFormat): Promise<RenderedThumbnail> {
  // Originals were probed at upload; the limit here guards thumbnails of anything stored otherwise
  // (an import of an old dump) against decoding a bomb.
  const limitInputPixels = uploadMaxPixels();
  let input: Sharp;
  if (mime === 'image/svg+xml') {
    const own = await sharp(bytes).metadata();
    const ownWidth = own.width ?? 0;
    const ownHeight = own.height ?? 0;
    // A drawing is drawn at any size, so the raster's area is what the width implies: a drawing
    // far taller than wide (10 × 100000) at 2560 wide would be billions of pixels. Narrow it to
    // stay within the pixel limit instead.
    let target = width;
    if (ownWidth > 0 && ownHeight > 0) {
      if (target * ((target * ownHeight) / ownWidth) > limitInputPixels) target = Math.sqrt((limitInputPixels * ownWidth) / ownHeight);
      // librsvg draws at most 32767 pixels in either direction.
      target = Math.max(1, Math.floor(Math.min(target, (MAX_SVG_SIDE * ownWidth) / ownHeight)));
    }
    const density = ownWidth > 0 ? Math.min(MAX_DENSITY, Math.max(1, (SVG_BASE_DENSITY * target) / ownWidth)) : SVG_BASE_DENSITY;
    input = sharp(bytes, { density, limitInputPixels }).resize({ width: target });
  } else {
    input = sharp(bytes, { limitInputPixels, sequentialRead: true }).rotate().resize({ width, withoutEnlargement: true });
  }
  // A drawing's filters can be made arbitrarily slow; a thumbnail that takes this long is refused.
  input.timeout({ seconds: RENDER_TIMEOUT_SECONDS });
  const encoded =
    format === 'webp'
      ? input.webp({ quality: 82, effort: 4 })
      : format === 'jpeg'
        ? input.flatten({ background: '#ffffff' }).jpeg({ quality: 85, mozjpeg: true })
        : input.png({ compressionLevel: 9, adaptiveFiltering: true });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  return { bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, mime: `image/${format}` };
}
