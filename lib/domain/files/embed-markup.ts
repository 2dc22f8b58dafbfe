/**
 * File embeds in page text, from markup to the renderer's stored markers (docs/files.md, "Markup"):
 * `[[File:Name.png|thumb|200px|left|Caption]]` (or `Image:`) and `![alt](File:Name.png)`.
 *
 * Works on the Markdown syntax tree (mdast) before wikilinks are extracted, so a caption keeps its
 * inline Markdown, links and [[wikilinks]]: its nodes become the children of the <figcaption> and go
 * through remark-rehype and rehype-sanitize like any other text. The marker itself records only
 * what was written (the file's name and the options), never the file's state: whether the file
 * exists, its size and its address are filled in at view time (lib/domain/files/embeds.ts), so an
 * upload shows on every page using it without re-rendering them.
 *
 * Decisions:
 * - A caption may contain "[[…]]" (MediaWiki allows links in captions), so the closing "]]" is found
 *   by bracket matching over the paragraph in one left-to-right pass (linear).
 * - thumb/frame, or an alignment, makes a block embed (<figure>), as MediaWiki; a block embed in a
 *   paragraph with other text splits the paragraph (a figure cannot sit inside a <p>). Anywhere
 *   else (headings, table cells, emphasis, link text) an embed is inline (<span>).
 * - Embeds nested in a caption are inline, and one level deep only: deeper "[[File:" stays text,
 *   which keeps hostile nesting linear.
 * - `[[:File:Name.png]]` is an ordinary link to the File page (lib/domain/wikilinks.ts).
 */
