/**
 * Portable infoboxes in the renderer (lib/domain/markdown.ts): each strip marker paragraph left by
 * the expander is replaced, in the Markdown syntax tree, by the infobox's structure, before links
 * and file embeds are taken out. So the texts in an infobox are Markdown like any other (links,
 * red links, categories and files are recorded), go through remark-rehype and rehype-sanitize like
 * any other, and the only markup added is built here from fixed names:
 *
 *   <aside class="portable-infobox" aria-labelledby="…">
 *     <h2 class="portable-infobox-title" id="…">Title</h2>
 *     <figure class="wiki-file" …>…<figcaption>Caption</figcaption></figure>   (a File: embed, as [[File:…]])
 *     <table><tbody>
 *       <tr><th colspan="2" scope="rowgroup">Header</th></tr>
 *       <tr><th scope="row">Label</th><td>Value</td></tr>
 *     </tbody></table>
 *   </aside>
 *
 * A group is a <tbody> of its own, a header starts one, so scope="rowgroup" names exactly its rows.
 * The title is a heading for screen-reader navigation but stays out of the table of contents and
 * of section numbering. A marker the options do not have (forged, stale) renders as nothing.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';
import { embedMarkerData, type StoredEmbedOptions } from '@/lib/domain/files/embed-marker';
import { NS, tryParseTitle } from '@/lib/domain/titles';
import { INFOBOX_MARKER_PATTERN, type InfoboxData, type InfoboxGroupItem, type InfoboxImage, type InfoboxItem } from '@/lib/domain/templates/types';

export const INFOBOX_CLASS = 'portable-infobox';
export const INFOBOX_TITLE_CLASS = 'portable-infobox-title';
/** Fandom's infobox image width, in CSS pixels. */
const IMAGE_WIDTH = 270;
const MARKERS = /\u007fINFOBOX-\d+\u007f/gu;

/** Parses Markdown the way the page is parsed (same processor and guards). */
export type ParseMarkdown = (markdown: string) => Root;

/** A node remark-rehype turns into the element in data.hName. */
interface ShapedNode {
  type: string;
  data: { hName: string; hProperties?: Record<string, unknown> };
  children: unknown[];
}

function shaped(type: string, hName: string, hProperties: Record<string, unknown>, children: unknown[]): ShapedNode {
  return { type, data: { hName, hProperties }, children };
}

/**
 * Replaces marker paragraphs in `tree` by infoboxes and removes markers anywhere else (inside a
 * sentence, a table cell or code, where no box can go). Returns the File dbKeys the infoboxes show.
 */
export function insertInfoboxes(tree: Root, infoboxes: readonly InfoboxData[], parse: ParseMarkdown): string[] {
  const files: string[] = [];
  visit(tree, (node: Nodes, index, parent) => {
    if (node.type === 'paragraph' && parent !== undefined && index !== undefined) {
      const only = node.children.length === 1 ? node.children[0] : undefined;
      const marker = only?.type === 'text' ? INFOBOX_MARKER_PATTERN.exec(only.value.trim()) : null;
      if (marker === null) return undefined;
      const data = infoboxes[Number(marker[1])];
      if (data === undefined) {
        parent.children.splice(index, 1);
        return index;
      }
      (parent.children as unknown[])[index] = infoboxNode(data, parse, files);
      return [SKIP, index + 1];
    }
    if ((node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') && node.value.includes('\u007f')) {
      node.value = node.value.replace(MARKERS, '');
    }
    return undefined;
  });
  return files;
}

function infoboxNode(data: InfoboxData, parse: ParseMarkdown, files: string[]): ShapedNode {
  const children: unknown[] = [];
  let table: ShapedNode | null = null;
  let body: ShapedNode | null = null;
  const rows = () => {
    table ??= shaped('infoboxTable', 'table', {}, []);
    if (!children.includes(table)) children.push(table);
    body ??= shaped('infoboxBody', 'tbody', {}, []);
    if (!table.children.includes(body)) table.children.push(body);
    return body;
  };
  for (const item of data.items) {
    if (item.kind === 'title') {
      children.push(shaped('infoboxTitle', 'h2', { className: [INFOBOX_TITLE_CLASS] }, inline(item.text, parse)));
      table = null;
      body = null;
    } else if (item.kind === 'image') {
      children.push(imageNode(item, parse, files));
      table = null;
      body = null;
    } else if (item.kind === 'group') {
      body = null;
      rows();
      for (const entry of item.items) rows().children.push(rowNode(entry, parse, files));
      body = null;
    } else {
      if (item.kind === 'header') body = null;
      rows().children.push(rowNode(item, parse, files));
    }
  }
  return shaped('infobox', 'aside', { className: [INFOBOX_CLASS] }, children);
}

function rowNode(item: Exclude<InfoboxItem, { kind: 'group' }> | InfoboxGroupItem, parse: ParseMarkdown, files: string[]): ShapedNode {
  switch (item.kind) {
    case 'title':
    case 'header':
      return shaped('infoboxRow', 'tr', {}, [shaped('infoboxHeader', 'th', { colSpan: 2, scope: 'rowgroup' }, inline(item.text, parse))]);
    case 'image':
      return shaped('infoboxRow', 'tr', {}, [shaped('infoboxCell', 'td', { colSpan: 2 }, [imageNode(item, parse, files)])]);
    case 'data': {
      const value = shaped('infoboxCell', 'td', {}, blocks(item.value, parse));
      if (item.label === null) {
        value.data.hProperties = { colSpan: 2 };
        return shaped('infoboxRow', 'tr', {}, [value]);
      }
      return shaped('infoboxRow', 'tr', {}, [shaped('infoboxLabel', 'th', { scope: 'row' }, inline(item.label, parse)), value]);
    }
  }
}

/** The image as the renderer shows [[File:Name|frameless|center|270px|Caption]]: resolved at view time. */
function imageNode(item: InfoboxImage, parse: ParseMarkdown, files: string[]): unknown {
  const title = tryParseTitle(`File:${item.file}`);
  if (!title.ok || title.title.namespace !== NS.FILE) return shaped('infoboxEmpty', 'span', {}, []);
  const dbKey = title.title.dbKey;
  if (!files.includes(dbKey)) files.push(dbKey);
  const caption = item.caption === null ? [] : inline(item.caption, parse);
  // The caption's words: its [[links]] are still text here, so they count by their label.
  const captionWords = caption
    .map(plainText)
    .join('')
    .replace(/\[\[(?:[^|\]]*\|)?([^\]]*)\]\]/gu, '$1');
  const alt = item.alt.trim() !== '' ? item.alt.trim() : captionWords.trim();
  const options: StoredEmbedOptions = { type: 'frameless', align: 'center', width: IMAGE_WIDTH, height: null, upright: null, alt, link: null };
  const { tagName, properties } = embedMarkerData(dbKey, options, 'block');
  const children = caption.length === 0 ? [] : [{ type: 'wikiFileCaption', children: caption, data: { hName: 'figcaption' } }];
  return { type: 'wikiFileEmbed', layout: 'block', children, data: { hName: tagName, hProperties: properties } };
}

