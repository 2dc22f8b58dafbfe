/**
 * Converts a plain-text export of a Fandom wiki page into the wiki's markdown.
 *
 * Pure: no file system, no framework, no database. The caller reads the bytes, decodes them with
 * {@link decodeSeedFile}, converts them with {@link convertFandomExport} and only then writes
 * anything, so a malformed document stops the import before a single page is saved.
 *
 * The export format (as produced by copying a Fandom article as text):
 * - line 1 is the wiki's name (not part of the article);
 * - every other non-blank line is a block of its own: blank lines only separate them;
 * - a line ending in `[]` (Fandom's edit-section marker) is a section heading;
 * - `[N]` (N = 1, 2, …, no leading zero) is a footnote marker whose reference text was not exported;
 * - image captions are ordinary lines; which lines they are is not guessed but listed by the caller
 *   (the seed manifest) with the File: name of each image, and each becomes a thumbnail of that
 *   file, `[[File:Name.png|thumb|caption]]`. The export has no image bytes, so until someone uploads
 *   the file the article shows an upload link in its place (lib/domain/files/embeds.ts).
 *
 * Decisions worth knowing:
 * - `[0]`, `[007]` and markers of more than 9 digits are not something MediaWiki's reference
 *   numbering produces, so they are kept as literal text (escaped), not turned into footnotes.
 * - Every character of the article text is kept: markdown syntax characters are backslash-escaped
 *   (or written as character references for leading spaces/tabs) so the rendered text equals the
 *   original line. Only trailing whitespace is dropped, and consecutive blank lines collapse.
 *   Bare URLs and e-mail addresses still become links through GFM autolinking; their text is
 *   unchanged (see {@link breaksAutolinkLiteral}).
 * - Line 1 and every caption match after trimming surrounding whitespace.
 */
import { parseImageOptions } from '@/lib/domain/files/image-options';

/** A seed document (or manifest) that cannot be imported; says which file and, when known, which line. */
export class SeedDocumentError extends Error {
  /** The file as the caller named it (used verbatim in the message). */
  readonly fileName: string;
  /** 1-based line of the problem, or null when it concerns the whole file. */
  readonly line: number | null;
  /** The problem without the `file:line:` prefix. */
  readonly reason: string;

  constructor(fileName: string, line: number | null, reason: string, options?: { cause?: unknown }) {
    super(`${fileName}${line === null ? '' : `:${line}`}: ${reason}`, options);
    this.name = 'SeedDocumentError';
    this.fileName = fileName;
    this.line = line;
    this.reason = reason;
  }
}

export interface FandomImportOptions {
  /** Used in error messages only. */
  fileName: string;
  /** Lines that are captions of images missing from the export (exact text, compared trimmed), each with its File: name. */
  captions: readonly SeedCaption[];
}

export interface SeedCaption {
  caption: string;
  /** The image's name without "File:" ("ECPAT logo.png"). */
  file: string;
}

export interface FandomConversion {
  /** The wiki's name from line 1. */
  siteName: string;
  /** The article as markdown (GFM), ending with a newline. */
  markdown: string;
  /** Section headings in order, as written in the export (without `[]` and footnote markers). */
  headings: string[];
  /** Footnote numbers in order of first appearance, each once. */
  footnotes: number[];
}

/**
 * Decodes a seed file as strict UTF-8 (a leading byte-order mark is dropped). Throws a
 * SeedDocumentError naming the line of the first byte that is not valid UTF-8.
 */
export function decodeSeedFile(bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    const offset = firstInvalidUtf8Offset(bytes);
    const line = offset === null ? null : lineOfOffset(bytes, offset);
    const where = offset === null ? '' : ` (byte 0x${hex2(bytes[offset] ?? 0)} at offset ${offset})`;
    throw new SeedDocumentError(fileName, line, `the file is not valid UTF-8${where}`, { cause });
  }
}

