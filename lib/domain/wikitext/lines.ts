/**
 * The walk over wikiparser-node's token tree. The tree is flat where MediaWiki's block structure is
 * concerned (list markers, newlines and HTML tags are siblings of the text, as the parser leaves
 * paragraphs and lists to a later pass, doBlockLevels), so the walk first cuts the tokens into
 * lines, each with its list prefix and inline markdown, and ./render-lines.ts then groups the lines
 * into paragraphs, lists, quotes and code blocks as doBlockLevels does.
 */
import type { AstNodes, Token } from 'wikiparser-node/dist/internal';
import { escapeInline, escapeLineStart, inlineCode } from '@/lib/domain/wikitext/escape';
import { InlineLine } from '@/lib/domain/wikitext/inline';
import { report, type Context } from '@/lib/domain/wikitext/context';
import { renderLines, type Line } from '@/lib/domain/wikitext/render-lines';
import { argMarkdown, extLinkMarkdown, fileMarkdown, linkMarkdown, magicWordMarkdown, templateMarkdown, LINK_TRAIL, isReferenceList } from '@/lib/domain/wikitext/links';
import { flattenedTable, tableMarkdown } from '@/lib/domain/wikitext/tables';
import { extensionMarkdown } from '@/lib/domain/wikitext/extensions';

/** Tags dropped with their content kept: MediaWiki styles with them, the wiki's markdown cannot. */
const PRESENTATIONAL = new Set('span div center font small big sup sub u ins mark abbr cite var dfn bdi bdo q ruby rb rp rt rtc data time p'.split(' '));
const CODE_TAGS = new Set(['code', 'tt', 'kbd', 'samp']);
const FORMATS: Readonly<Record<string, 'bold' | 'italic' | 'strike'>> = { b: 'bold', strong: 'bold', i: 'italic', em: 'italic', s: 'strike', del: 'strike', strike: 'strike' };

export interface FragmentOptions {
  /** A leading space on the first line makes preformatted text only at the start of a page or cell. */
  firstLineMayBePre?: boolean;
  /** `<poem>`: every line break is kept. */
  poem?: boolean;
}

/** Converts a sequence of sibling tokens (a page, a cell, a reference, a template argument). */
export function convertNodes(nodes: readonly AstNodes[], context: Context, options: FragmentOptions = {}): string {
  const walker = new Walker(context, options.firstLineMayBePre ?? false, options.poem ?? false);
  walker.walk(nodes);
  return renderLines(walker.finish(), context, options.poem ?? false);
}

function tag(node: AstNodes): { name: string; closing: boolean; selfClosing: boolean } {
  return node as unknown as { name: string; closing: boolean; selfClosing: boolean };
}

function isCodeOpening(node: AstNodes): boolean {
  const { name, closing, selfClosing } = tag(node);
  return CODE_TAGS.has(name) && !closing && !selfClosing;
}

function newLine(): Line {
  return { prefix: '', pre: false, raw: [], markup: null, heading: 0, referenceList: false, inline: new InlineLine(), block: null, quote: 0 };
}

class Walker {
  private readonly lines: Line[] = [];
  private line: Line = newLine();
  private quote = 0;
  /** Whether the current line began after a newline (only such lines can be preformatted). */
  private afterNewline: boolean;

  constructor(
    private readonly context: Context,
    firstLineMayBePre: boolean,
    private readonly poem: boolean,
  ) {
    this.afterNewline = firstLineMayBePre;
  }

  finish(): Line[] {
    this.endLine();
    return this.lines;
  }

  private endLine(): void {
    this.line.quote = this.quote;
    this.lines.push(this.line);
    this.line = newLine();
  }

  private atLineStart(): boolean {
    return this.line.prefix === '' && this.line.raw.length === 0 && this.line.block === null;
  }

