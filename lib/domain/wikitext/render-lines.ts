/**
 * Lines to markdown blocks, following MediaWiki's doBlockLevels: consecutive plain lines make a
 * paragraph, a blank line ends it, lines starting with a space are preformatted, and list prefixes
 * (`*`, `#`, `:`, `;`) are compared with the previous line's to know which lists stay open.
 *
 * Decisions (docs/wikitext-import.md):
 * - `*` and `#` become "- " and "1. " items; levels opened on the same line are written on one
 *   line ("*#" fresh → "- 1. x"), which is how markdown nests lists without an empty parent item.
 * - A run of leading `:` (talk-page replies, indentation) becomes as many "> " quote levels, so
 *   the nesting depth stays visible; consecutive replies are kept apart by a quote-only line.
 * - `:` or `;` after a list marker ("*:") continues the item as an indented paragraph of its own.
 * - `;term` becomes a bold paragraph; its `:` definitions are quoted like indentation.
 */
import type { AstNodes } from 'wikiparser-node/dist/internal';
import type { InlineLine } from '@/lib/domain/wikitext/inline';
import { escapeLineStart, codeBlock } from '@/lib/domain/wikitext/escape';
import { report, type Context } from '@/lib/domain/wikitext/context';

export interface Line {
  prefix: string;
  pre: boolean;
  /** The line's source, joined only when needed (preformatted text): joining costs a walk of every token. */
  raw: (string | AstNodes)[];
  /** The first markup token of the line, for the report. */
  markup: AstNodes | null;
  /** A heading's level (the line is its block), else 0. */
  heading: number;
  /** The line held `<references/>` or `{{reflist}}`, which GFM's footnotes replace. */
  referenceList: boolean;
  inline: InlineLine;
  block: string | null;
  /** Depth of `<blockquote>` around the line. */
  quote: number;
}

function rawOf(line: Line): string {
  return line.raw.map(String).join('');
}

const ITEM_WIDTH: Readonly<Record<string, number>> = { '*': 2, '#': 3 };

interface Block {
  quote: number;
  text: string;
  heading?: number;
  node?: AstNodes | string | null;
  referenceList?: boolean;
}

/**
 * "== References ==" over nothing but `<references/>`: GFM writes the footnotes at the end under
 * its own "References" heading, so the emptied section's heading would stand alone; it goes.
 */
const CATEGORIES_ONLY = /^(?:\s*\[\[\s*category\s*:[^[\]]*\]\])+\s*$/iu;

function withoutEmptyReferenceHeadings(blocks: readonly Block[], context: Context): Block[] {
  return blocks.filter((block, index) => {
    if (!block.referenceList || block.heading === undefined) return true;
    // Category links render as nothing, so a section holding only them counts as empty.
    const next = blocks.slice(index + 1).find((other) => other.text.trim() !== '' && !CATEGORIES_ONLY.test(other.text));
    if (next !== undefined && (next.heading === undefined || next.heading === 0 || next.heading > block.heading)) return true;
    if (typeof block.node === 'object' && block.node !== null)
      report(context, block.node, 'references heading', 'dropped: the footnotes are listed at the end under their own heading');
    return false;
  });
}