import type { Nodes, Paragraph, Parents, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';
import { NS, splitFragment, tryParseTitle } from '@/lib/domain/titles';
import { parseImageOptions } from '@/lib/domain/files/image-options';
import { embedMarkerData, type EmbedLayout, type StoredEmbedOptions } from '@/lib/domain/files/embed-marker';

/** A node this module puts in the tree; remark-rehype turns it into the element in `data.hName`. */
interface EmbedNode {
  type: 'wikiFileEmbed';
  layout: EmbedLayout;
  children: PhrasingContent[];
  data: { hName: string; hProperties: Record<string, string | string[]> };
}

interface CaptionNode {
  type: 'wikiFileCaption';
  children: PhrasingContent[];
  data: { hName: 'figcaption' };
}

/** "[[" followed by a File: (or Image:) prefix, not "[[:File:" (a plain link). */
const FILE_OPENER = /^[ \t]*(?:file|image)[ \t]*:/iu;
const BRACKETS = /\[\[|\]\]/gu;
const FILE_URL = /^(?:file|image):/iu;

interface Position {
  child: number;
  offset: number;
}

interface Pair {
  start: Position;
  end: Position;
}

/**
 * Replaces every file embed in `tree` by a marker node and returns the File dbKeys used (unique,
 * in order of first use).
 */
export function extractFileEmbeds(tree: Root): string[] {
  const files = new Set<string>();
  visit(tree, (node: Nodes) => {
    // An embed's caption was handled with the embed (nested embeds are inline, one level deep).
    // Nor inside link text: a picture there would put a link inside a link.
    if ((node.type as string) === 'wikiFileEmbed' || node.type === 'link' || node.type === 'linkReference') return SKIP;
    if (!('children' in node)) return undefined;
    replaceEmbeds(node, files, 0);
    return undefined;
  });
  splitParagraphsAroundFigures(tree);
  return [...files];
}

function replaceEmbeds(parent: Parents, files: Set<string>, depth: number): void {
  const children = parent.children as (PhrasingContent | EmbedNode)[];
  const pairs = fileBracketPairs(children);
  const images = children.some((child) => child.type === 'image' && FILE_URL.test(child.url));
  if (pairs.length === 0 && !images) return;
  const out: (PhrasingContent | EmbedNode)[] = [];
  let cursor: Position = { child: 0, offset: 0 };
  for (const pair of pairs) {
    out.push(...slice(children, cursor, pair.start));
    const inner = slice(children, { child: pair.start.child, offset: pair.start.offset + 2 }, { child: pair.end.child, offset: pair.end.offset - 2 });
    const embed = embedFromParts(splitParts(inner), parent, files, depth);
    if (embed === null) out.push(...slice(children, pair.start, pair.end));
    else out.push(embed);
    cursor = pair.end;
  }
  out.push(...slice(children, cursor, { child: children.length, offset: 0 }));
  const alone = out.filter((child) => !(child.type === 'text' && child.value.trim() === '')).length === 1;
  parent.children = out.map((child) => (child.type === 'image' && FILE_URL.test(child.url) ? (embedFromImage(child, parent, alone, files) ?? child) : child)) as never;
}

/** The outermost "[[File:…]]" pairs among `children`, by bracket matching over their text. */
function fileBracketPairs(children: readonly (PhrasingContent | EmbedNode)[]): Pair[] {
  const stack: { position: Position; file: boolean }[] = [];
  // How many File openers the stack holds, so a close need not search it (quadratic on "[[" floods).
  let openFiles = 0;
  const pairs: Pair[] = [];
  children.forEach((child, index) => {
    if (child.type !== 'text' || (!child.value.includes('[[') && stack.length === 0)) return;
    BRACKETS.lastIndex = 0;
    for (let match = BRACKETS.exec(child.value); match !== null; match = BRACKETS.exec(child.value)) {
      if (match[0] === '[[') {
        const file = FILE_OPENER.test(child.value.slice(match.index + 2, match.index + 40));
        stack.push({ position: { child: index, offset: match.index }, file });
        if (file) openFiles += 1;
        continue;
      }
      const opener = stack.pop();
      if (opener === undefined) continue;
      if (opener.file) openFiles -= 1;
      // The outermost pair wins: pairs close inside out, so an enclosing File pair replaces them.
      const end = { child: index, offset: match.index + 2 };
      if (opener.file && openFiles === 0) {
        while (pairs.length > 0 && before(opener.position, pairs[pairs.length - 1]!.start)) pairs.pop();
        pairs.push({ start: opener.position, end });
      }
    }
  });
  return pairs;
}

function before(a: Position, b: Position): boolean {
  return a.child < b.child || (a.child === b.child && a.offset < b.offset);
}

/** The nodes between two positions, text nodes cut at the offsets. */
function slice<T extends PhrasingContent | EmbedNode>(children: readonly T[], from: Position, to: Position): T[] {
  const out: T[] = [];
  for (let index = from.child; index <= to.child && index < children.length; index += 1) {
    const child = children[index]!;
    const start = index === from.child ? from.offset : 0;
    if (child.type !== 'text') {
      if (index < to.child && start === 0) out.push(child);
      continue;
    }
    const end = index === to.child ? to.offset : child.value.length;
    if (end > start) out.push({ type: 'text', value: child.value.slice(start, end) } as T);
  }
  return out;
}

/** Splits the inside of "[[…]]" at each "|" outside nested "[[…]]". */
function splitParts(inner: readonly (PhrasingContent | EmbedNode)[]): (PhrasingContent | EmbedNode)[][] {
  const parts: (PhrasingContent | EmbedNode)[][] = [[]];
  let depth = 0;
  for (const node of inner) {
    if (node.type !== 'text') {
      parts[parts.length - 1]!.push(node);
      continue;
    }
    let start = 0;
    const value = node.value;
    for (let index = 0; index < value.length; index += 1) {
      const pairText = value.slice(index, index + 2);
      if (pairText === '[[' || pairText === ']]') {
        depth += pairText === '[[' ? 1 : -1;
        index += 1;
      } else if (value[index] === '|' && depth === 0) {
        if (index > start) parts[parts.length - 1]!.push({ type: 'text', value: value.slice(start, index) });
        parts.push([]);
        start = index + 1;
      }
    }
    if (start < value.length) parts[parts.length - 1]!.push({ type: 'text', value: value.slice(start) });
  }
  return parts;
}

function plainText(nodes: readonly (PhrasingContent | EmbedNode)[]): string | null {
  return nodes.every((node) => node.type === 'text') ? nodes.map((node) => (node as Text).value).join('') : null;
}

/**
 * An option's text: plain text, where GFM may have turned an address into a link of its own
 * ("link=https://example.org" is the text "link=" and an autolink), which counts as its text.
 */
function optionText(nodes: readonly (PhrasingContent | EmbedNode)[]): string | null {
  let text = '';
  for (const node of nodes) {
    if (node.type === 'text') text += node.value;
    else if (node.type === 'link' && isAutolink(node)) text += (node.children[0] as Text).value;
    else return null;
  }
  return text;
}

function isAutolink(link: Extract<PhrasingContent, { type: 'link' }>): boolean {
  const only = link.children.length === 1 ? link.children[0] : undefined;
  if (only?.type !== 'text') return false;
  return [only.value, `http://${only.value}`, `mailto:${only.value}`].includes(link.url);
}

/** The File dbKey `target` names, or null when it is not a valid File: title. */
function fileDbKey(target: string): string | null {
  const parsed = tryParseTitle(splitFragment(target).title);
  return parsed.ok && parsed.title.namespace === NS.FILE ? parsed.title.dbKey : null;
}

function embedFromParts(parts: (PhrasingContent | EmbedNode)[][], parent: Parents, files: Set<string>, depth: number): EmbedNode | null {
  const target = plainText(parts[0] ?? []);
  const dbKey = target === null ? null : fileDbKey(target);
  if (dbKey === null) return null;
  files.add(dbKey);
  const rest = parts.slice(1);
  // Option words are plain text; a part with formatting or links can only be the caption.
  const parsed = parseImageOptions(rest.map((part) => optionText(part) ?? '\u0000'));
  const captionNodes = parsed.captionIndex === null ? [] : trimCaption(rest[parsed.captionIndex] ?? []);
  if (depth === 0 && captionNodes.length > 0) {
    const holder = { type: 'paragraph', children: captionNodes } as Paragraph;
    replaceEmbeds(holder, files, depth + 1);
    captionNodes.splice(0, captionNodes.length, ...(holder.children as PhrasingContent[]));
  }
  const captionText = captionNodes.map(textOf).join('').trim();
  const options: StoredEmbedOptions = { ...parsed.options, alt: parsed.options.alt ?? captionText };
  const block = (options.type === 'thumb' || options.type === 'frame' || options.align !== null) && parent.type === 'paragraph' && depth === 0;
  return embedNode(dbKey, options, block ? 'block' : 'inline', block ? captionNodes : []);
}

function trimCaption(nodes: (PhrasingContent | EmbedNode)[]): PhrasingContent[] {
  const out = nodes.map((node) => node) as PhrasingContent[];
  const first = out[0];
  if (first?.type === 'text') out[0] = { type: 'text', value: first.value.trimStart() };
  const last = out[out.length - 1];
  if (last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value.trimEnd() };
  return out.filter((node) => !(node.type === 'text' && node.value === ''));
}

function textOf(node: PhrasingContent | EmbedNode): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  return 'children' in node ? (node.children as PhrasingContent[]).map(textOf).join('') : '';
}