  private block(markdown: string, node: AstNodes, heading = 0): void {
    if (!this.atLineStart()) this.endLine();
    this.line.block = markdown;
    this.line.heading = heading;
    this.line.raw.push(node);
    this.endLine();
    this.afterNewline = false;
  }

  walk(nodes: readonly AstNodes[]): void {
    for (let i = 0; i < nodes.length; i += 1) {
      const node = nodes[i] as AstNodes;
      if (node.type === 'text') {
        this.text(node.data);
        continue;
      }
      if (node.type === 'link') {
        // Link trails ("[[cat]]s"): the letters after the link belong to its label in MediaWiki.
        const next = nodes[i + 1];
        const trail = next?.type === 'text' ? (LINK_TRAIL.exec(next.data)?.[0] ?? '') : '';
        this.token(node, trail);
        if (trail !== '' && next?.type === 'text') {
          this.text(next.data.slice(trail.length));
          i += 1;
        }
        continue;
      }
      if (node.type === 'html' && isCodeOpening(node)) {
        i = this.codeSpan(nodes, i);
        continue;
      }
      this.token(node, '');
    }
  }

  private text(data: string): void {
    const segments = data.split('\n');
    segments.forEach((text, index) => {
      let segment = text;
      if (index > 0) {
        this.endLine();
        this.afterNewline = true;
      }
      if (segment === '') return;
      if (this.poem && this.atLineStart() && segment.startsWith(' ')) {
        // <poem> keeps a line's indentation (MediaWiki writes it as no-break spaces); no preformatting.
        const spaces = segment.length - segment.trimStart().length;
        this.line.raw.push(segment.slice(0, spaces));
        this.line.inline.add('&nbsp;'.repeat(spaces));
        segment = segment.slice(spaces);
        if (segment === '') return;
      }
      if (this.atLineStart() && this.afterNewline && segment.startsWith(' ') && !this.context.singleLine) this.line.pre = true;
      const afterBreak = this.line.inline.endsWith('\\\n');
      this.line.raw.push(segment);
      const escaped = escapeInline(segment, this.context.inCell);
      this.line.inline.add(afterBreak ? escapeLineStart(escaped) : escaped);
    });
  }

  /** `<code>…</code>` among siblings: a code span of the source between the tags. */
  private codeSpan(nodes: readonly AstNodes[], start: number): number {
    const opening = nodes[start] as AstNodes;
    let end = start + 1;
    while (end < nodes.length) {
      const candidate = nodes[end] as AstNodes;
      if (candidate.type === 'html' && candidate.name === (opening as { name?: string }).name && tag(candidate).closing) break;
      end += 1;
    }
    const inner = nodes.slice(start + 1, end);
    const source = inner.map(String).join('');
    if (inner.some((node) => node.type !== 'text'))
      report(this.context, opening, `html: <${String((opening as { name?: string }).name)}>`, 'became inline code; the markup inside it is shown as written');
    this.line.raw.push(opening, source);
    this.line.markup ??= opening;
    const code = inlineCode(source);
    this.line.inline.add(this.context.inCell ? code.replace(/\|/gu, '\\|') : code);
    return end;
  }

  private inline(markdown: string, node: AstNodes): void {
    this.line.raw.push(node);
    this.line.markup ??= node;
    this.line.inline.add(markdown);
  }

