/**
 * The one Markdown renderer of the wiki: the same function renders saved revisions and edit
 * previews, so a preview always shows what the page will look like.
 *
 * Security model: raw HTML in the source never passes (remark-rehype without allowDangerousHtml
 * drops it), rehype-sanitize then keeps only GitHub's allow-list of elements, attributes and URL
 * protocols. Everything added after sanitizing (heading ids, figures, link rel) is built by this
 * module from fixed strings or slugs, never copied from the source as markup. File embeds are
 * markers built before sanitizing (lib/domain/files/embed-markup.ts): the schema allows their
 * <figure>/<figcaption>/<span> with exactly the marker's class and data attributes, and their
 * captions are sanitized like any other text.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype, { defaultHandlers } from 'remark-rehype';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { safeSlug } from '@/lib/domain/heading-anchor';
import { visit, SKIP } from 'unist-util-visit';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { List, ListItem, Nodes as MdastNodes, Parents, Root as MdastRoot, TableRow } from 'mdast';
import { extractWikiLinks, type WikiLinkTarget, type CategoryMembership } from '@/lib/domain/wikilinks';
import { limitDelimiterRuns, remarkLinearFootnoteCalls } from '@/lib/domain/markdown-guards';
import { applyLinearEditMapConsume } from '@/lib/domain/markdown-edit-map';
import { wrapTablesForScrolling } from '@/lib/domain/markdown-tables';
import { escapeHtml } from '@/lib/domain/html.mjs';
import { MISSING_IMAGE_CLASS } from '@/lib/domain/missing-images';
import { extractFileEmbeds } from '@/lib/domain/files/embed-markup';
import { EMBED_MARKER_CLASS } from '@/lib/domain/files/embed-marker';
import { summarizeTree } from '@/lib/domain/page-summary';
import type { RenderOptions } from '@/lib/domain/templates/types';
import { INFOBOX_CLASS, INFOBOX_TITLE_CLASS, finishInfoboxes, insertInfoboxes, labelInfoboxes } from '@/lib/domain/templates/infobox-render';

export type { WikiLinkTarget, CategoryMembership } from '@/lib/domain/wikilinks';
export type { RenderOptions } from '@/lib/domain/templates/types';

export { RENDERER_VERSION } from '@/lib/domain/renderer-version';

export interface TocEntry {
  depth: 2 | 3 | 4 | 5 | 6;
  id: string;
  text: string;
}

export interface RenderedMarkdown {
  html: string;
  /** h2–h6 headings in document order (h1 stays out, as in MediaWiki's table of contents). */
  toc: TocEntry[];
  /** Pages this text links to with [[…]] (unique, without fragment; Special: pages left out). */
  links: WikiLinkTarget[];
  /** Categories this text puts its page in with [[Category:…]] (unique by name, the last sort key wins). */
  categories: CategoryMembership[];
  /** Files this text embeds with [[File:…]] or ![…](File:…) (unique dbKeys without "File:"). */
  files: string[];
  /** Link previews (lib/domain/page-summary.ts): the lead's plain text, '' when there is none. */
  description: string;
  /** The file previews show (its dbKey without "File:"), or null. */
  previewFile: string | null;
  /** The top-level headings that start sections (lib/domain/sections.ts), in source order; none for a plain-text fallback. */
  sections: SectionHeading[];
}

/** A heading that starts a section: its source line (from 1), level, and text as the table of contents shows it. */
export interface SectionHeading {
  line: number;
  depth: number;
  title: string;
}

