// A thumbnail's format follows the request's Accept header. The route (thumbnail-sizes.ts
// thumbnailFormat) and the front handler's image cache (runtime/image-cache.mjs, which keys stored
// thumbnails by what decides the format) must read Accept the same way, so both import this.
// Plain JavaScript with types beside it (thumbnail-format.d.mts): the front handler runs without a
// TypeScript loader. Pure: no I/O.

/**
 * Whether an Accept header accepts a type explicitly (q above 0); wildcards do not count.
 * @param {string} accept @param {string} type lower-case
 */
function accepts(accept, type) {
  return accept.split(',').some((entry) => {
    const [name, ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    if (name !== type) return false;
    const q = params.find((param) => param.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * Whether a thumbnail is sent as WebP: the only thing in the request that decides its format (the
 * rest depends on the original's type, which its SHA-1 fixes).
 * @param {string | null | undefined} accept
 */
export function acceptsWebp(accept) {
  return Boolean(accept) && accepts(/** @type {string} */ (accept), 'image/webp');
}

/**
 * A thumbnail's format: WebP when the browser says it accepts it (every current one does), else
 * JPEG for JPEG originals (photos) and PNG for the rest (transparency, line art, drawings).
 * @param {string} mime the original's type
 * @param {string | null | undefined} accept the request's Accept header
 * @returns {'webp' | 'png' | 'jpeg'}
 */
export function thumbnailFormatFor(mime, accept) {
  if (acceptsWebp(accept)) return 'webp';
  return mime === 'image/jpeg' ? 'jpeg' : 'png';
}