  private token(node: AstNodes, trail: string): void {
    const context = this.context;
    switch (node.type) {
      case 'list': {
        this.line.raw.push(node);
        this.line.prefix += String(node).trim();
        if (String(node).includes(';')) report(context, node, 'definition list', 'the term became a bold line, its definitions quoted');
        return;
      }
      case 'dd': {
        // "; term : definition" on one line: the definition is a line of its own.
        const prefix = this.line.prefix;
        this.endLine();
        this.line.prefix = `${prefix.slice(0, -1)}:`;
        this.line.raw.push(':');
        return;
      }
      case 'quote':
        this.line.inline.apostrophes(String(node).length);
        this.line.raw.push(node);
        return;
      case 'heading':
        this.heading(node);
        return;
      case 'hr':
        this.block('---', node);
        return;
      case 'redirect':
        this.block(String(node).trim(), node);
        return;
      case 'table':
        if (context.inCell) {
          report(context, node, 'table: nested table', 'its cells were written one after another in the outer cell');
          this.inline(flattenedTable(node, context), node);
        } else this.block(tableMarkdown(node, context), node);
        return;
      case 'html':
        this.html(node);
        return;
      case 'ext': {
        const result = extensionMarkdown(node, context);
        if (node.name === 'references') this.line.referenceList = true;
        if (result.block) this.block(result.markdown, node);
        else this.inline(result.markdown, node);
        return;
      }
      case 'link':
      case 'category':
      case 'redirect-target':
        this.inline(linkMarkdown(node, trail, context), node);
        return;
      case 'file':
      case 'gallery-image':
        this.inline(fileMarkdown(node, context), node);
        return;
      case 'ext-link':
        this.inline(extLinkMarkdown(node, context), node);
        return;
      case 'free-ext-link':
      case 'magic-link':
        // GFM autolinks the address as written; backslashes would stay visible inside it.
        this.inline(String(node), node);
        return;
      case 'template':
        this.inline(templateMarkdown(node, context), node);
        if (isReferenceList(node)) this.line.referenceList = true;
        return;
      case 'magic-word':
        this.inline(magicWordMarkdown(node, context), node);
        return;
      case 'arg':
        this.inline(argMarkdown(node, context), node);
        return;
      case 'double-underscore':
        // Counted as written text, so that a space after it does not make a preformatted line.
        this.line.raw.push(node);
        report(context, node, `behaviour switch: ${String(node)}`, 'dropped (the original is kept)');
        return;
      case 'comment':
        // Invisible in MediaWiki; a comment at a line start would swallow its line as an HTML block.
        return;
      case 'noinclude':
      case 'include':
        // Read by the template expander before markdown, so written as they are.
        this.inline(String(node), node);
        return;
      case 'onlyinclude':
        this.inline(`<onlyinclude>${convertNodes(node.childNodes, context)}</onlyinclude>`, node);
        return;
      default:
        report(context, node, `wikitext: ${node.type}`, 'kept as written, shown as text');
        this.inline(escapeInline(String(node), context.inCell), node);
    }
  }

  private heading(node: Token): void {
    const level = (node as unknown as { level: number }).level;
    const title = convertNodes((node.firstChild as Token).childNodes, { ...this.context, singleLine: true }).trim();
    const text = title.endsWith('#') ? `${title.slice(0, -1)}\\#` : title;
    this.block(`${'#'.repeat(Math.min(6, Math.max(1, level)))} ${text}`, node, level);
  }

  private html(node: AstNodes): void {
    const { name, closing, selfClosing } = tag(node);
    const context = this.context;
    this.line.raw.push(node);
    this.line.markup ??= node;
    const format = FORMATS[name];
    if (format !== undefined) {
      if (closing) this.line.inline.close(format);
      else if (!selfClosing) this.line.inline.open(format);
      return;
    }
    if (name === 'br') {
      if (context.singleLine) {
        report(context, node, 'html: <br>', context.inCell ? 'a table cell is one line: became a space' : 'became a space');
        this.line.inline.add(' ');
      } else this.line.inline.add('\\\n');
      return;
    }
    if (name === 'blockquote') {
      if (!this.atLineStart()) this.endLine();
      this.quote = Math.max(0, this.quote + (closing ? -1 : 1));
      return;
    }
    if (name === 'hr') {
      this.block('---', node);
      return;
    }
    if (!closing) report(context, node, `html: <${name}>`, PRESENTATIONAL.has(name) ? 'kept its text, dropped the tag and its styling' : 'dropped the tag, kept its content');
  }
}