const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  // remark-rehype already prefixes footnote ids and their links with "user-content-". The default
  // prefix here would be added to the ids a second time but not to the hrefs, breaking every
  // footnote link. User-written ids cannot exist (raw HTML is dropped), so nothing else needs it.
  clobberPrefix: '',
  attributes: {
    ...defaultSchema.attributes,
    // Wikilinks ([[Title]]) carry their target so red links can be resolved at view time
    // (lib/server/links.ts). Markdown cannot produce data attributes, only this module does.
    a: [
      ...(defaultSchema.attributes?.a ?? []).filter((attribute) => !(Array.isArray(attribute) && attribute[0] === 'className')),
      ['className', 'data-footnote-backref', 'wikilink'],
      'dataWikiTarget',
    ],
    figure: [['className', EMBED_MARKER_CLASS], 'dataWikiFile', 'dataFileOptions'],
    // Section numbers of top-level headings (markSectionHeadings): views add "edit" links from them.
    ...Object.fromEntries(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((tag) => [tag, [...(defaultSchema.attributes?.[tag] ?? []), 'dataSection']])),
    // Portable infoboxes (lib/domain/templates/infobox-render.ts): class names only this module writes.
    aside: [['className', INFOBOX_CLASS]],
    h2: [['className', 'sr-only', INFOBOX_TITLE_CLASS], 'dataSection'],
    span: [['className', EMBED_MARKER_CLASS], 'dataWikiFile', 'dataFileOptions'],
  },
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', 'aside'],
};

// ---- Guards against inputs that would take minutes or crash the process -------------------------

type ToHastState = Parameters<typeof defaultHandlers.listItem>[0];

/**
 * The default list-item handler rescans every sibling to decide whether the list is "loose", so a
 * list of 250 000 items (1 MB of "- a") took hours. The answer is computed once per list and the
 * default handler is given an empty stand-in list that carries it.
 */
const listLooseness = new WeakMap<List, boolean>();
function listItemHandler(state: ToHastState, node: ListItem, parent: Parents | undefined) {
  if (parent?.type !== 'list') return defaultHandlers.listItem(state, node, parent);
  let loose = listLooseness.get(parent);
  if (loose === undefined) {
    loose = Boolean(parent.spread) || parent.children.some((item) => item.spread ?? item.children.length > 1);
    listLooseness.set(parent, loose);
  }
  return defaultHandlers.listItem(state, node, { type: 'list', spread: loose, children: [] });
}

/**
 * GFM pads short table rows with empty cells up to the header's width: 30 KB of input (a
 * 5 000-column header and 5 000 one-cell rows) became 25 million cells and exhausted the heap,
 * killing the server. Padding stops once a document has used this many padded cells, as
 * cmark-gfm does; the rows still render, only without trailing empty cells. The stand-in parent
 * also spares the default handler its indexOf over all rows (quadratic in the row count).
 */
const MAX_PADDED_TABLE_CELLS = 10_000;
const paddedCellsLeft = new WeakMap<ToHastState, number>();
function tableRowHandler(state: ToHastState, node: TableRow, parent: Parents | undefined) {
  const header = parent?.type === 'table' ? parent.children[0] : undefined;
  if (parent?.type !== 'table' || header === undefined) return defaultHandlers.tableRow(state, node, parent);
  const missing = Math.max(0, (parent.align?.length ?? 0) - node.children.length);
  const left = paddedCellsLeft.get(state) ?? MAX_PADDED_TABLE_CELLS;
  const pad = missing <= left;
  if (pad) paddedCellsLeft.set(state, left - missing);
  const align = pad ? parent.align : parent.align?.slice(0, node.children.length);
  const children = header === node ? [node] : [header, node];
  return defaultHandlers.tableRow(state, node, { type: 'table', align, children });
}

/**
 * micromark takes time quadratic in the number of block-quote and list markers opened on one line
 * ("- - - - … x": 20 000 of them took ten minutes). No real text nests that deep, so the marker
 * past the limit is escaped and the rest of the line reads as text.
 */
const MAX_CONTAINERS_PER_LINE = 32;
const CONTAINER_MARKER = /[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))/y;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/u;

