// Types of page-cache.mjs for the TypeScript tests (the server itself runs it as plain JavaScript).
import type { IncomingMessage } from 'node:http';

export { cacheKeyFor, PAGE_CACHE_KEY_HEADER } from '../lib/domain/page-cache-protocol.mjs';

export interface Representation {
  body: Buffer;
  etag: string;
  encoding: 'br' | 'gzip' | undefined;
}
export interface CachedPage {
  key: string;
  /** The page's validator, the same in every encoding (each representation's ETag adds its encoding). */
  tag: string;
  headers: Record<string, string | string[]>;
  identity: Representation;
  br: Representation;
  gzip: Representation;
  bytes: number;
  expiresAt: number;
}
export interface MissTicket {
  key: string;
  stale: boolean;
  until: number;
}
export function languageCookieOf(cookieHeader: string | undefined): string | undefined | null;
export function cacheKeyOf(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): string | null;
export function cacheablePage(
  key: string,
  status: number,
  headers: Record<string, string | string[] | number | undefined>,
  body: Buffer,
  expiresAt: number,
): CachedPage | null;
export function etagOf(tag: string, encoding: 'br' | 'gzip' | undefined): string;
export class PageCache {
  constructor(options: { maxBytes: number });
  readonly maxBytes: number;
  readonly maxEntryBytes: number;
  readonly bytes: number;
  readonly enabled: boolean;
  readonly entries: Map<string, CachedPage>;
  setEnabled(enabled: boolean): void;
  lookup(key: string, now?: number): CachedPage | undefined;
  beginMiss(key: string): MissTicket;
  finishMiss(ticket: MissTicket, page: CachedPage | null): boolean;
  invalidate(paths: Iterable<string>): void;
  clear(): void;
}
export function pageCacheBytesFromEnv(env?: Record<string, string | undefined>): number;
