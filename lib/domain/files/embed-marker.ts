/**
 * The stored marker of a file embed: the contract between the renderer (embed-markup.ts writes it
 * into every rendering) and the view-time resolver (embeds.ts reads it back). Renderings are stored
 * per revision and never rewritten, so a marker written today must stay readable: only ever add
 * optional fields to StoredEmbedOptions.
 *
 * A block embed is `<figure class="wiki-file" data-wiki-file="Name.png" data-file-options="{…}">`
 * with an optional `<figcaption>`, an inline one the same on an empty `<span>`. The options are what
 * was written, as JSON; the alt text is decided at render time (it may come from the caption).
 */

export type EmbedLayout = 'block' | 'inline';
export type EmbedFrame = 'thumb' | 'frame' | 'frameless';
export type EmbedAlign = 'left' | 'right' | 'center' | 'none';

export interface StoredEmbedOptions {
  type: EmbedFrame | null;
  align: EmbedAlign | null;
  /** Requested box in CSS pixels ("200px", "x100px", "200x100px"). */
  width: number | null;
  height: number | null;
  /** "upright" (0.75) or "upright=factor". */
  upright: number | null;
  /** What the image says to someone who cannot see it (alt=, else the caption's text). */
  alt: string;
  /** link=: null links to the File page, "" links nowhere, else a wiki title or an http(s) address. */
  link: string | null;
}

export const EMBED_MARKER_CLASS = 'wiki-file';

/** The hast element the renderer emits (before sanitizing, which allows exactly these attributes). */
export function embedMarkerData(
  dbKey: string,
  options: StoredEmbedOptions,
  layout: EmbedLayout,
): { tagName: 'figure' | 'span'; properties: Record<string, string | string[]> } {
  return {
    tagName: layout === 'block' ? 'figure' : 'span',
    properties: { className: [EMBED_MARKER_CLASS], dataWikiFile: dbKey, dataFileOptions: JSON.stringify(options) },
  };
}

const FRAMES: readonly string[] = ['thumb', 'frame', 'frameless'];
const ALIGNS: readonly string[] = ['left', 'right', 'center', 'none'];

function positive(value: unknown, max: number): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= max ? value : null;
}

/**
 * Reads the options back from a marker's (decoded) attribute. Anything unreadable counts as no
 * option rather than failing the page: the marker is our own output, but stored data outlives code.
 */
export function readStoredOptions(json: string): StoredEmbedOptions {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
  } catch {
    // Left empty: the embed shows with default options.
  }
  return {
    type: typeof raw.type === 'string' && FRAMES.includes(raw.type) ? (raw.type as EmbedFrame) : null,
    align: typeof raw.align === 'string' && ALIGNS.includes(raw.align) ? (raw.align as EmbedAlign) : null,
    width: positive(raw.width, 100_000),
    height: positive(raw.height, 100_000),
    upright: positive(raw.upright, 100),
    alt: typeof raw.alt === 'string' ? raw.alt : '',
    link: typeof raw.link === 'string' ? raw.link : null,
  };
}
