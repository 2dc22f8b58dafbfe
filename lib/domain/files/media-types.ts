/**
 * The kinds of file the wiki accepts, as MediaWiki's $wgFileExtensions: the type always comes from
 * the bytes (sniff.ts); the name's extension only has to fit it, so `File:Logo.png` is a PNG.
 * The operator may narrow the list (WIKI_UPLOAD_TYPES, read in lib/server and passed in here).
 *
 * Pure: no I/O, no environment.
 */
import { errorMessage, type ErrorMessage } from '@/lib/domain/error-messages';

/** BITMAP: pixels (resized, never enlarged). DRAWING: vector (SVG), rasterized at any width. */
export type MediaKind = 'BITMAP' | 'DRAWING';

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/avif' | 'image/svg+xml';

export interface MediaType {
  readonly mime: ImageMime;
  /** What people call it (PNG, JPEG…), in messages. */
  readonly label: string;
  /** Lower case, the usual one first: the one a new name gets. */
  readonly extensions: readonly string[];
  readonly kind: MediaKind;
}

export const MEDIA_TYPES: readonly MediaType[] = [
  { mime: 'image/png', label: 'PNG', extensions: ['png'], kind: 'BITMAP' },
  // MediaWiki's File::normalizeExtension treats these as one type, jpg first.
  { mime: 'image/jpeg', label: 'JPEG', extensions: ['jpg', 'jpeg', 'jpe'], kind: 'BITMAP' },
  { mime: 'image/gif', label: 'GIF', extensions: ['gif'], kind: 'BITMAP' },
  { mime: 'image/webp', label: 'WebP', extensions: ['webp'], kind: 'BITMAP' },
  { mime: 'image/avif', label: 'AVIF', extensions: ['avif'], kind: 'BITMAP' },
  { mime: 'image/svg+xml', label: 'SVG', extensions: ['svg'], kind: 'DRAWING' },
];

/** Which of MEDIA_TYPES this wiki accepts. */
export interface UploadTypeSettings {
  readonly types: readonly MediaType[];
}

export const ALL_UPLOAD_TYPES: UploadTypeSettings = { types: MEDIA_TYPES };

export function mediaTypeOf(mime: string): MediaType | undefined {
  return MEDIA_TYPES.find((type) => type.mime === mime);
}

/**
 * The settings from WIKI_UPLOAD_TYPES: a comma- or space-separated list of extensions, labels or
 * MIME types ("png, jpg, svg"); unset or blank means all. An entry naming no known type is an
 * operator's mistake that would otherwise silently refuse uploads, so it throws with the word.
 */
export function uploadTypeSettings(value: string | undefined): UploadTypeSettings {
  const words = (value ?? '')
    .split(/[\s,]+/)
    .map((word) => word.trim().toLowerCase().replace(/^\./, ''))
    .filter((word) => word !== '');
  if (words.length === 0) return ALL_UPLOAD_TYPES;
  const chosen = new Set<MediaType>();
  for (const word of words) {
    const type = MEDIA_TYPES.find((candidate) => candidate.mime === word || candidate.label.toLowerCase() === word || candidate.extensions.includes(word));
    if (type === undefined) {
      throw new Error(`WIKI_UPLOAD_TYPES: "${word}" is not a type the wiki can accept (known: ${MEDIA_TYPES.map((known) => known.extensions[0]).join(', ')})`);
    }
    chosen.add(type);
  }
  // Keep the canonical order, so messages list the types the same way whatever the setting's order.
  return { types: MEDIA_TYPES.filter((type) => chosen.has(type)) };
}

export function isAllowed(mime: string, settings: UploadTypeSettings = ALL_UPLOAD_TYPES): boolean {
  return settings.types.some((type) => type.mime === mime);
}

/** The extension of a file name, lower case, without the dot; null when it has none. */
export function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return null;
  return name.slice(dot + 1).toLowerCase();
}

/** Whether a destination name's extension is one of the type's (case-insensitive, as MediaWiki). */
export function extensionFits(name: string, mime: string): boolean {
  const extension = extensionOf(name);
  const type = mediaTypeOf(mime);
  return extension !== null && type !== undefined && type.extensions.includes(extension);
}

/** "PNG, JPEG, GIF…" */
export function allowedLabels(settings: UploadTypeSettings = ALL_UPLOAD_TYPES): string {
  return settings.types.map((type) => type.label).join(', ');
}

/** ".png, .jpg, .jpeg…": every extension a name may end in. */
export function allowedExtensions(settings: UploadTypeSettings = ALL_UPLOAD_TYPES): string {
  return settings.types.flatMap((type) => type.extensions.map((extension) => `.${extension}`)).join(', ');
}

/** "Allowed: PNG, JPEG, … (.png, .jpg, …)." — appended to every refusal about a file's type. */
export function allowedTypesMessage(settings: UploadTypeSettings = ALL_UPLOAD_TYPES): ErrorMessage {
  return errorMessage('fileCheck.allowed', { types: allowedLabels(settings), extensions: allowedExtensions(settings) });
}

/** The refusal of a name whose extension does not fit the file's real type. */
export function wrongExtensionMessage(name: string, mime: string): ErrorMessage {
  const type = mediaTypeOf(mime);
  const extensions = (type?.extensions ?? []).map((extension) => `.${extension}`).join(', ');
  const extension = extensionOf(name);
  return extension === null
    ? errorMessage('fileCheck.missingExtension', { type: type?.label ?? mime, extensions })
    : errorMessage('fileCheck.wrongExtension', { extension: `.${extension}`, type: type?.label ?? mime, extensions });
}
