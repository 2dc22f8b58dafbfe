/**
 * File embeds at view time: turns the renderer's stored markers (lib/domain/files/embed-marker.ts)
 * into the picture a reader sees, from the file's current state. Stored renderings never hold a
 * file's address or size, so an upload (or a new version, or a deletion) shows on every page using
 * the file on its next view, with no page re-rendered.
 *
 * - An existing file: `<a href="/wiki/File:Name.png" class="mw-file-description"><img src srcset
 *   width height alt loading="lazy" decoding="async"></a>`, width and height always given so the
 *   page does not move while images load.
 * - A missing file: a red link to Special:Upload for that name. Its words are interface, not
 *   content, so they are put in last, in the reader's language, by localizeFileEmbeds (called by
 *   components/ArticleBody.tsx, as the missing-image notices are): the data layer resolves embeds
 *   with the wiki's state, the view words them.
 *
 * Security: markers are matched exactly as the renderer writes them (raw HTML never reaches a
 * rendering, so nothing else can look like one); everything put in is built here from fixed
 * strings, numbers and escaped values. Pure: no I/O.
 */
import { escapeHtml } from '@/lib/domain/html.mjs';
import { NS, encodeTitleForUrl, makeParsedTitle, titleToUrlPath, tryParseTitle } from '@/lib/domain/titles';
import { EMBED_MARKER_CLASS, readStoredOptions, type StoredEmbedOptions } from '@/lib/domain/files/embed-marker';
import { displaySize, embedSources } from '@/lib/domain/files/thumbnail-sizes';
import type { FileEmbedInfo } from '@/lib/domain/files/types';

/** The reader's words for a file that has not been uploaded (next-intl's `article.images.fileMissing*`). */
export interface EmbedTexts {
  /** Link text, e.g. "Upload File:Logo.png". */
  missing: (name: string) => string;
  /** Its tooltip, e.g. "File:Logo.png has not been uploaded yet". */
  missingTitle: (name: string) => string;
}

/** File dbKey → its current version, or null when the name has no file (never uploaded, deleted, hidden). */
export type FileEmbedMap = ReadonlyMap<string, FileEmbedInfo | null>;

const MARKER = new RegExp(`<(figure|span) class="${EMBED_MARKER_CLASS}" data-wiki-file="([^"]*)" data-file-options="([^"]*)">`, 'gu');
const HTTP_URL = /^https?:\/\/[^\s]+$/iu;

function decodeAttribute(value: string): string {
  return value.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|quot|lt|gt));/giu, (_match, hex?: string, dec?: string, named?: string) => {
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    if (dec !== undefined) return String.fromCodePoint(parseInt(dec, 10));
    return { amp: '&', quot: '"', lt: '<', gt: '>' }[named!.toLowerCase() as 'amp' | 'quot' | 'lt' | 'gt'];
  });
}

/** The File dbKeys the embeds in `html` name (unique): what to look up before resolving. */
export function fileEmbedNames(html: string): string[] {
  if (!html.includes(EMBED_MARKER_CLASS)) return [];
  const names = new Set<string>();
  for (const match of html.matchAll(MARKER)) names.add(decodeAttribute(match[2]!));
  return [...names];
}

/**
 * `html` with every file embed shown: the file's image, or a red upload link when `files` has none
 * for it (still without words: see localizeFileEmbeds).
 */
export function resolveFileEmbeds(html: string, files: FileEmbedMap): string {
  if (!html.includes(EMBED_MARKER_CLASS)) return html;
  return html.replace(MARKER, (_marker, tag: 'figure' | 'span', rawName: string, rawOptions: string) => {
    const dbKey = decodeAttribute(rawName);
    const options = readStoredOptions(decodeAttribute(rawOptions));
    const info = files.get(dbKey) ?? null;
    const classes = embedClasses(tag, options, info === null);
    const inside = info === null ? uploadLink(dbKey) : picture(dbKey, info, options);
    return `<${tag} class="${classes}">${inside}`;
  });
}

/** MediaWiki's layout: thumb and frame float right unless told otherwise; the rest stay where they are. */
function embedClasses(tag: 'figure' | 'span', options: StoredEmbedOptions, missing: boolean): string {
  const classes = [EMBED_MARKER_CLASS];
  if (tag === 'figure') {
    classes.push(`wiki-file-${options.type ?? 'plain'}`);
    const framed = options.type === 'thumb' || options.type === 'frame';
    classes.push(`wiki-file-${options.align ?? (framed ? 'right' : 'none')}`);
  } else classes.push('wiki-file-inline');
  if (missing) classes.push('wiki-file-missing');
  return classes.join(' ');
}

const UPLOAD_LINK = /<a href="([^"]*)" class="new" data-missing-file="([^"]*)"><\/a>/gu;

function uploadLink(dbKey: string): string {
  const href = `/wiki/Special:Upload?wpDestFile=${encodeTitleForUrl(dbKey)}`;
  return `<a href="${escapeHtml(href)}" class="new" data-missing-file="${escapeHtml(dbKey)}"></a>`;
}

/** Words the upload links of missing files (from resolveFileEmbeds) in the reader's language. */
export function localizeFileEmbeds(html: string, texts: EmbedTexts): string {
  if (!html.includes('data-missing-file')) return html;
  return html.replace(UPLOAD_LINK, (_link, href: string, rawName: string) => {
    const name = makeParsedTitle(NS.FILE, decodeAttribute(rawName)).prefixedText;
    return `<a href="${href}" class="new" title="${escapeHtml(texts.missingTitle(name))}" data-missing-file="${rawName}">${escapeHtml(texts.missing(name))}</a>`;
  });
}

function picture(embedded: string, info: FileEmbedInfo, options: StoredEmbedOptions): string {
  // Addresses name the file's own page (the embed may name it through a redirect, after a move).
  const dbKey = info.name ?? embedded;
  const size = displaySize(info, options);
  const sources = embedSources(info.sha1, dbKey, info, size.width);
  const alt = options.alt.trim() !== '' ? options.alt : makeParsedTitle(NS.FILE, embedded).prefixedText;
  const image =
    `<img src="${escapeHtml(sources.src)}"` +
    (sources.srcset === null ? '' : ` srcset="${escapeHtml(sources.srcset)}"`) +
    ` width="${size.width}" height="${size.height}" alt="${escapeHtml(alt)}" loading="lazy" decoding="async">`;
  const link = linkTarget(dbKey, options.link);
  if (link === null) return image;
  return link.external
    ? `<a href="${escapeHtml(link.href)}" class="external" rel="nofollow noopener">${image}</a>`
    : `<a href="${escapeHtml(link.href)}" class="mw-file-description">${image}</a>`;
}

/** Where the image leads: its File page by default, nowhere with "link=", or the page or http(s) address given. */
function linkTarget(dbKey: string, link: string | null): { href: string; external: boolean } | null {
  if (link === null) return { href: titleToUrlPath(makeParsedTitle(NS.FILE, dbKey)), external: false };
  const target = link.trim();
  if (target === '') return null;
  if (HTTP_URL.test(target)) return { href: target, external: true };
  // Anything else is a page name: "javascript:x" is the page Javascript:x, under /wiki/ like every title.
  const parsed = tryParseTitle(target);
  return { href: titleToUrlPath(parsed.ok ? parsed.title : makeParsedTitle(NS.FILE, dbKey)), external: false };
}
