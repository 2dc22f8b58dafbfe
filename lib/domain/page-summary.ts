/**
 * What a link to a page shows in chats, social networks and search results (docs/sharing.md):
 * a short description, the lead paragraph's plain text, and the picture to go with it, the page's
 * first file embed. Computed by the renderer from the syntax tree it has already built
 * (lib/domain/markdown.ts), after file embeds became marker nodes (lib/domain/files/embed-markup.ts)
 * and [[wikilinks]] became links (lib/domain/wikilinks.ts): no second parser, and the text is
 * what a reader sees, not what was typed.
 *
 * Decisions:
 * - The picture is an infobox's first image (lib/domain/templates/infobox-render.ts), as Fandom's
 *   previews show, wherever the infobox stands; else the first file shown as a picture of its own
 *   (thumb, frame, aligned, or an image alone in its paragraph); else the first file embedded at all.
 * - The lead is the first paragraph of prose: top-level paragraphs only, so headings, tables,
 *   lists, quotes, code and footnote definitions never count. A paragraph that is all emphasis (a
 *   hatnote such as "_For the Italian group see …_") or label lines ("**Founded:** 1990" one per
 *   line, an infobox written by hand) is passed over while real prose follows.
 * - A short lead is followed by the next paragraphs of the same section until the length is reached.
 * - Dropped: file embeds and their captions, images, footnote markers, raw HTML tags (the renderer
 *   drops them too), category links (the wikilink step already removed them).
 * - Character references (&amp;, &egrave;) were decoded by the parser; whitespace is collapsed.
 * - Cut at a word boundary, counted in code points, with "…".
 *
 * Pure: no I/O.
 */
