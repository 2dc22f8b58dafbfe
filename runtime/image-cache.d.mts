// Types of image-cache.mjs for the TypeScript tests (the server itself runs it as plain JavaScript).
import type { IncomingMessage } from 'node:http';

export interface ImageRequest {
  key: string;
  name: string;
}
export interface CachedImage extends ImageRequest {
  headers: Record<string, string | string[]>;
  etag: string;
  body: Buffer;
  bytes: number;
}
export interface ImageMissTicket {
  name: string;
  stale: boolean;
}
export const MAX_IMAGE_ENTRY_BYTES: number;
export function imageRequestOf(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): ImageRequest | null;
export function cacheableImage(request: ImageRequest, status: number, headers: Record<string, string | string[] | number | undefined>, body: Buffer): CachedImage | null;
export function matchesEtag(header: string | undefined, etag: string): boolean;
export class ImageCache {
  constructor(options: { maxBytes: number });
  readonly maxBytes: number;
  readonly maxEntryBytes: number;
  readonly bytes: number;
  readonly enabled: boolean;
  readonly entries: Map<string, CachedImage>;
  setEnabled(enabled: boolean): void;
  lookup(key: string): CachedImage | undefined;
  beginMiss(name: string): ImageMissTicket;
  finishMiss(ticket: ImageMissTicket, entry: CachedImage | null): boolean;
  invalidate(paths: Iterable<string>): void;
  clear(): void;
}
export function imageCacheBytesFromEnv(env?: Record<string, string | undefined>): number;
interface InvalidationCache {
  invalidate(paths: Iterable<string>): void;
  clear(): void;
  setEnabled(enabled: boolean): void;
}
export function invalidationTarget(...caches: InvalidationCache[]): InvalidationCache;
