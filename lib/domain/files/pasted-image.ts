/**
 * Images pasted or dropped into the editor (docs/editing.md, "Images by paste and drop"): the name
 * the upload panel suggests and the extension that fits the image's type. Used by the panel only,
 * which loads on the first image; which files count and the markup inserted are in
 * pasted-image-markup.ts, which the editor loads with itself and so imports nothing.
 *
 * Pure: no I/O; the clock is passed in.
 */
import { MEDIA_TYPES, mediaTypeOf } from '@/lib/domain/files/media-types';
import { suggestedDestination } from '@/lib/domain/files/upload-input';

/** The usual extension of an image type ("image/jpeg" → "jpg"), or null for a type the wiki does not know. */
export function extensionForMime(mime: string): string | null {
  return mediaTypeOf(mime.toLowerCase())?.extensions[0] ?? null;
}

// Browsers name a clipboard image after nothing in particular: Chromium and Firefox say
// "image.png", Safari may give no name at all. Those get a dated name rather than "Image.png",
// which the first paster would take and every later one would collide with.
const GENERIC_NAME = /^(?:image|blob|clipboard|unknown)?(?:\.[a-z0-9]{1,5})?$/i;

const pad = (value: number) => String(value).padStart(2, '0');

/** "Screenshot 2026-12-05 12-34-56.png": the local time (":" cannot be in a file name). */
export function screenshotName(now: Date, mime: string): string {
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}-${pad(now.getMinutes())}-${pad(now.getSeconds())}`;
  return `Screenshot ${date} ${time}.${extensionForMime(mime) ?? 'png'}`;
}

const EXTENSION = /\.([A-Za-z0-9]{1,10})$/;

/**
 * The name with an extension that fits the type: kept when it already does ("Photo.JPEG" for a
 * JPEG), replaced when it is another image type's ("Photo.jpg" for a PNG → "Photo.png"), added
 * otherwise ("Notes" → "Notes.png"). A type the wiki does not know leaves the name as it is: the
 * server refuses the file and says why.
 */
export function withExtensionFor(name: string, mime: string): string {
  const wanted = mediaTypeOf(mime.toLowerCase());
  const trimmed = name.trim();
  if (!wanted || trimmed === '') return trimmed;
  const match = EXTENSION.exec(trimmed);
  const current = match?.[1]?.toLowerCase();
  if (current && wanted.extensions.includes(current)) return trimmed;
  const isImageExtension = current !== undefined && MEDIA_TYPES.some((type) => type.extensions.includes(current));
  const base = isImageExtension ? trimmed.slice(0, -match![0].length) : trimmed;
  return `${base}.${wanted.extensions[0]}`;
}

/**
 * The name the panel suggests: the file's own (normalized as a File: title, "my photo.jpg" →
 * "My photo.jpg"), a dated screenshot name for a clipboard image, and either way an extension
 * that fits its type.
 */
export function defaultImageName(file: { name: string; type: string }, now: Date): string {
  const base = file.name.split(/[/\\]/).pop() ?? '';
  if (GENERIC_NAME.test(base)) return screenshotName(now, file.type);
  const suggested = suggestedDestination(base);
  return suggested === '' ? screenshotName(now, file.type) : withExtensionFor(suggested, file.type);
}
