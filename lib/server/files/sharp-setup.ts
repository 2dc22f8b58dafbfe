import 'server-only';
import sharp from 'sharp';

/**
 * sharp, configured once for a server with a 400 MB memory budget: libvips' operation cache off
 * (every image is decoded once and its result stored, so a cache only holds memory) and one
 * libvips worker thread per image (several uploads or thumbnails at once would otherwise each use
 * every core and their own buffers).
 */
sharp.cache(false);
sharp.concurrency(1);

export { sharp };
