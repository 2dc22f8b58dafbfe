// Types of thumbnail-format.mjs for TypeScript (the front handler runs it as plain JavaScript).
export function acceptsWebp(accept: string | null | undefined): boolean;
export function thumbnailFormatFor(mime: string, accept: string | null | undefined): 'webp' | 'png' | 'jpeg';