/**
 * Words, numbers and plain punctuation that Markdown reads as themselves (no markup, no list
 * marker at the start, no autolink): most labels and many values. Parsed without the parser, which
 * costs a few hundred microseconds per call, so a page of many infoboxes stays quick to render.
 */
const PLAIN = /^[\p{L}\p{N}][\p{L}\p{N} ,;'"?()%/.-]*$/u;
const NOT_PLAIN = /^\d+[.)]|www\.|\s{2}|\.\./iu;

function parsed(markdown: string, parse: ParseMarkdown): Root {
  if (PLAIN.test(markdown) && !NOT_PLAIN.test(markdown)) return { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: markdown }] }] };
  return parse(markdown);
}

/** A value's Markdown: one paragraph becomes its inline content, anything else (lists, several paragraphs) stays blocks. */
function blocks(markdown: string, parse: ParseMarkdown): RootContent[] | PhrasingContent[] {
  const root = parsed(markdown, parse);
  const only = root.children.length === 1 ? root.children[0] : undefined;
  return only?.type === 'paragraph' ? only.children : root.children;
}

/** A list, quote or heading marker at the start of a line, which would make an inline text a block. */
const BLOCK_MARKER = /^([ \t]*)(\d{1,9}(?=[.)])|[#>+*-](?=[ \t]|$))/gmu;

/**
 * Inline content only (a title, label, header or caption): "1. Season" or "- x" stay the words they
 * are (their block markers escaped), and of anything else that is a block only paragraphs and
 * headings give text.
 */
function inline(markdown: string, parse: ParseMarkdown): PhrasingContent[] {
  const escaped = markdown.replace(BLOCK_MARKER, (_marker, indent: string, mark: string) => (/\d/u.test(mark) ? `${indent}${mark}\\` : `${indent}\\${mark}`));
  const out: PhrasingContent[] = [];
  for (const block of parsed(escaped, parse).children) {
    if (block.type !== 'paragraph' && block.type !== 'heading') continue;
    if (out.length > 0) out.push({ type: 'text', value: ' ' });
    out.push(...(block as Paragraph).children);
  }
  return out;
}

function plainText(node: PhrasingContent): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  return 'children' in node ? (node.children as PhrasingContent[]).map(plainText).join('') : '';
}

/**
 * After sanitizing: the infobox's table is not put in a scrolling box (it is narrow by design), and
 * its headings are returned so the table of contents can leave them out.
 */
export function finishInfoboxes(tree: HastRoot): Set<Element> {
  const headings = new Set<Element>();
  visit(tree, 'element', (aside) => {
    if (aside.tagName !== 'aside' || !hasClass(aside, INFOBOX_CLASS)) return undefined;
    aside.children = aside.children.map((child) =>
      child.type === 'element' && child.tagName === 'div' && hasClass(child, 'table-scroll') && child.children[0] !== undefined ? child.children[0] : child,
    ) as ElementContent[];
    visit(aside, 'element', (inner) => {
      if (/^h[1-6]$/u.test(inner.tagName)) headings.add(inner);
    });
    return SKIP;
  });
  return headings;
}

/** After heading ids exist: each infobox is named by its title heading (aria-labelledby). */
export function labelInfoboxes(tree: HastRoot): void {
  visit(tree, 'element', (aside) => {
    if (aside.tagName !== 'aside' || !hasClass(aside, INFOBOX_CLASS)) return undefined;
    const title = aside.children.find((child): child is Element => child.type === 'element' && child.tagName === 'h2' && hasClass(child, INFOBOX_TITLE_CLASS));
    if (typeof title?.properties.id === 'string') aside.properties.ariaLabelledBy = [title.properties.id];
    return SKIP;
  });
}

function hasClass(element: Element, name: string): boolean {
  const className = element.properties.className;
  return Array.isArray(className) && className.includes(name);
}