/** Converts a Fandom text export; throws SeedDocumentError (file and line) if it is malformed. */
export function convertFandomExport(text: string, options: FandomImportOptions): FandomConversion {
  const { fileName } = options;
  const fail = (line: number | null, reason: string): never => {
    throw new SeedDocumentError(fileName, line, reason);
  };

  const normalized = (text.startsWith('\uFEFF') ? text.slice(1) : text).replace(/\r\n/g, '\n');
  if (normalized.trim() === '') fail(null, 'the file is empty: the first line must be the wiki name');
  const lines = normalized.split('\n');

  lines.forEach((line, index) => {
    const match = CONTROL_CHARACTER.exec(line);
    if (match) {
      const codePoint = match[0].codePointAt(0) ?? 0;
      fail(index + 1, `control character U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} at column ${match.index + 1} is not allowed`);
    }
  });

  const siteName = (lines[0] ?? '').trim();
  if (siteName === '') fail(1, 'the first line must be the wiki name but it is empty');

  const captions = new Map(options.captions.map((entry) => [entry.caption.trim(), entry.file]));
  const body = lines.slice(1).map((line, index) => ({ number: index + 2, text: line.trimEnd() }));
  for (const caption of captions.keys()) {
    if (!body.some((line) => line.text.trim() === caption)) {
      fail(null, `caption ${JSON.stringify(caption)} listed in the manifest does not occur as a line of the document`);
    }
  }

  const blocks: string[] = [];
  const headings: string[] = [];
  const footnotes: number[] = [];
  const inline = (source: string, atLineStart: boolean) => convertInline(source, atLineStart, footnotes);
  let paragraphs = 0;

  for (const line of body) {
    const trimmed = line.text.trim();
    if (trimmed === '') continue;
    const file = captions.get(trimmed);
    if (file !== undefined) {
      blocks.push(thumbnailMarkup(file, trimmed));
    } else if (trimmed.endsWith(HEADING_MARKER)) {
      const heading = trimmed.slice(0, -HEADING_MARKER.length).trim();
      const headingText = heading.replace(FOOTNOTE_MARKER, '').trim();
      if (headingText === '') fail(line.number, `heading marker "${HEADING_MARKER}" has no heading text`);
      headings.push(headingText);
      // `#` is escaped everywhere so a trailing run cannot read as the heading's closing sequence.
      blocks.push(`## ${inline(heading, false).replace(/#/g, '\\#')}`);
    } else {
      paragraphs += 1;
      blocks.push(inline(line.text, true));
    }
  }
  if (paragraphs === 0) fail(null, 'the document has no article text (only the wiki name, headings or captions)');

  for (const n of footnotes) {
    blocks.push(`[^${n}]: Reference ${n} of the original Fandom article; its text was not included in the export.`);
  }
  return { siteName, markdown: `${blocks.join('\n\n')}\n`, headings, footnotes };
}

/**
 * MediaWiki's `[[File:Name|thumb|caption]]`, as editors know it. A caption that the embed syntax
 * would misread (brackets or "|" end or split it, or it reads as an option such as "left" or
 * "200px") becomes the Markdown form instead, `![caption](<File:Name>)`, which also shows a
 * thumbnail with its caption.
 */
function thumbnailMarkup(file: string, caption: string): string {
  const name = escapeText(file);
  if (/[[\]|]/u.test(caption) || parseImageOptions([caption]).captionIndex !== 0) return `![${escapeText(caption)}](<File:${file.replace(/[<>\\]/gu, '\\$&')}>)`;
  return `[[File:${name}|thumb|${escapeText(caption)}]]`;
}

const HEADING_MARKER = '[]';
/** Fandom reference markers: `[1]`…`[999999999]`, no leading zero. */
const FOOTNOTE_MARKER = /\[([1-9][0-9]{0,8})\]/g;
/** Unicode control characters (Cc) except tab and line feed. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** Turns footnote markers into `[^N]` (recording their numbers) and escapes everything else. */
function convertInline(source: string, atLineStart: boolean, footnotes: number[]): string {
  let out = '';
  let last = 0;
  for (const match of source.matchAll(FOOTNOTE_MARKER)) {
    out += escapeText(source.slice(last, match.index), atLineStart && last === 0, source[match.index] ?? '');
    const n = Number(match[1]);
    if (!footnotes.includes(n)) footnotes.push(n);
    out += `[^${n}]`;
    last = match.index + match[0].length;
  }
  out += escapeText(source.slice(last), atLineStart && last === 0);
  // `[^1]:` at the start of a block would be a footnote definition, not a reference.
  return atLineStart ? out.replace(/^(\[\^[0-9]+\]):/, '$1\\:') : out;
}

