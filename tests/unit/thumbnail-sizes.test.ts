import { describe, expect, it } from 'vitest';
import {
  bucketWidth,
  displaySize,
  embedSources,
  originalUrl,
  parseImagePath,
  renderWidth,
  thumbnailFormat,
  thumbnailUrl,
  THUMBNAIL_BUCKETS,
  type SizeOptions,
} from '@/lib/domain/files/thumbnail-sizes';

const SHA1 = '0123456789abcdef0123456789abcdef01234567';
const photo = { width: 4000, height: 3000, mime: 'image/jpeg' };
const icon = { width: 100, height: 50, mime: 'image/png' };
const drawing = { width: 120, height: 80, mime: 'image/svg+xml' };
const opts = (over: Partial<SizeOptions> = {}): SizeOptions => ({ type: null, width: null, height: null, upright: null, ...over });

describe('buckets', () => {
  it('rounds a width up to the next bucket, and caps at the largest', () => {
    expect(bucketWidth(1)).toBe(120);
    expect(bucketWidth(120)).toBe(120);
    expect(bucketWidth(121)).toBe(180);
    expect(bucketWidth(250)).toBe(250);
    expect(bucketWidth(500)).toBe(640);
    expect(bucketWidth(99_999)).toBe(2560);
    expect([...THUMBNAIL_BUCKETS].sort((a, b) => a - b)).toEqual(THUMBNAIL_BUCKETS);
  });

  it('renders bitmaps at most at their own width, drawings at the bucket', () => {
    expect(renderWidth(250, photo)).toBe(250);
    expect(renderWidth(200, photo)).toBe(250);
    expect(renderWidth(250, icon)).toBe(100);
    expect(renderWidth(2000, drawing)).toBe(2560);
    expect(renderWidth(0, photo)).toBe(120);
  });
});

describe('displaySize (MediaWiki sizing rules)', () => {
  it('makes thumb and frameless 250 px wide by default, keeping the aspect ratio', () => {
    expect(displaySize(photo, opts({ type: 'thumb' }))).toEqual({ width: 250, height: 188 });
    expect(displaySize(photo, opts({ type: 'frameless' }))).toEqual({ width: 250, height: 188 });
  });

  it('scales the default by upright, rounded to 10 px, but ignores upright with a width', () => {
    expect(displaySize(photo, opts({ type: 'thumb', upright: 0.75 })).width).toBe(190); // 187.5 → 190
    expect(displaySize(photo, opts({ type: 'thumb', upright: 2 })).width).toBe(500);
    expect(displaySize(photo, opts({ type: 'thumb', upright: 2, width: 300 })).width).toBe(300);
  });

  it('shows a plain embed at the original size and a frame always at the original size', () => {
    expect(displaySize(icon, opts())).toEqual({ width: 100, height: 50 });
    expect(displaySize(photo, opts({ type: 'frame', width: 200 }))).toEqual({ width: 4000, height: 3000 });
  });

  it('fits widths, heights and boxes', () => {
    expect(displaySize(photo, opts({ width: 200 }))).toEqual({ width: 200, height: 150 });
    expect(displaySize(photo, opts({ height: 100 }))).toEqual({ width: 133, height: 100 });
    expect(displaySize(photo, opts({ width: 400, height: 100 }))).toEqual({ width: 133, height: 100 });
    expect(displaySize(photo, opts({ width: 100, height: 400 }))).toEqual({ width: 100, height: 75 });
  });

  it('never enlarges a bitmap, but scales a drawing up', () => {
    expect(displaySize(icon, opts({ type: 'thumb' }))).toEqual({ width: 100, height: 50 });
    expect(displaySize(icon, opts({ width: 500 }))).toEqual({ width: 100, height: 50 });
    expect(displaySize(drawing, opts({ width: 600 }))).toEqual({ width: 600, height: 400 });
    expect(displaySize(drawing, opts({ type: 'thumb' }))).toEqual({ width: 250, height: 167 });
  });

  it('survives an original without known dimensions', () => {
    expect(displaySize({ width: 0, height: 0, mime: 'image/png' }, opts({ type: 'frame' }))).toEqual({ width: 250, height: 250 });
  });
});

