/**
 * Pieces of action=parse's answer taken from a rendering, in MediaWiki's shapes: the sections
 * (as its table of contents numbers them, with the section index an edit uses) and the external
 * links. The HTML is the renderer's own output, so its headings and links have a known form.
 *
 * Pure: no I/O.
 */
import type { SectionHeading } from '@/lib/domain/markdown';

export interface ApiSection {
  toclevel: number;
  level: string;
  line: string;
  number: string;
  index: string;
  fromtitle: string;
  byteoffset: number | null;
  anchor: string;
  linkanchor: string;
}

const HEADING = /<h([1-6])((?:\s[^>]*)?)>([\s\S]*?)<\/h\1>/gu;

function attribute(attributes: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'u').exec(attributes);
  return match ? decodeEntities(match[1]!) : null;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/gu, '"')
    .replace(/&#x27;|&#39;/gu, "'")
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&amp;/gu, '&');
}

/** Byte offsets where each line starts (line 1 at 0), as MediaWiki's byteoffset counts UTF-8 bytes. */
function lineByteOffsets(text: string): number[] {
  const offsets = [0];
  const encoder = new TextEncoder();
  let bytes = 0;
  for (const line of text.split(/(?<=\r\n|\n|\r(?!\n))/u)) {
    bytes += encoder.encode(line).length;
    offsets.push(bytes);
  }
  return offsets;
}

/**
 * The sections of a rendering as MediaWiki's parse lists them: every heading that starts a
 * section of the source (the renderer marks them data-section="N", the number an edit with
 * section=N uses), numbered "1", "1.1"… by nesting.
 */
export function apiSections(html: string, source: string, headings: readonly SectionHeading[], fromTitle: string): ApiSection[] {
  const offsets = lineByteOffsets(source);
  const sections: ApiSection[] = [];
  const stack: number[] = [];
  const counters: number[] = [];
  for (const match of html.matchAll(HEADING)) {
    const attributes = match[2] ?? '';
    const index = attribute(attributes, 'data-section');
    if (index === null) continue;
    const level = Number(match[1]);
    while (stack.length > 0 && stack.at(-1)! >= level) {
      stack.pop();
    }
    stack.push(level);
    const depth = stack.length;
    counters.length = depth;
    counters[depth - 1] = (counters[depth - 1] ?? 0) + 1;
    const id = attribute(attributes, 'id') ?? '';
    const heading = headings[Number(index) - 1];
    sections.push({
      toclevel: depth,
      level: String(level),
      line: match[3]!.replace(/<[^>]*>/gu, '').trim(),
      number: counters.map((count) => count ?? 1).join('.'),
      index,
      fromtitle: fromTitle,
      byteoffset: heading ? (offsets[heading.line - 1] ?? null) : null,
      anchor: id,
      linkanchor: id,
    });
  }
  return sections;
}

/** The external links of a rendering (http, https, mailto…), unique, in document order. */
export function externalLinks(html: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(/<a\s[^>]*href="([^"]+)"/gu)) {
    const href = decodeEntities(match[1]!);
    if (/^(?:https?:|mailto:|ftp:)/iu.test(href) || href.startsWith('//')) links.add(href);
  }
  return [...links];
}
