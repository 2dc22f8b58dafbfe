// Types of article-body-splice.mjs for the TypeScript tests.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const ARTICLE_BODIES: unique symbol;
export function splicesArticleBodies(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): boolean;
export function createBodySplicer(bodies: Map<string, string>): { push(chunk: Buffer): Buffer; finish(): Buffer };
export function serveWithSplicedBodies(req: IncomingMessage, res: ServerResponse, handle: () => unknown): unknown;
export function installArticleBodyStore(): void;
