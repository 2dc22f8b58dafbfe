/**
 * Decides what an upload is from its bytes alone (never its name or the client's Content-Type)
 * and refuses what could attack a reader: types outside the allowed list, HTML or script in
 * disguise, polyglots (bytes after the image's own end), unsafe SVG, empty and truncated files.
 * Bitmaps are recognized by `file-type`; SVG, which is XML text, by reading it (svg-safety.ts).
 *
 * Pixel limits and the full decode check need an image library and live in
 * lib/server/files/image-probe.ts; this module only reads headers and structure.
 *
 * Pure: no I/O.
 */
import { fileTypeFromBuffer } from 'file-type/core';
import { errorMessage, type ErrorMessage } from '@/lib/domain/error-messages';
import { ALL_UPLOAD_TYPES, allowedTypesMessage, isAllowed, mediaTypeOf, type ImageMime, type MediaKind, type UploadTypeSettings } from './media-types';
import { gifIsScriptHeader, structureOf } from './image-structure';
import { looksLikeScript } from './script-scan';
import { checkSvg, NOT_SVG } from './svg-safety';

/** Why an upload was refused (for callers and tests; people read `text`). */
export type SniffRefusal = 'empty' | 'unknown-type' | 'type-not-allowed' | 'script' | 'polyglot' | 'truncated' | 'svg-invalid' | 'svg-unsafe';

export type SniffResult =
  { ok: true; mime: ImageMime; extension: string; kind: MediaKind } | { ok: false; code: 'UNSUPPORTED_MEDIA_TYPE' | 'VALIDATION'; reason: SniffRefusal; text: ErrorMessage };

/** file-type's answers for the bitmaps the wiki knows (an animated PNG is still a PNG). */
const BITMAPS: Record<string, ImageMime> = {
  'image/png': 'image/png',
  'image/apng': 'image/png',
  'image/jpeg': 'image/jpeg',
  'image/gif': 'image/gif',
  'image/webp': 'image/webp',
  'image/avif': 'image/avif',
};

function refuse(code: 'UNSUPPORTED_MEDIA_TYPE' | 'VALIDATION', reason: SniffRefusal, text: ErrorMessage): SniffResult {
  return { ok: false, code, reason, text };
}

function accept(mime: ImageMime): SniffResult {
  const type = mediaTypeOf(mime)!;
  return { ok: true, mime, extension: type.extensions[0]!, kind: type.kind };
}

/**
 * The text of a file that may be XML: UTF-8 (with or without a byte-order mark), UTF-16 with one,
 * or the Latin encodings an XML declaration may name (older editors write ISO-8859-1). Null when
 * the bytes are not text in those encodings (a binary file).
 */
function xmlText(bytes: Uint8Array): string | null {
  let encoding = 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else {
    const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["'](iso-8859-[12])["']/i.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 200)))?.[1];
    if (declared !== undefined) encoding = declared.toLowerCase();
  }
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
    return /^\s*</.test(text) && !text.includes('\0') ? text : null;
  } catch {
    return null;
  }
}

/** A drawing: safe SVG, or the refusal saying what to remove. Null: not an SVG at all. */
function sniffSvg(bytes: Uint8Array, settings: UploadTypeSettings): SniffResult | null {
  const text = xmlText(bytes);
  if (text === null) return null;
  const check = checkSvg(text);
  if (check === NOT_SVG) return null;
  if (!check.ok) {
    // Malformed XML that does not even name an <svg> is just an unknown file.
    if (check.invalid && !/<svg[\s>]/i.test(text.slice(0, 4096))) return null;
    return refuse(check.invalid ? 'VALIDATION' : 'UNSUPPORTED_MEDIA_TYPE', check.invalid ? 'svg-invalid' : 'svg-unsafe', check.problem);
  }
  if (looksLikeScript(bytes, true)) return refuse('UNSUPPORTED_MEDIA_TYPE', 'script', errorMessage('fileCheck.script', { allowed: allowedTypesMessage(settings) }));
  if (!isAllowed('image/svg+xml', settings)) {
    return refuse('UNSUPPORTED_MEDIA_TYPE', 'type-not-allowed', errorMessage('fileCheck.typeNotAllowed', { type: 'SVG', allowed: allowedTypesMessage(settings) }));
  }
  return accept('image/svg+xml');
}

export async function sniffUpload(bytes: Uint8Array, settings: UploadTypeSettings = ALL_UPLOAD_TYPES): Promise<SniffResult> {
  const allowed = allowedTypesMessage(settings);
  if (bytes.length === 0) return refuse('VALIDATION', 'empty', errorMessage('fileCheck.empty'));

  const detected = await fileTypeFromBuffer(bytes);
  const mime = detected === undefined ? undefined : BITMAPS[detected.mime];
  if (mime === undefined) {
    const svg = sniffSvg(bytes, settings);
    if (svg !== null) return svg;
    // Refusing HTML as HTML (not as "unknown") tells an honest uploader what went wrong.
    if (looksLikeScript(bytes)) return refuse('UNSUPPORTED_MEDIA_TYPE', 'script', errorMessage('fileCheck.script', { allowed }));
    if (detected === undefined) return refuse('UNSUPPORTED_MEDIA_TYPE', 'unknown-type', errorMessage('fileCheck.unknownType', { allowed }));
    return refuse('UNSUPPORTED_MEDIA_TYPE', 'type-not-allowed', errorMessage('fileCheck.typeNotAllowed', { type: detected.ext.toUpperCase(), allowed }));
  }

  const label = mediaTypeOf(mime)!.label;
  // Structure first: a polyglot's payload after the image's end is reported as such, even when
  // it also lies within the first kilobyte the script scan reads.
  if (mime === 'image/gif' && gifIsScriptHeader(bytes)) return refuse('UNSUPPORTED_MEDIA_TYPE', 'polyglot', errorMessage('fileCheck.polyglot', { type: label }));
  const structure = structureOf(bytes, mime);
  if (structure === 'trailing') return refuse('UNSUPPORTED_MEDIA_TYPE', 'polyglot', errorMessage('fileCheck.polyglot', { type: label }));
  if (structure === 'truncated') return refuse('VALIDATION', 'truncated', errorMessage('fileCheck.truncated', { type: label }));
  if (looksLikeScript(bytes)) return refuse('UNSUPPORTED_MEDIA_TYPE', 'script', errorMessage('fileCheck.script', { allowed }));
  if (!isAllowed(mime, settings)) return refuse('UNSUPPORTED_MEDIA_TYPE', 'type-not-allowed', errorMessage('fileCheck.typeNotAllowed', { type: label, allowed }));
  return accept(mime);
}