import type { Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { EXIT, SKIP, visit } from 'unist-util-visit';

/** About what search engines show of a description, and the length MediaWiki extensions aim at. */
export const DESCRIPTION_MAX_CHARS = 160;
const ELLIPSIS = '…';

export interface PageSummary {
  /** Plain text, at most DESCRIPTION_MAX_CHARS code points; empty when the page has no prose. */
  description: string;
  /** dbKey (without "File:") of the picture for link previews, or null. */
  previewFile: string | null;
}

/** A node type the renderer's embed step adds (lib/domain/files/embed-markup.ts). */
const FILE_EMBED = 'wikiFileEmbed';
/** The node type of a portable infobox in the syntax tree (lib/domain/templates/infobox-render.ts). */
const INFOBOX = 'infobox';

/**
 * The summary of a page from its syntax tree, after file embeds and wikilinks were taken out;
 * `files` are the file embeds in order of first use (extractFileEmbeds' result).
 */
export function summarizeTree(tree: Root, files: readonly string[]): PageSummary {
  return { description: leadDescription(tree.children), previewFile: previewFileOf(tree) ?? files[0] ?? null };
}

interface EmbedMarkerNode {
  type: typeof FILE_EMBED;
  layout: 'block' | 'inline';
  data?: { hProperties?: { dataWikiFile?: unknown } };
}

/**
 * An infobox's first image (the picture chosen to stand for the page), else the first picture
 * shown as a picture of its own (a thumbnail, a framed or aligned image) in document order, else
 * the first embed of any kind: an icon inside a sentence is a poor preview.
 */
function previewFileOf(tree: Root): string | null {
  let infobox: string | null = null;
  visit(tree, (node) => {
    if ((node.type as string) !== INFOBOX) return undefined;
    infobox = firstEmbed(node as Root);
    return infobox === null ? SKIP : EXIT;
  });
  return infobox ?? firstEmbed(tree);
}

function firstEmbed(tree: Root): string | null {
  let block: string | null = null;
  let inline: string | null = null;
  visit(tree, (node) => {
    if ((node.type as string) !== FILE_EMBED) return undefined;
    const embed = node as unknown as EmbedMarkerNode;
    const name = embed.data?.hProperties?.dataWikiFile;
    if (typeof name !== 'string') return SKIP;
    if (embed.layout === 'block') {
      block = name;
      return EXIT;
    }
    inline ??= name;
    return SKIP;
  });
  return block ?? inline;
}

function leadDescription(blocks: readonly RootContent[]): string {
  const texts = leadTexts(blocks, false);
  // A page of nothing but notes and label lines still says something.
  const chosen = texts.length > 0 ? texts : leadTexts(blocks, true);
  return truncateAtWord(chosen.join(' '), DESCRIPTION_MAX_CHARS);
}

/** The first paragraph of prose and, while they are short, the paragraphs right after it. */
function leadTexts(blocks: readonly RootContent[], acceptNotes: boolean): string[] {
  const texts: string[] = [];
  let length = 0;
  for (const block of blocks) {
    if (texts.length > 0 && block.type !== 'paragraph') {
      // Footnote definitions and link definitions may sit anywhere without ending the lead.
      if (block.type === 'footnoteDefinition' || block.type === 'definition' || block.type === 'html') continue;
      break;
    }
    if (block.type !== 'paragraph') continue;
    if (!acceptNotes && (isHatnote(block) || isLabelLines(block))) continue;
    const text = collapse(phrasingText(block.children));
    if (text === '') continue;
    texts.push(text);
    length += text.length + 1;
    if (length > DESCRIPTION_MAX_CHARS) break;
  }
  return texts;
}

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function phrasingText(nodes: readonly PhrasingContent[]): string {
  let text = '';
  for (const node of nodes) {
    const type = node.type as string;
    if (type === FILE_EMBED) continue;
    if (node.type === 'text' || node.type === 'inlineCode') text += node.value;
    else if (node.type === 'break') text += ' ';
    else if ('children' in node) text += phrasingText(node.children as PhrasingContent[]);
    // image, imageReference, footnoteReference, html: nothing a description can show.
  }
  return text;
}

const meaningful = (node: PhrasingContent): boolean => !(node.type === 'text' && node.value.trim() === '') && node.type !== 'break' && (node.type as string) !== FILE_EMBED;

/** "_This article is about …_": a paragraph that is one emphasis (or strong) run. */
function isHatnote(paragraph: Paragraph): boolean {
  const parts = paragraph.children.filter(meaningful);
  return parts.length === 1 && (parts[0]!.type === 'emphasis' || parts[0]!.type === 'strong');
}

/** Two or more lines, each starting with a bold label ("**Founded:** 1990"): an infobox by hand. */
function isLabelLines(paragraph: Paragraph): boolean {
  const lines: PhrasingContent[][] = [[]];
  for (const node of paragraph.children) {
    if (node.type === 'break') lines.push([]);
    else if (node.type === 'text' && node.value.includes('\n')) {
      const [first, ...rest] = node.value.split('\n');
      lines[lines.length - 1]!.push({ type: 'text', value: first! });
      for (const piece of rest) lines.push([{ type: 'text', value: piece }]);
    } else lines[lines.length - 1]!.push(node);
  }
  const filled = lines.map((line) => line.filter(meaningful)).filter((line) => line.length > 0);
  return filled.length >= 2 && filled.every((line) => line[0]!.type === 'strong');
}

/**
 * `text` if it has at most `max` code points, else its longest prefix ending at a word boundary
 * that fits with "…" (a single word longer than that is cut inside). Punctuation left dangling at
 * the cut (a comma, a colon, an opening bracket) goes too.
 */
export function truncateAtWord(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  const room = points.slice(0, max - ELLIPSIS.length + 1);
  // The cut falls at a space: either the one just past the room, or the last one inside it.
  let end = room.length - 1;
  if (room[end] !== ' ') {
    const lastSpace = room.lastIndexOf(' ');
    if (lastSpace > 0) end = lastSpace;
  }
  const kept = room
    .slice(0, end)
    .join('')
    .replace(/[\s,;:([{–—-]+$/u, '');
  return `${kept}${ELLIPSIS}`;
}