/** Characters markdown (CommonMark + GFM) may read as syntax anywhere in a line. */
const ALWAYS_ESCAPED = new Set(['\\', '*', '_', '`', '[', ']', '<', '~']);
/** `&` that would start a character reference (`&amp;`, `&#38;`, `&#x26;`). */
const ENTITY_LIKE = /^&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/;
/** Characters that start a block (heading, list, quote, setext underline, table) at a line start. */
const LINE_START_ESCAPED = new Set(['#', '-', '+', '=', '|', '>']);

/**
 * Escapes `text` so markdown renders it literally. `atLineStart` applies the block-level rules;
 * `next` is the character that will follow the text (a `!` before `[` would start an image).
 * Exported for the wikitext converter (lib/domain/wikitext), which escapes the text between markup.
 */
export function escapeText(text: string, atLineStart = false, next = ''): string {
  let out = '';
  let start = 0;
  if (atLineStart) {
    // Leading spaces/tabs would be stripped or start an indented code block: keep them as references.
    while (start < text.length && (text[start] === ' ' || text[start] === '\t')) {
      out += text[start] === ' ' ? '&#32;' : '&#9;';
      start += 1;
    }
    const first = text[start];
    if (first !== undefined && LINE_START_ESCAPED.has(first)) {
      out += `\\${first}`;
      start += 1;
    } else {
      const list = /^([0-9]+)([.)])(?=[ \t]|$)/.exec(text.slice(start));
      if (list) {
        out += `${list[1]}\\${list[2]}`;
        start += list[0].length;
      }
    }
  }
  for (let i = start; i < text.length; i += 1) {
    const char = text[i] as string;
    const following = i + 1 < text.length ? text[i + 1] : next;
    if (ALWAYS_ESCAPED.has(char) || (char === '!' && following === '[') || (char === '&' && ENTITY_LIKE.test(text.slice(i))) || breaksAutolinkLiteral(text, i)) {
      out += `\\${char}`;
    } else {
      out += char;
    }
  }
  return out;
}

/**
 * GFM autolink literals (`http://…`, `www.…`, `a@b.c`) found while tokenizing keep backslash escapes
 * inside them verbatim, so `http://x/a\\_b` would show a backslash. Escaping the `:` of `://`, the
 * `.` of `www.` and every `@` stops the tokenizer; remark-gfm still links such URLs afterwards from
 * the unescaped text, so the rendered text stays exactly the original.
 */
function breaksAutolinkLiteral(text: string, i: number): boolean {
  const char = text[i];
  if (char === '@') return true;
  if (char === ':') return text.startsWith('//', i + 1);
  if (char === '.') return i >= 3 && text.slice(i - 3, i).toLowerCase() === 'www';
  return false;
}

/**
 * Offset of the first byte of the first ill-formed UTF-8 sequence (Unicode Table 3-7: no overlongs,
 * no surrogates, nothing above U+10FFFF, no truncated sequences), or null if there is none.
 */
function firstInvalidUtf8Offset(bytes: Uint8Array): number | null {
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] as number;
    if (b0 < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) length = 2;
    else if (b0 >= 0xe0 && b0 <= 0xef) {
      length = 3;
      if (b0 === 0xe0) min = 0xa0;
      if (b0 === 0xed) max = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      length = 4;
      if (b0 === 0xf0) min = 0x90;
      if (b0 === 0xf4) max = 0x8f;
    } else return i;
    for (let k = 1; k < length; k += 1) {
      const b = bytes[i + k];
      // A truncated or broken sequence is reported at its first byte.
      if (b === undefined || (k === 1 ? b < min || b > max : b < 0x80 || b > 0xbf)) return i;
    }
    i += length;
  }
  return null;
}

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

function hex2(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}
