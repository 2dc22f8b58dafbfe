import 'server-only';
import { createLimiter } from '@/lib/server/concurrency';
import { getDb } from '@/lib/server/db';
import { postgresBlobStore } from '@/lib/server/files/storage';
import { renderThumbnail } from '@/lib/server/files/thumbnail-render';
import type { ThumbnailFormat } from '@/lib/domain/files/thumbnail-sizes';

/**
 * Thumbnails are made on the first request for a (file, bucketed width, format) and stored in
 * file_thumbnails, so every later request (on any app instance) is one indexed read. The original's
 * SHA-1 is the key: a new version has a new SHA-1 and so new thumbnails; old ones stay valid for
 * the old version's history row.
 */

export interface Thumbnail {
  bytes: Uint8Array;
  width: number;
  height: number;
  format: ThumbnailFormat;
}

export interface ThumbnailSource {
  sha1: string;
  mime: string;
}

/**
 * A popular page's first view asks for the same thumbnail from many readers at once: they share
 * one render (single-flight), keyed per process. Several instances may still each render it once;
 * the INSERT … ON CONFLICT DO NOTHING keeps whichever came first, and both are the same image.
 */
const inFlight = new Map<string, Promise<Thumbnail>>();

/**
 * Decoding a 50-megapixel original takes a few hundred MB of pixel memory in libvips; a page full
 * of new images must not decode them all at once. Two renders at a time (the machine's cores),
 * the rest queue.
 */
const renderSlots = createLimiter(2);

/** A stored thumbnail, or null when it has not been made yet. */
export async function storedThumbnail(sha1: string, width: number, format: ThumbnailFormat): Promise<Thumbnail | null> {
  const row = await getDb().fileThumbnail.findUnique({
    where: { sha1_width_format: { sha1, width, format } },
    select: { bytes: true, height: true },
  });
  return row ? { bytes: row.bytes, width, height: row.height, format } : null;
}

let renders = 0;

/** How many thumbnails this process has rendered (for tests and diagnostics: single-flight shows as one). */
export function thumbnailRenderCount(): number {
  return renders;
}

async function render(source: ThumbnailSource, width: number, format: ThumbnailFormat): Promise<Thumbnail> {
  renders += 1;
  const original = await postgresBlobStore().get(source.sha1);
  if (original === null) throw new Error(`The bytes of file ${source.sha1} are missing from the blob store.`);
  const made = await renderSlots.run(() => renderThumbnail(original, source.mime, width, format));
  const thumbnail: Thumbnail = { bytes: made.bytes, width, height: made.height, format };
  await getDb().$executeRaw`
    INSERT INTO file_thumbnails (sha1, width, format, height, bytes)
    VALUES (${source.sha1}, ${width}, ${format}, ${thumbnail.height}, ${thumbnail.bytes})
    ON CONFLICT DO NOTHING`;
  return thumbnail;
}

/**
 * The thumbnail of `source` at a bucket width (the caller has bucketed it and, for bitmaps,
 * capped it at the original's width), made and stored on first request.
 */
export function getThumbnail(source: ThumbnailSource, width: number, format: ThumbnailFormat): Promise<Thumbnail> {
  const key = `${source.sha1}:${width}:${format}`;
  const pending = inFlight.get(key);
  if (pending) return pending;
  // The lookup is part of the flight: a request that arrives while the first one is still looking
  // (or rendering) waits for it instead of finding nothing stored and rendering a second time.
  const flight = (async () => (await storedThumbnail(source.sha1, width, format)) ?? (await render(source, width, format)))().finally(() => inFlight.delete(key));
  inFlight.set(key, flight);
  return flight;
}