function limitContainerNesting(source: string): string {
  return source.replace(/^[^\r\n]+/gmu, (line) => {
    CONTAINER_MARKER.lastIndex = 0;
    for (let count = 1; CONTAINER_MARKER.exec(line) !== null; count += 1) {
      // "* * * * …" is a horizontal rule however long, not nesting.
      if (count > MAX_CONTAINERS_PER_LINE && !THEMATIC_BREAK.test(line)) {
        const markerEnd = CONTAINER_MARKER.lastIndex;
        return `${line.slice(0, markerEnd - 1)}\\${line.slice(markerEnd - 1)}`;
      }
    }
    return line;
  });
}

/**
 * Nesting deeper than the JavaScript stack (thousands of ">" or "*" that survive the guard above,
 * spread over lines) overflows the recursive tree walkers. The page then shows its text unformatted
 * instead of failing to save or to display. The server's time limit (lib/server/render.ts) falls
 * back to the same plain rendering, with its own notice.
 */
const TOO_DEEP_NOTICE = 'This text is nested too deeply to be formatted, so it is shown as plain text.';

export function renderAsPlainText(source: string, notice: string = TOO_DEEP_NOTICE): RenderedMarkdown {
  return {
    // Infobox strip markers (lib/domain/templates) are no text of the page: left out here too.
    html: `<p class="wiki-render-notice">${escapeHtml(notice)}</p>\n<pre class="wiki-render-fallback">${escapeHtml(source.replace(/\u007fINFOBOX-\d+\u007f/gu, ''))}</pre>`,
    toc: [],
    links: [],
    categories: [],
    files: [],
    description: '',
    previewFile: null,
    sections: [],
  };
}

/**
 * The unified pipeline, built on first use. Building it is also where micromark gets its
 * linear-time edit map (lib/domain/markdown-edit-map.ts), so that every parse goes through the
 * fix and importing this module changes nothing in other libraries.
 */
function buildProcessor() {
  applyLinearEditMapConsume();
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkLinearFootnoteCalls)
    .use(remarkRehype, {
      // MediaWiki's name for the notes section, visible rather than screen-reader-only because
      // readers navigate to it from the table of contents.
      footnoteLabel: 'References',
      footnoteLabelTagName: 'h2',
      footnoteLabelProperties: {},
      handlers: { listItem: listItemHandler, tableRow: tableRowHandler },
    })
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeStringify)
    .freeze();
}

let builtProcessor: ReturnType<typeof buildProcessor> | null = null;

function processor(): ReturnType<typeof buildProcessor> {
  builtProcessor ??= buildProcessor();
  return builtProcessor;
}

/** `options.infoboxes` are the infoboxes of a template expansion (lib/domain/templates), referenced by its strip markers. */
export function renderMarkdown(source: string, options: RenderOptions = {}): RenderedMarkdown {
  try {
    return renderFormatted(source, options);
  } catch (error) {
    if (error instanceof RangeError) return renderAsPlainText(source);
    throw error;
  }
}

/**
 * The headings that start sections, read from the syntax tree exactly as the renderer builds it
 * (same guards, wikilinks and file embeds taken out), for lib/domain/sections.ts; none when the
 * text is too deeply nested to be formatted (the renderer then shows plain text). Parsing a long
 * text takes as long as rendering it: servers read `sections` of a time-limited rendering instead.
 */
export function parseSectionHeadings(source: string): SectionHeading[] {
  try {
    return sectionHeadingsOf(parsedTree(source, {}).mdast);
  } catch (error) {
    if (error instanceof RangeError) return [];
    throw error;
  }
}

/** The guards only ever insert characters inside a line, so positions keep the source's line numbers (not its offsets). */
function sectionHeadingsOf(mdast: MdastRoot): SectionHeading[] {
  return mdast.children.flatMap((node) =>
    node.type === 'heading' ? [{ line: node.position?.start.line ?? 1, depth: node.depth, title: plainText(node).replace(/\s+/gu, ' ').trim() }] : [],
  );
}

