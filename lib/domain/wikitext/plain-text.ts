/**
 * The text a reader of the MediaWiki page sees, from the token tree: link labels, captions,
 * table cells, reference texts (at the end, where the reference list shows them), without markup,
 * categories, interlanguage links, comments or behaviour switches. Template calls are not
 * expanded here, so they count as their source, as the converted page shows them before expansion.
 */
import type { AstNodes } from 'wikiparser-node/dist/internal';
import { interlanguagePrefix } from '@/lib/domain/wikitext/languages';

const SILENT = new Set([
  'comment',
  'double-underscore',
  'category',
  'list',
  'dd',
  'quote',
  'hr',
  'html',
  'table-syntax',
  'table-attrs',
  'ext-attrs',
  'html-attrs',
  'heading-trail',
  'include',
  'noinclude',
  'image-parameter',
]);

/** Reference-list templates print the footnotes, which are listed at the end here already. */
const REFERENCE_LISTS = new Set(['reflist', 'references', 'refs', 'notelist']);

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  times: '×',
  middot: '·',
  bull: '•',
  laquo: '«',
  raquo: '»',
  euro: '€',
  shy: '',
};

/** Character references are markup in wikitext: the reader sees the character. */
function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]*));/gu, (match, decimal?: string, hex?: string, name?: string) => {
    const code = decimal !== undefined ? Number(decimal) : hex !== undefined ? Number.parseInt(hex, 16) : null;
    if (code !== null) return code <= 0x10ffff ? String.fromCodePoint(code) : match;
    return ENTITIES[name ?? ''] ?? match;
  });
}

export function plainTextOf(root: AstNodes): string {
  const notes: string[] = [];
  const out = text(root, notes);
  return decodeEntities([out, ...notes].join('\n'));
}

function text(node: AstNodes, notes: string[]): string {
  switch (node.type) {
    case 'text':
      return node.data;
    case 'template':
      return REFERENCE_LISTS.has(String(node.firstChild).trim().toLowerCase()) ? '' : String(node);
    case 'magic-word':
    case 'arg':
    case 'free-ext-link':
    case 'magic-link':
      return String(node);
    case 'link': {
      const [target, label] = node.childNodes;
      if (interlanguagePrefix(String(target)) !== null) return '';
      return label === undefined ? String(target).replace(/^\s*:/u, '') : children(label, notes);
    }
    case 'file':
    case 'gallery-image': {
      const caption = node.childNodes.find((child) => child.type === 'image-parameter' && (child as unknown as { name: string }).name === 'caption');
      return caption === undefined ? '' : ` ${children(caption, notes)} `;
    }
    case 'ext-link': {
      const [url, label] = node.childNodes;
      return label === undefined ? String(url) : children(label, notes);
    }
    case 'ext': {
      const inner = node.childNodes[1];
      if (node.name === 'ref') {
        if (inner !== undefined) notes.push(children(inner, notes));
        return ' ';
      }
      if (node.name === 'references' || inner === undefined) return '';
      if (node.name === 'nowiki') return String(inner);
      return ['pre', 'syntaxhighlight', 'source', 'math'].includes(node.name ?? '') ? ` ${String(inner)} ` : ` ${children(inner, notes)} `;
    }
    case 'td':
    case 'tr':
    case 'heading':
      return ` ${children(node, notes)}\n`;
    default:
      return SILENT.has(node.type) ? (node.type === 'html' && node.name === 'br' ? ' ' : '') : children(node, notes);
  }
}

/** The visible text of some sibling tokens, character references left as written (they are markdown too). */
export function visibleText(nodes: readonly AstNodes[]): string {
  return nodes.map((node) => text(node, [])).join('');
}

function children(node: AstNodes, notes: string[]): string {
  return node.childNodes.map((child) => text(child, notes)).join('');
}