export function renderLines(lines: readonly Line[], context: Context, poem: boolean): string {
  const blocks: Block[] = [];
  let section: Block | null = null;
  let paragraph: string[] = [];
  let pre: Line[] = [];
  let list: string[] = [];
  let previous: { colons: number; rest: string } | null = null;
  let quote = 0;

  const flush = (): void => {
    if (paragraph.length > 0) blocks.push({ quote, text: paragraph.join(poem ? '\\\n' : '\n') });
    if (pre.length > 0) blocks.push({ quote, text: preformatted(pre, context) });
    if (list.length > 0) blocks.push({ quote, text: list.join('\n') });
    paragraph = [];
    pre = [];
    list = [];
    previous = null;
  };

  for (const line of lines) {
    if (line.quote !== quote) {
      flush();
      quote = line.quote;
    }
    if (line.referenceList && section !== null) section.referenceList = true;
    if (line.block !== null) {
      flush();
      const block: Block = { quote, text: line.block, heading: line.heading, node: line.raw[0] ?? null, referenceList: false };
      if (line.heading > 0) section = block;
      blocks.push(block);
      continue;
    }
    const content = line.inline.finish().trim();
    if (line.pre && rawOf(line).trim() !== '') {
      if (paragraph.length > 0 || list.length > 0) flush();
      pre.push(line);
      continue;
    }
    if (line.prefix !== '') {
      if (paragraph.length > 0 || pre.length > 0) flush();
      // A GFM cell is one line: its list items become bullets in the text.
      if (context.singleLine) list.push(/[*#]/u.test(line.prefix) ? `• ${content}` : escapeLineStart(content));
      else previous = listLine(line, content, previous, list);
      continue;
    }
    if (content === '') {
      flush();
      continue;
    }
    if (list.length > 0 || pre.length > 0) flush();
    paragraph.push(escapeLineStart(content));
  }
  flush();
  let out = '';
  let before = 0;
  for (const block of withoutEmptyReferenceHeadings(blocks, context)) {
    if (block.text.trim() === '') continue;
    // Blocks inside the same <blockquote> stay in it: the blank line between them is quoted too.
    if (out !== '') out += `\n${'> '.repeat(Math.min(before, block.quote)).trimEnd()}\n`;
    out += block.quote === 0 ? block.text : block.text.replace(/^/gmu, '> '.repeat(block.quote)).replace(/^((?:> )+)$/gmu, (quotes: string) => quotes.trimEnd());
    before = block.quote;
  }
  return out;
}

function preformatted(lines: readonly Line[], context: Context): string {
  const markup = lines.find((line) => line.markup !== null)?.markup;
  if (markup != null) report(context, markup, 'preformatted text', 'became a code block; the markup in it is shown as written');
  return codeBlock(lines.map((line) => rawOf(line).slice(1)).join('\n'));
}

/** Writes one list, indentation or definition line; returns what the next line compares with. */
function listLine(line: Line, content: string, previous: { colons: number; rest: string } | null, out: string[]): { colons: number; rest: string } {
  const colons = /^:*/u.exec(line.prefix)?.[0].length ?? 0;
  const rest = line.prefix.slice(colons);
  const quotes = '> '.repeat(colons);
  const before = previous !== null && previous.colons === colons ? previous.rest : null;

  if (rest === '' || rest === ';') {
    // A reply or a term: a paragraph of its own, separated from the line before.
    if (out.length > 0) out.push(separator(previous?.colons ?? 0, colons));
    const text = rest === ';' && content !== '' ? `**${content}**` : content;
    out.push(`${quotes}${escapeLineStart(text)}`);
    return { colons, rest };
  }
  if (out.length > 0 && (before === null || previous?.colons !== colons)) out.push(separator(previous?.colons ?? 0, colons));
  let common = 0;
  if (before !== null) {
    while (common < rest.length && common < before.length && rest[common] === before[common]) common += 1;
    if (common === rest.length) common -= 1;
  }
  const indent = Array.from(rest.slice(0, common), (char) => ITEM_WIDTH[char] ?? 0).reduce((sum, width) => sum + width, 0);
  const last = rest[rest.length - 1] as string;
  let markers = '';
  for (const char of rest.slice(common)) markers += char === '*' ? '- ' : char === '#' ? '1. ' : '';
  if (markers === '' && (last === ':' || last === ';')) {
    // Continuing an item: a blank (quote-only) line first, or markdown would join it to the item's text.
    out.push(quotes.trimEnd());
  }
  const text = last === ';' && content !== '' ? `**${content}**` : content;
  out.push(`${quotes}${' '.repeat(indent)}${markers}${markers === '' ? escapeLineStart(text) : escapeListText(text)}`);
  return { colons, rest };
}

/** Text right after a list marker is at a line start for markdown too ("- - x" is a nested list). */
function escapeListText(text: string): string {
  return text === '' ? '' : escapeLineStart(text);
}

/** A line that ends the previous paragraph but stays inside the quote levels both lines share. */
function separator(before: number, now: number): string {
  return '> '.repeat(Math.min(before, now)).trimEnd();
}
