import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { AppError } from '@/lib/domain/errors';
import { englishText } from '@/lib/domain/error-messages';
import { sniffUpload } from '@/lib/domain/files/sniff';
import { probeImage, stripImageMetadata } from '@/lib/server/files/image-probe';
import { renderThumbnail } from '@/lib/server/files/thumbnail-render';
import { bombPng, hostileCorpus, validImages, type CorpusFile } from '@/tests/support/hostile-files';

let corpus: CorpusFile[];
let valid: Awaited<ReturnType<typeof validImages>>;
let gpsPhoto: Uint8Array;

beforeAll(async () => {
  corpus = await hostileCorpus();
  valid = await validImages();
  // A photo as a phone takes it: EXIF with GPS coordinates, stored sideways (orientation 6).
  gpsPhoto = new Uint8Array(
    await sharp({ create: { width: 60, height: 40, channels: 3, background: '#3a7' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '45/1 27/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '9/1 11/1 0/1' } })
      .toBuffer(),
  );
});

/** An animated GIF of solid frames, one per colour ([r, g, b]). */
async function animatedGif(width: number, height: number, colors: [number, number, number][]): Promise<Uint8Array> {
  const raw = Buffer.alloc(width * height * colors.length * 3);
  colors.forEach((color, frame) => {
    for (let pixel = 0; pixel < width * height; pixel++) raw.set(color, (frame * width * height + pixel) * 3);
  });
  return new Uint8Array(
    await sharp(raw, { raw: { width, height: height * colors.length, channels: 3, pageHeight: height } })
      .gif()
      .toBuffer(),
  );
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('probeImage', () => {
  it('reads the dimensions of every valid file in the corpus', async () => {
    for (const file of corpus.filter((entry) => entry.refusedBy === undefined)) {
      const sniffed = await sniffUpload(file.bytes);
      expect(sniffed.ok, file.label).toBe(true);
      const size = await probeImage(file.bytes, { mime: file.mime });
      expect(size, file.label).toEqual(file.mime === 'image/svg+xml' ? { width: 120, height: 80 } : { width: 64, height: 48 });
    }
  });

  it('refuses the decompression bombs of the corpus from their headers (413), before decoding', async () => {
    for (const file of corpus.filter((entry) => entry.refusedBy === 'probe')) {
      expect((await sniffUpload(file.bytes)).ok, file.label).toBe(true);
      const started = performance.now();
      const error = await refusal(probeImage(file.bytes, { mime: file.mime }));
      expect(error.code, file.label).toBe('PAYLOAD_TOO_LARGE');
      expect(englishText(error.text), file.label).toMatch(/accepts at most 50 megapixels\. Please scale it down/);
      // 900 megapixels decoded would take seconds and gigabytes; the header takes milliseconds.
      expect(performance.now() - started, file.label).toBeLessThan(2000);
    }
  });

  it('honours a smaller limit, and counts every frame of an animation', async () => {
    const error = await refusal(probeImage(valid.png, { maxPixels: 1000, mime: 'image/png' }));
    expect(englishText(error.text)).toBe('The image is 64 × 48 pixels (0 megapixels); the wiki accepts at most 0 megapixels. Please scale it down and upload it again.');
    const animated = await animatedGif(40, 30, [
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
    ]);
    expect(await probeImage(animated, { mime: 'image/gif' })).toEqual({ width: 40, height: 30, pages: 3 });
    await refusal(probeImage(animated, { maxPixels: 40 * 30 * 2, mime: 'image/gif' }));
  });

  it('refuses an image whose structure is whole but whose pixel data is damaged', async () => {
    // Flip bytes inside the PNG's IDAT: the chunk walk is happy, the decoder is not.
    const damaged = valid.png.slice();
    const idat = Buffer.from(damaged).indexOf('IDAT');
    for (let at = idat + 6; at < idat + 14; at++) damaged[at] = damaged[at]! ^ 0xff;
    expect((await sniffUpload(damaged)).ok).toBe(true);
    const error = await refusal(probeImage(damaged, { mime: 'image/png' }));
    expect(error.code).toBe('VALIDATION');
    expect(englishText(error.text)).toBe('The PNG image could not be read; its data is damaged. Please save it again with an image editor and upload that copy.');
  });

  it('refuses a JPEG cut short even when an end marker was put back', async () => {
    const noisy = new Uint8Array(
      await sharp({ create: { width: 300, height: 200, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } })
        .jpeg()
        .toBuffer(),
    );
    const cut = new Uint8Array([...noisy.subarray(0, Math.floor(noisy.length * 0.6)), 0xff, 0xd9]);
    expect((await sniffUpload(cut)).ok).toBe(true);
    expect((await refusal(probeImage(cut, { mime: 'image/jpeg' }))).code).toBe('VALIDATION');
    expect(await probeImage(noisy, { mime: 'image/jpeg' })).toEqual({ width: 300, height: 200 });
  });

  it('gives the size as shown: a photo stored sideways (EXIF orientation 6) is as high as it is stored wide', async () => {
    expect(await probeImage(gpsPhoto, { mime: 'image/jpeg' })).toEqual({ width: 40, height: 60 });
  });

  it('refuses bytes that are no image at all', async () => {
    expect((await refusal(probeImage(new TextEncoder().encode('not an image'), { mime: 'image/png' }))).code).toBe('VALIDATION');
    // A bomb below the limit is decoded in full (streamed), and passes.
    expect(await probeImage(bombPng(4000, 4000), { mime: 'image/png' })).toEqual({ width: 4000, height: 4000 });
  });
});

describe('renderThumbnail', () => {
  it('turns a photo upright by its EXIF orientation and drops all metadata, GPS included', async () => {
    const before = await sharp(gpsPhoto).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);
    for (const format of ['jpeg', 'webp', 'png'] as const) {
      const thumb = await renderThumbnail(gpsPhoto, 'image/jpeg', 30, format);
      const after = await sharp(thumb.bytes).metadata();
      expect(after.exif, format).toBeUndefined();
      expect(after.xmp, format).toBeUndefined();
      expect(after.orientation, format).toBeUndefined();
      // Sideways 60 × 40 stored, upright 40 × 60 shown: 30 wide is 45 high.
      expect([thumb.width, thumb.height, after.width, after.height], format).toEqual([30, 45, 30, 45]);
      expect(thumb.mime).toBe(`image/${format}`);
      expect(Buffer.from(thumb.bytes).includes('PhoneCo'), format).toBe(false);
    }
  });

  it('writes the format asked for, as its bytes say', async () => {
    for (const [format, mime] of [
      ['webp', 'image/webp'],
      ['png', 'image/png'],
      ['jpeg', 'image/jpeg'],
    ] as const) {
      const thumb = await renderThumbnail(valid.png, 'image/png', 32, format);
      expect(await sniffUpload(thumb.bytes)).toMatchObject({ ok: true, mime });
    }
  });

  it('never enlarges a bitmap', async () => {
    const thumb = await renderThumbnail(valid.png, 'image/png', 250, 'png');
    expect([thumb.width, thumb.height]).toEqual([64, 48]);
  });

  it('rasterizes an SVG at the width asked for (drawn at that density, not scaled up)', async () => {
    const thumb = await renderThumbnail(valid.svg, 'image/svg+xml', 640, 'png');
    expect([thumb.width, thumb.height]).toEqual([640, 427]);
    const small = await renderThumbnail(valid.svg, 'image/svg+xml', 120, 'webp');
    expect([small.width, small.height]).toEqual([120, 80]);
  });

  it('keeps a very tall drawing within the pixel limit by narrowing it', async () => {
    const tall = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="100000"><rect width="10" height="100000" fill="#c33"/></svg>');
    expect(await probeImage(tall, { mime: 'image/svg+xml' })).toEqual({ width: 10, height: 100_000 });
    const thumb = await renderThumbnail(tall, 'image/svg+xml', 2560, 'png');
    expect(thumb.width * thumb.height).toBeLessThanOrEqual(50_000_000);
    // librsvg's 32767-pixel side is the tighter bound here: 32767 × 10 / 100000 → 3 wide.
    expect([thumb.width, thumb.height]).toEqual([3, 30_000]);
    // Within the pixel limit (here 1 megapixel), a drawing is drawn as wide as asked; beyond it, narrower.
    const configured = process.env.WIKI_UPLOAD_MAX_MEGAPIXELS;
    process.env.WIKI_UPLOAD_MAX_MEGAPIXELS = '1';
    try {
      const drawing = (height: number) => new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg" width="100" height="${height}"/>`);
      expect((await renderThumbnail(drawing(100), 'image/svg+xml', 640, 'png')).width).toBe(640);
      const limited = await renderThumbnail(drawing(2000), 'image/svg+xml', 2560, 'png');
      expect(limited.width * limited.height).toBeLessThanOrEqual(1_000_000);
      expect(limited.width).toBe(223); // √(1 000 000 × 100 / 2000)
    } finally {
      if (configured === undefined) delete process.env.WIKI_UPLOAD_MAX_MEGAPIXELS;
      else process.env.WIKI_UPLOAD_MAX_MEGAPIXELS = configured;
    }
  });

  it('gives the first frame of an animation', async () => {
    const animated = await animatedGif(20, 10, [
      [255, 0, 0],
      [0, 0, 255],
    ]);
    const thumb = await renderThumbnail(animated, 'image/gif', 20, 'png');
    expect([thumb.width, thumb.height]).toEqual([20, 10]);
    const { dominant } = await sharp(thumb.bytes).stats();
    expect(dominant.r).toBeGreaterThan(200);
    expect(dominant.b).toBeLessThan(50);
  });
});

describe('stripImageMetadata (WIKI_UPLOAD_STRIP_METADATA=1)', () => {
  it('drops EXIF and GPS from an original, keeping it upright', async () => {
    const stripped = await stripImageMetadata(gpsPhoto, 'image/jpeg');
    const metadata = await sharp(stripped).metadata();
    expect(metadata.exif).toBeUndefined();
    expect([metadata.width, metadata.height]).toEqual([40, 60]);
    expect(await sniffUpload(stripped)).toMatchObject({ ok: true, mime: 'image/jpeg' });
  });

  it('keeps each type its own type, and leaves SVG as it is', async () => {
    for (const [mime, bytes] of [
      ['image/png', valid.png],
      ['image/gif', valid.gif],
      ['image/webp', valid.webp],
      ['image/avif', valid.avif],
    ] as const) {
      expect(await sniffUpload(await stripImageMetadata(bytes, mime)), mime).toMatchObject({ ok: true, mime });
    }
    expect(await stripImageMetadata(valid.svg, 'image/svg+xml')).toBe(valid.svg);
  });

  it('keeps every frame of an animation', async () => {
    const animated = await animatedGif(20, 10, [
      [255, 0, 0],
      [0, 0, 255],
    ]);
    expect(await probeImage(await stripImageMetadata(animated, 'image/gif'), { mime: 'image/gif' })).toEqual({ width: 20, height: 10, pages: 2 });
  });
});