/** The text a reader sees in a heading: text and code, not footnote markers, images or raw HTML (which the renderer drops). */
function plainText(node: MdastNodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (!('children' in node)) return '';
  return node.children.map((child) => plainText(child as MdastNodes)).join('');
}

function parseGuarded(source: string): MdastRoot {
  return processor().parse(limitDelimiterRuns(limitContainerNesting(source)));
}

/**
 * Infoboxes go in first, so the Markdown of their texts has its links and file embeds taken out
 * with the rest of the page; their images count among the page's files, first.
 */
function parsedTree(source: string, options: RenderOptions) {
  const mdast = parseGuarded(source);
  markSectionHeadings(mdast);
  const infoboxFiles = source.includes('\u007f') ? insertInfoboxes(mdast, options.infoboxes ?? [], parseGuarded) : [];
  const embedded = extractFileEmbeds(mdast);
  const files = infoboxFiles.length === 0 ? embedded : [...new Set([...infoboxFiles, ...embedded])];
  const { links, categories } = extractWikiLinks(mdast, safeSlug);
  return { mdast, files, links, categories };
}

/**
 * MediaWiki numbers the sections of a page by its headings in source order, 1 for the first; only
 * headings at the top level count (one inside a quote or a list cannot be cut out as a section).
 * The number is stored on the heading so that views can add "edit" links without parsing again.
 */
function markSectionHeadings(mdast: MdastRoot): void {
  let section = 0;
  for (const node of mdast.children) {
    if (node.type !== 'heading') continue;
    section += 1;
    node.data = { ...node.data, hProperties: { ...node.data?.hProperties, dataSection: String(section) } };
  }
}

function renderFormatted(source: string, options: RenderOptions): RenderedMarkdown {
  const pipeline = processor();
  const { mdast, files, links, categories } = parsedTree(source, options);
  const sections = sectionHeadingsOf(mdast);
  const { description, previewFile } = summarizeTree(mdast, files);
  const tree = pipeline.runSync(mdast) as Root;
  turnLoneImagesIntoFigures(tree);
  replaceUnusableInlineImages(tree);
  markExternalLinks(tree);
  wrapTablesForScrolling(tree);
  const infoboxHeadings = finishInfoboxes(tree);
  const toc = assignHeadingIds(tree, infoboxHeadings);
  labelInfoboxes(tree);
  return { html: pipeline.stringify(tree), toc, links, categories, files, description, previewFile, sections };
}

const HEADING_DEPTH: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

/**
 * Gives every heading a unique id and returns the table of contents.
 *
 * Ids are slugs (lib/domain/heading-anchor.ts), never starting with "_" or a symbol. Uniqueness is checked against every id already in the document
 * (footnotes, the References heading) after prefixing, which the slugger alone cannot do.
 */
function assignHeadingIds(tree: Root, outsideToc: ReadonlySet<Element>): TocEntry[] {
  const usedIds = new Set<string>();
  visit(tree, 'element', (element) => {
    const id = element.properties.id;
    if (typeof id === 'string') usedIds.add(id);
  });
  const nextSuffix = new Map<string, number>();

  const toc: TocEntry[] = [];
  visit(tree, 'element', (element) => {
    const depth = HEADING_DEPTH[element.tagName];
    if (depth === undefined) return;
    const text = headingText(element);
    let id = element.properties.id;
    if (typeof id !== 'string') {
      id = uniqueId(safeSlug(text), usedIds, nextSuffix);
      element.properties.id = id;
    }
    // An empty heading has nothing to click in a table of contents.
    // An infobox's headings are navigable by screen readers, but not part of the article's outline.
    if (depth >= 2 && text !== '' && !outsideToc.has(element)) toc.push({ depth: depth as TocEntry['depth'], id, text });
    return SKIP;
  });
  return toc;
}

/**
 * The heading as a reader sees it in the table of contents: footnote markers left out, as
 * MediaWiki leaves <ref> out of section names ("## Storia[^1]" is "Storia", id "storia", not "Storia1").
 */
