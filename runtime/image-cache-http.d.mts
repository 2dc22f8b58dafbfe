// Types of image-cache-http.mjs for the TypeScript tests.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ImageCache, ImageRequest } from './image-cache.mjs';

export function answerFromImageCache(cache: ImageCache, request: ImageRequest, req: IncomingMessage, res: ServerResponse): boolean;
export function captureImageForCache(cache: ImageCache, request: ImageRequest, req: IncomingMessage, res: ServerResponse): void;
