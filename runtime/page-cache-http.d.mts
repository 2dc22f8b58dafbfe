// Types of page-cache-http.mjs for the TypeScript tests.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MissTicket, PageCache } from './page-cache.mjs';

export function answerFromPageCache(cache: PageCache, key: string, req: IncomingMessage, res: ServerResponse): boolean;
export function capturePageForCache(cache: PageCache, key: string, req: IncomingMessage, res: ServerResponse): MissTicket;
export function withholdCacheKeyDeclaration(res: ServerResponse): { key: string | undefined };
export function encodingFor(header: string | string[] | undefined): 'br' | 'gzip' | 'identity';
export function namesTag(header: string | string[] | undefined, tag: string): boolean;