/** `![alt](File:Name.png)`: alone in its paragraph a thumbnail captioned with the alt text, else inline. */
function embedFromImage(image: Extract<PhrasingContent, { type: 'image' }>, parent: Parents, alone: boolean, files: Set<string>): EmbedNode | null {
  let target = image.url;
  try {
    target = decodeURIComponent(target);
  } catch {
    // A stray "%" is part of the name as written.
  }
  const dbKey = fileDbKey(target);
  if (dbKey === null) return null;
  files.add(dbKey);
  const alt = (image.alt ?? '').trim();
  const block = alone && parent.type === 'paragraph';
  const options: StoredEmbedOptions = { ...parseImageOptions(block ? ['thumb'] : []).options, alt };
  return embedNode(dbKey, options, block ? 'block' : 'inline', block && alt !== '' ? [{ type: 'text', value: alt }] : []);
}

function embedNode(dbKey: string, options: StoredEmbedOptions, layout: EmbedLayout, caption: PhrasingContent[]): EmbedNode {
  const { tagName, properties } = embedMarkerData(dbKey, options, layout);
  const children = caption.length === 0 ? [] : [{ type: 'wikiFileCaption', children: caption, data: { hName: 'figcaption' } } as CaptionNode as unknown as PhrasingContent];
  return { type: 'wikiFileEmbed', layout, children, data: { hName: tagName, hProperties: properties } };
}

/** A block embed cannot stay inside a <p>: the paragraph is split around it. */
function splitParagraphsAroundFigures(tree: Root): void {
  visit(tree, 'paragraph', (paragraph, index, parent) => {
    if (parent === undefined || index === undefined) return undefined;
    const children = paragraph.children as (PhrasingContent | EmbedNode)[];
    if (!children.some((child) => child.type === 'wikiFileEmbed' && child.layout === 'block')) return undefined;
    const pieces: (RootContent | EmbedNode)[] = [];
    let run: PhrasingContent[] = [];
    const flush = () => {
      if (run.some((child) => !(child.type === 'text' && child.value.trim() === ''))) pieces.push({ type: 'paragraph', children: run });
      run = [];
    };
    for (const child of children) {
      if (child.type === 'wikiFileEmbed' && child.layout === 'block') {
        flush();
        pieces.push(child);
      } else run.push(child as PhrasingContent);
    }
    flush();
    (parent.children as (RootContent | EmbedNode)[]).splice(index, 1, ...pieces);
    return [SKIP, index + pieces.length];
  });
}