describe('addresses', () => {
  it('builds original and thumbnail URLs with the name encoded as titles are', () => {
    expect(originalUrl(SHA1, 'Logo della ECPAT.png')).toBe(`/images/${SHA1}/Logo_della_ECPAT.png`);
    expect(thumbnailUrl(SHA1, 'Città?.png', 250)).toBe(`/images/thumb/${SHA1}/250px-Citt%C3%A0%3F.png`);
    expect(originalUrl(SHA1, 'a/b "c".png')).toBe(`/images/${SHA1}/a%2Fb_%22c%22.png`);
  });

  it('parses what it builds, from a pathname or from decoded route segments', () => {
    expect(parseImagePath(originalUrl(SHA1, 'Città?.png'))).toEqual({ kind: 'original', sha1: SHA1, name: 'Città?.png' });
    expect(parseImagePath(thumbnailUrl(SHA1, 'A b.png', 640))).toEqual({ kind: 'thumbnail', sha1: SHA1, name: 'A_b.png', width: 640 });
    expect(parseImagePath(['thumb', SHA1, '250px-Città.png'])).toEqual({ kind: 'thumbnail', sha1: SHA1, name: 'Città.png', width: 250 });
    expect(parseImagePath([SHA1, '50%.png'])).toEqual({ kind: 'original', sha1: SHA1, name: '50%.png' });
  });

  it('refuses anything else', () => {
    for (const path of [
      '/images/',
      `/images/${SHA1}`,
      `/images/${SHA1.toUpperCase()}/A.png`,
      `/images/${SHA1.slice(1)}/A.png`,
      `/images/${SHA1}/A.png/extra`,
      `/images/thumb/${SHA1}/A.png`,
      `/images/thumb/${SHA1}/0px-A.png`,
      `/images/thumb/${SHA1}/007px-A.png`,
      `/images/thumb/${SHA1}/999999px-A.png`,
      `/images/thumb/${SHA1}/250px-`,
      `/images/${SHA1}/%E0%A4%A.png`,
      `/images/${SHA1}/a%2Fb.png`,
    ]) {
      expect(parseImagePath(path), path).toBeNull();
    }
  });
});

describe('embedSources', () => {
  it('points 1x and 2x at bucketed thumbnails of a large bitmap', () => {
    expect(embedSources(SHA1, 'P.jpg', photo, 250)).toEqual({
      src: `/images/thumb/${SHA1}/250px-P.jpg`,
      srcset: `/images/thumb/${SHA1}/250px-P.jpg 1x, /images/thumb/${SHA1}/640px-P.jpg 2x`,
    });
  });

  it('uses the original when a bitmap has no more pixels', () => {
    expect(embedSources(SHA1, 'I.png', icon, 100)).toEqual({ src: `/images/${SHA1}/I.png`, srcset: null });
    const medium = { width: 400, height: 300, mime: 'image/png' };
    expect(embedSources(SHA1, 'M.png', medium, 250)).toEqual({
      src: `/images/thumb/${SHA1}/250px-M.png`,
      srcset: `/images/thumb/${SHA1}/250px-M.png 1x, /images/${SHA1}/M.png 2x`,
    });
  });

  it('always rasterizes drawings, never linking the SVG original', () => {
    const sources = embedSources(SHA1, 'D.svg', drawing, 120);
    expect(sources.src).toBe(`/images/thumb/${SHA1}/120px-D.svg`);
    expect(sources.srcset).toContain(`/images/thumb/${SHA1}/250px-D.svg 2x`);
    expect(embedSources(SHA1, 'D.svg', drawing, 5000)).toEqual({ src: `/images/thumb/${SHA1}/2560px-D.svg`, srcset: null });
  });
});

describe('thumbnailFormat', () => {
  const chrome = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';
  it('serves WebP to browsers that accept it', () => {
    expect(thumbnailFormat('image/png', chrome)).toBe('webp');
    expect(thumbnailFormat('image/jpeg', chrome)).toBe('webp');
    expect(thumbnailFormat('image/svg+xml', 'image/WebP')).toBe('webp');
  });

  it('else JPEG for JPEG originals and PNG for the rest; wildcards and q=0 do not count', () => {
    expect(thumbnailFormat('image/jpeg', '*/*')).toBe('jpeg');
    expect(thumbnailFormat('image/png', 'image/*')).toBe('png');
    expect(thumbnailFormat('image/gif', null)).toBe('png');
    expect(thumbnailFormat('image/svg+xml', undefined)).toBe('png');
    expect(thumbnailFormat('image/png', 'image/webp;q=0, image/png')).toBe('png');
  });
});
