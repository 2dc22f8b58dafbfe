/**
 * The one Markdown renderer of the wiki: the same function renders saved revisions and edit
 * previews, so a preview always shows what the page will look like.
 *
 * Security model: raw HTML in the source never passes (remark-rehype without allowDangerousHtml
 * drops it), rehype-sanitize then keeps only GitHub's allow-list of elements, attributes and URL
 * protocols. Everything added after sanitizing (heading ids, figures, link rel) is built by this
 * module from fixed strings or slugs, never copied from the source as markup.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { slug } from 'github-slugger';
import { toString as textOf } from 'hast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import type { Element, ElementContent, Root, RootContent } from 'hast';

/**
 * Stored next to every rendering. Bump it whenever the HTML this module produces for the same
 * source changes, so stored renderings can be told apart from current ones.
 */
export const RENDERER_VERSION = 1;

export interface TocEntry {
  depth: 2 | 3 | 4 | 5 | 6;
  id: string;
  text: string;
}

export interface RenderedMarkdown {
  html: string;
  /** h2–h6 headings in document order (h1 stays out, as in MediaWiki's table of contents). */
  toc: TocEntry[];
}

/** Shown in place of an image that has no usable address (the seed's Fandom export lacks the files). */
export const MISSING_IMAGE_TEXT = 'Image not available';

const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  // remark-rehype already prefixes footnote ids and their links with "user-content-". The default
  // prefix here would be added to the ids a second time but not to the hrefs, breaking every
  // footnote link. User-written ids cannot exist (raw HTML is dropped), so nothing else needs it.
  clobberPrefix: '',
};

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, {
    // MediaWiki's name for the notes section, visible rather than screen-reader-only because
    // readers navigate to it from the table of contents.
    footnoteLabel: 'References',
    footnoteLabelTagName: 'h2',
    footnoteLabelProperties: {},
  })
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeStringify)
  .freeze();

export function renderMarkdown(source: string): RenderedMarkdown {
  const tree = processor.runSync(processor.parse(source)) as Root;
  turnLoneImagesIntoFigures(tree);
  replaceUnusableInlineImages(tree);
  markExternalLinks(tree);
  const toc = assignHeadingIds(tree);
  return { html: processor.stringify(tree), toc };
}

const HEADING_DEPTH: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const STARTS_WITH_LETTER_OR_DIGIT = /^[\p{L}\p{N}]/u;

/**
 * Gives every heading a unique id and returns the table of contents.
 *
 * Ids come from github-slugger, but an id must never start with "_" or a symbol: an element's id
 * becomes a global variable in browsers (named access on window), and a heading "__next_f" would
 * replace the array Next.js streams the page through, breaking the page for every reader.
 * Such slugs get an "h-" prefix. Uniqueness is checked against every id already in the document
 * (footnotes, the References heading) after prefixing, which the slugger alone cannot do.
 */
function assignHeadingIds(tree: Root): TocEntry[] {
  const usedIds = new Set<string>();
  visit(tree, 'element', (element) => {
    const id = element.properties.id;
    if (typeof id === 'string') usedIds.add(id);
  });

  const toc: TocEntry[] = [];
  visit(tree, 'element', (element) => {
    const depth = HEADING_DEPTH[element.tagName];
    if (depth === undefined) return;
    const text = textOf(element).replace(/\s+/gu, ' ').trim();
    let id = element.properties.id;
    if (typeof id !== 'string') {
      id = uniqueId(safeSlug(text), usedIds);
      element.properties.id = id;
    }
    // An empty heading has nothing to click in a table of contents.
    if (depth >= 2 && text !== '') toc.push({ depth: depth as TocEntry['depth'], id, text });
    return SKIP;
  });
  return toc;
}

function safeSlug(text: string): string {
  const base = slug(text);
  return STARTS_WITH_LETTER_OR_DIGIT.test(base) ? base : `h-${base}`;
}

function uniqueId(base: string, usedIds: Set<string>): string {
  let candidate = base;
  for (let suffix = 1; usedIds.has(candidate); suffix += 1) candidate = `${base}-${suffix}`;
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
  const picture: Element =
    src === null
      ? element('div', { className: ['wiki-figure-placeholder'], role: 'img', ariaLabel: alt || MISSING_IMAGE_TEXT }, [
          { type: 'text', value: MISSING_IMAGE_TEXT },
        ])
      : image;
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
    const label = altOf(image) || MISSING_IMAGE_TEXT;
    const marker = element('span', { className: ['wiki-image-missing'], role: 'img', ariaLabel: label }, [
      { type: 'text', value: MISSING_IMAGE_TEXT },
    ]);
    (parent.children as RootContent[])[index] = marker;
  });
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}
