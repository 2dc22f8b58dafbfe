// Types of page-cache-protocol.mjs for TypeScript (the front handler runs it as plain JavaScript).
export const PAGE_CACHE_KEY_HEADER: 'x-wiki-page-cache-key';
export function cacheKeyFor(path: string, language: string, query?: string): string;
export const CACHEABLE_QUERY: RegExp;
export const RECENT_CHANGES_PATH: '/wiki/Special:RecentChanges';
export function pathOfCacheKey(key: string): string;
export const PAGE_CACHE_CHANNEL: 'wiki_page_cache';
export const CLEAR_ALL_PAYLOAD: '*';
export const MAX_PATHS_PER_INVALIDATION: number;
export const MAX_NOTIFY_PAYLOAD_BYTES: number;
export function invalidationPayloads(paths: Iterable<string>): string[];
export function parseInvalidationPayload(payload: string | undefined): string[] | 'all';
