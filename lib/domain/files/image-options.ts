/**
 * The options of a file link, `[[File:Name.png|thumb|200px|left|upright|alt=…|Caption]]`, read as
 * MediaWiki's Parser::makeImage does: each part is matched against the image magic words (case-
 * sensitive, as MediaWiki's), a later option of a kind overrides an earlier one, and a part that is
 * no option is a caption — the last such part wins, earlier ones are dropped. Invalid values
 * (`abcpx`, `upright=big`) are not options, so they too become the caption, as in MediaWiki.
 *
 * Pure: no I/O.
 */
import { DEFAULT_UPRIGHT } from '@/lib/domain/files/thumbnail-sizes';

export type ImageFrame = 'thumb' | 'frame' | 'frameless';
export type ImageAlign = 'left' | 'right' | 'center' | 'none';
export type ImageVerticalAlign = 'baseline' | 'sub' | 'super' | 'top' | 'text-top' | 'middle' | 'bottom' | 'text-bottom';

/** The options that shape the embed (what an embed marker stores, alt aside). */
export interface ImageOptions {
  type: ImageFrame | null;
  align: ImageAlign | null;
  /** The requested box in CSS pixels. */
  width: number | null;
  height: number | null;
  /** The factor of `upright` (0.75 without one). */
  upright: number | null;
  /** `alt=…`; null when not given (the caption then serves). */
  alt: string | null;
  /** `link=…`: null for the File page (default), "" for no link, else a title or address. */
  link: string | null;
}

/** Options MediaWiki knows that this wiki reads but does not act on (yet). */
export interface ImageExtras {
  border: boolean;
  valign: ImageVerticalAlign | null;
  page: number | null;
  lang: string | null;
  class: string | null;
}

export interface ParsedImageOptions {
  options: ImageOptions;
  extras: ImageExtras;
  /** The caption's text (trimmed), or null. */
  caption: string | null;
  /** Which of the parts is the caption (for callers that keep the parts' markup), or null. */
  captionIndex: number | null;
}

const FRAMES: Record<string, ImageFrame> = { thumb: 'thumb', thumbnail: 'thumb', frame: 'frame', framed: 'frame', enframed: 'frame', frameless: 'frameless' };
const ALIGNS: Record<string, ImageAlign> = { left: 'left', right: 'right', center: 'center', centre: 'center', none: 'none' };
const VALIGNS: Record<string, ImageVerticalAlign> = {
  baseline: 'baseline',
  sub: 'sub',
  super: 'super',
  sup: 'super',
  top: 'top',
  'text-top': 'text-top',
  middle: 'middle',
  bottom: 'bottom',
  'text-bottom': 'text-bottom',
};

/** A size: `200px`, `x100px`, `200x100px` (MediaWiki also allows spaces before "px"). */
const SIZE = /^(\d*)(?:x(\d+))?\s*px$/;
/** Sizes beyond this are typos, not requests (MediaWiki has no limit; a limit keeps output sane). */
const MAX_SIZE = 100_000;

function size(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const number = Number(value);
  return number > 0 && number <= MAX_SIZE ? number : Number.NaN;
}

/** The value of `upright=0.5` / `upright 0.5`; null when the part is not upright at all, NaN when invalid. */
function uprightValue(part: string): number | null {
  if (part === 'upright') return DEFAULT_UPRIGHT;
  const match = /^upright(?:=|\s+)(.*)$/.exec(part);
  if (match === null) return null;
  const text = match[1]!.trim();
  const value = /^(?:\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  return value > 0 && value <= 100 ? value : Number.NaN;
}

/**
 * Parses the parts after the file name (already split on "|"). A part that is not plain text (the
 * caller's placeholder for formatted markup) can only be the caption.
 */
export function parseImageOptions(parts: readonly string[]): ParsedImageOptions {
  const options: ImageOptions = { type: null, align: null, width: null, height: null, upright: null, alt: null, link: null };
  const extras: ImageExtras = { border: false, valign: null, page: null, lang: null, class: null };
  let captionIndex: number | null = null;

  parts.forEach((raw, index) => {
    const part = raw.trim();
    const frame = FRAMES[part];
    if (frame !== undefined) {
      options.type = frame;
      return;
    }
    // thumb=Other.png (a manual thumbnail): shown as an ordinary thumb.
    if (/^thumb(?:nail)?=/.test(part)) {
      options.type = 'thumb';
      return;
    }
    const align = ALIGNS[part];
    if (align !== undefined) {
      options.align = align;
      return;
    }
    const valign = VALIGNS[part];
    if (valign !== undefined) {
      extras.valign = valign;
      return;
    }
    if (part === 'border') {
      extras.border = true;
      return;
    }
    const upright = uprightValue(part);
    if (upright !== null && !Number.isNaN(upright)) {
      options.upright = upright;
      return;
    }
    const box = SIZE.exec(part);
    if (box !== null && (box[1] !== '' || box[2] !== undefined)) {
      const width = size(box[1]);
      const height = size(box[2]);
      if (!Number.isNaN(width) && !Number.isNaN(height)) {
        options.width = width;
        options.height = height;
        return;
      }
    }
    const named = /^(alt|link|page|lang|class)=(.*)$/s.exec(part);
    if (named !== null) {
      const value = named[2]!.trim();
      const key = named[1]!;
      if (key === 'alt') options.alt = value;
      else if (key === 'link') options.link = value;
      else if (key === 'lang') extras.lang = value;
      else if (key === 'class') extras.class = value;
      else if (/^[1-9]\d*$/.test(value)) extras.page = Number(value);
      else captionIndex = index; // page=abc is no page
      return;
    }
    captionIndex = index;
  });

  const captionText = captionIndex === null ? null : parts[captionIndex]!.trim();
  return { options, extras, caption: captionText, captionIndex };
}

/**
 * Splits the inside of `[[…]]` on "|" that are not inside a nested [[link]] or {{template}}, so a
 * caption may hold links: "File:A.png|thumb|See [[B|b]]" → ["File:A.png", "thumb", "See [[B|b]]"].
 */
export function splitLinkParts(inner: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let at = 0; at < inner.length; at++) {
    const pair = inner.slice(at, at + 2);
    if (pair === '[[' || pair === '{{') {
      depth += 1;
      at += 1;
    } else if ((pair === ']]' || pair === '}}') && depth > 0) {
      depth -= 1;
      at += 1;
    } else if (inner[at] === '|' && depth === 0) {
      parts.push(inner.slice(start, at));
      start = at + 1;
    }
  }
  parts.push(inner.slice(start));
  return parts;
}
