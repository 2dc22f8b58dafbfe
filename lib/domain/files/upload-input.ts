/**
 * The input of an upload besides its bytes: the destination name, the comment, the description
 * text and the warnings the uploader confirmed. One schema for Special:Upload's form and the REST
 * API's POST/PUT /file (multipart fields `title`, `comment`, `text`, `confirm`, `expect`), so an
 * upload is refused for the same reasons, in the same words, wherever it comes from.
 *
 * Whether the name's extension fits the file's real type is decided after sniffing the bytes
 * (lib/server/files/upload.ts); here the name only has to be a File: title with an extension.
 *
 * Pure: no I/O.
 */
import { z } from 'zod';
import { errorMessage, optionalTextInput, textInput, zodIssue } from '@/lib/domain/error-messages';
import { MAX_CONTENT_BYTES, MAX_SUMMARY_CHARS, utf8ByteLength } from '@/lib/domain/schemas';
import { NS, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

/** The warnings an upload can be confirmed past (MediaWiki's "ignorewarnings", one kind at a time). */
export const UPLOAD_WARNINGS = ['exists', 'duplicate'] as const;
export type UploadWarningKind = (typeof UPLOAD_WARNINGS)[number];

// MediaWiki's wfStripIllegalFilenameChars: a file name is one path segment, so ":", "/" and "\"
// become "-" (a name like "Talk:Logo.png" must not end up in another namespace).
const ILLEGAL_FILENAME_CHARACTERS = /[:/\\]/g;
const FILE_PREFIX = /^\s*(?:file|image)\s*:\s*/i;
const EXTENSION = /[^.]\.([A-Za-z0-9]{1,10})$/;

/**
 * The File: title a destination names: "Logo.png", "File:Logo.png" and "Image:logo.png" all name
 * File:Logo.png, as on MediaWiki.
 */
export function parseDestination(input: string): ReturnType<typeof tryParseTitle> {
  // With the prefix gone and colons made dashes, a parsed name is always in the File namespace.
  return tryParseTitle(input.replace(FILE_PREFIX, '').replace(ILLEGAL_FILENAME_CHARACTERS, '-'), { defaultNamespace: NS.FILE });
}

/**
 * The destination Special:Upload suggests for a picked file ("C:\fakepath\my logo.PNG" →
 * "My logo.PNG"): its base name, normalized as a title; '' when it cannot be one.
 */
export function suggestedDestination(fileName: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? '';
  const parsed = parseDestination(base);
  return parsed.ok ? parsed.title.text : '';
}

/** The extension of a file title in lower case ("png"), or null without one. */
export function destinationExtension(title: ParsedTitle): string | null {
  const match = EXTENSION.exec(title.text);
  return match ? match[1]!.toLowerCase() : null;
}

const destination = textInput(errorMessage('upload.destinationRequired')).transform((value, ctx): ParsedTitle => {
  if (value.trim() === '') {
    ctx.addIssue(zodIssue(errorMessage('upload.destinationRequired')));
    return z.NEVER;
  }
  const parsed = parseDestination(value);
  if (!parsed.ok) {
    ctx.addIssue(zodIssue(errorMessage('upload.destinationInvalid', { name: value, reason: parsed.message })));
    return z.NEVER;
  }
  if (destinationExtension(parsed.title) === null) {
    ctx.addIssue(zodIssue(errorMessage('upload.extensionMissing', { name: parsed.title.text })));
    return z.NEVER;
  }
  return parsed.title;
});

// The comment is one line in the file history and the log, as an edit summary.
const comment = optionalTextInput(errorMessage('upload.commentNotText'))
  .transform((value) => (value ?? '').replace(/[\r\n\t]+/g, ' ').trim())
  .superRefine((value, ctx) => {
    const length = [...value].length;
    if (length > MAX_SUMMARY_CHARS) ctx.addIssue(zodIssue(errorMessage('upload.commentTooLong', { max: MAX_SUMMARY_CHARS, length })));
  });

// The description becomes the File page's first revision: the same line breaks and size as any page text.
const text = optionalTextInput(errorMessage('upload.textNotText'))
  .transform((value) => (value ?? '').replace(/\r\n?/g, '\n'))
  .superRefine((value, ctx) => {
    if (value.length * 3 > MAX_CONTENT_BYTES && utf8ByteLength(value) > MAX_CONTENT_BYTES) {
      ctx.addIssue(zodIssue(errorMessage('upload.textTooLarge', { limit: MAX_CONTENT_BYTES / (1024 * 1024) })));
    }
  });

/**
 * The confirmed warnings: "exists,duplicate" (one field), the field repeated (a form's checkboxes),
 * or a JSON array. Absent or '' confirms nothing.
 */
const confirm = z
  .unknown()
  .transform((value, ctx): UploadWarningKind[] => {
    if (value === undefined || value === null || value === '') return [];
    const parts = (Array.isArray(value) ? value : [value]).flatMap((part) => (typeof part === 'string' ? part.split(',') : [part]));
    const kinds = new Set<UploadWarningKind>();
    for (const part of parts) {
      const kind = typeof part === 'string' ? part.trim() : part;
      if (kind === '') continue;
      if (!(UPLOAD_WARNINGS as readonly unknown[]).includes(kind)) {
        ctx.addIssue(zodIssue(errorMessage('upload.confirmNotValid', { value: String(kind), allowed: UPLOAD_WARNINGS.join(', ') })));
        return z.NEVER;
      }
      kinds.add(kind as UploadWarningKind);
    }
    return [...kinds];
  })
  .default([]);

/** The version the uploader saw as the latest (compare-and-swap); absent or '' = not known. */
const expect = z
  .unknown()
  .transform((value, ctx): number | null => {
    if (value === undefined || value === null || value === '') return null;
    const id = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[0-9]+\s*$/.test(value) ? Number(value) : NaN;
    if (Number.isSafeInteger(id) && id > 0) return id;
    ctx.addIssue(zodIssue(errorMessage('upload.expectNotValid')));
    return z.NEVER;
  })
  .default(null);

export const uploadInputSchema = z.object({ title: destination, comment, text, confirm, expect });

export type UploadInput = z.output<typeof uploadInputSchema>;

/** The form's fields as strings (Special:Upload hands them back as typed). */
export interface UploadFormValues {
  title: string;
  comment: string;
  text: string;
}