function headingText(heading: Element): string {
  const parts: string[] = [];
  visit(heading, (node) => {
    if (node.type === 'element' && node.properties.dataFootnoteRef !== undefined) return SKIP;
    if (node.type === 'text') parts.push(node.value);
    return undefined;
  });
  return parts.join('').replace(/\s+/gu, ' ').trim();
}

/**
 * `base`, or `base-1`, `base-2`… The next suffix to try is remembered per base: restarting at 1
 * made 10 000 identical headings take ten seconds (quadratic).
 */
function uniqueId(base: string, usedIds: Set<string>, nextSuffix: Map<string, number>): string {
  let suffix = nextSuffix.get(base) ?? 0;
  let candidate = suffix === 0 ? base : `${base}-${suffix}`;
  while (usedIds.has(candidate)) {
    suffix += 1;
    candidate = `${base}-${suffix}`;
  }
  nextSuffix.set(base, suffix + 1);
  usedIds.add(candidate);
  return candidate;
}

const ABSOLUTE_HTTP_URL = /^https?:\/\//iu;
// "//host/path" leaves the wiki just as "https://host/path" does.
const EXTERNAL_URL = /^(?:https?:)?\/\//iu;

/** MediaWiki marks links leaving the wiki: styled as external, and not endorsed for search engines. */
function markExternalLinks(tree: Root): void {
  visit(tree, 'element', (element) => {
    if (element.tagName !== 'a') return;
    const href = element.properties.href;
    if (typeof href !== 'string' || !EXTERNAL_URL.test(href)) return;
    element.properties.rel = ['nofollow', 'noopener'];
    element.properties.className = ['external'];
  });
}

/** Images are shown only from http(s) addresses; sanitize already removed dangerous ones. */
function usableImageSource(image: Element): string | null {
  const src = image.properties.src;
  return typeof src === 'string' && ABSOLUTE_HTTP_URL.test(src) ? src : null;
}

function altOf(image: Element): string {
  const alt = image.properties.alt;
  return typeof alt === 'string' ? alt.trim() : '';
}

/**
 * An image alone in its paragraph is a picture with a caption (MediaWiki's thumbnails), so it
 * becomes a <figure> with the alt text as visible caption.
 */
function turnLoneImagesIntoFigures(tree: Root): void {
  visit(tree, 'element', (paragraph, index, parent) => {
    if (paragraph.tagName !== 'p' || parent === undefined || index === undefined) return;
    const meaningful = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
    const image = meaningful[0];
    if (meaningful.length !== 1 || image?.type !== 'element' || image.tagName !== 'img') return;
    parent.children[index] = figureFor(image);
    return SKIP;
  });
}

function figureFor(image: Element): Element {
  const alt = altOf(image);
  const src = usableImageSource(image);
  const picture: Element = src === null ? missingImage('div', MISSING_IMAGE_CLASS.figure, alt) : image;
  const children: ElementContent[] = [picture];
  if (alt !== '') children.push(element('figcaption', {}, [{ type: 'text', value: alt }]));
  const className = src === null ? ['wiki-figure', 'wiki-figure-missing'] : ['wiki-figure'];
  return element('figure', { className }, children);
}

/** An image inside running text without a usable address: a short marker instead of a broken icon. */
function replaceUnusableInlineImages(tree: Root): void {
  visit(tree, 'element', (image, index, parent) => {
    if (image.tagName !== 'img' || parent === undefined || index === undefined) return;
    if (usableImageSource(image) !== null) return;
    (parent.children as RootContent[])[index] = missingImage('span', MISSING_IMAGE_CLASS.inline, altOf(image));
  });
}

/** An empty marker with the alt text as data: the notice is added at view time (lib/domain/missing-images.ts). */
function missingImage(tagName: 'div' | 'span', className: string, alt: string): Element {
  return element(tagName, { className: [className], dataImageAlt: alt }, []);
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}
