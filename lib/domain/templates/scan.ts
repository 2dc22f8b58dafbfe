/**
 * MediaWiki's preprocessor for template syntax in Markdown text: turns a page's or a template's
 * source into a tree of literal text, template calls `{{…}}`, parameters `{{{…}}}` and portable
 * infoboxes, which expand.ts then evaluates. Why it is hand-written: docs/hand-written.md.
 *
 * It follows Preprocessor_Hash (MediaWiki 1.4x) where Markdown does not say otherwise:
 * - One left-to-right pass with a stack of open brace and "[[" runs. A closing run matches the top
 *   of the stack only; "{{{" wins over "{{" (`{{{{x}}}}` is "{", the parameter x, "}"); leftover
 *   opening braces stay open or become text. `|` splits a call's arguments and the first `=` of an
 *   argument names it, only while a brace run is on top: pipes inside `[[…|…]]`, `{{…}}` or
 *   `{{{…}}}` nested in an argument belong to those.
 * - Runs still open at the end become text again, with what was matched inside them kept.
 * - `<!-- … -->` is dropped (as MediaWiki's HTML output does), `<nowiki>…</nowiki>` stays as
 *   written and is not expanded, `<infobox>…</infobox>` becomes one node (infobox.ts reads it).
 * - `<noinclude>`, `<includeonly>`, `<onlyinclude>` as MediaWiki: when transcluded, noinclude
 *   parts are left out, includeonly tags vanish and, if there is an onlyinclude section, only such
 *   sections count; when the page itself is shown, includeonly parts are left out and the other
 *   tags vanish. A missing end tag runs to the end of the text, as in MediaWiki.
 * - Markdown: fenced code blocks and inline code spans are never expanded (a template's
 *   documentation shows its calls in code), the way MediaWiki leaves <pre> alone.
 *
 * Linear in the text: each character is looked at a bounded number of times; the search for a
 * closing tag is given up for good once it fails (MediaWiki's noMoreClosingTag), and runs left
 * open are joined into their parent by reference and flattened once at the end.
 */
import { codeRegions } from '@/lib/domain/templates/code-regions';

export type PNode = string | TemplateNode | ArgNode | InfoboxNode;

/** One argument: `value`, or `name=value` (name set). */
export interface PPart {
  name: PNode[] | null;
  value: PNode[];
}

export interface TemplateNode {
  kind: 'template';
  title: PNode[];
  /** The arguments after the first "|". */
  parts: PPart[];
}

export interface ArgNode {
  kind: 'arg';
  name: PNode[];
  /** parts[0] is the default; MediaWiki ignores further ones. */
  parts: PPart[];
}

export interface InfoboxNode {
  kind: 'infobox';
  /** What was written between <infobox …> and </infobox>. */
  inner: string;
}

/** Runs left open at the end: joined by reference, flattened once (no quadratic copying). */
interface Group {
  kind: 'group';
  nodes: (PNode | Group)[];
}

type Accum = (PNode | Group)[];

interface Piece {
  open: '{' | '[';
  count: number;
  parts: { name: Accum | null; value: Accum }[];
}

/** Whether the text is transcluded into another page (template) or shown as the page itself. */
export type ScanMode = 'include' | 'page';

const SPECIAL = /[{}[\]|=<]/gu;
const TAG = /<(\/?)(noinclude|includeonly|onlyinclude|nowiki|infobox)(?:\s[^<>]{0,1000}?)?(\/?)>/iuy;
const END_TAG: Record<string, RegExp> = {
  noinclude: /<\/noinclude\s*>/giu,
  includeonly: /<\/includeonly\s*>/giu,
  nowiki: /<\/nowiki\s*>/giu,
  infobox: /<\/infobox\s*>/giu,
};

/**
 * The text of a transcluded page that counts: with an `<onlyinclude>` section (written exactly
 * so, as MediaWiki checks), only the inside of such sections, joined.
 */
function onlyIncluded(text: string): string {
  if (!text.includes('<onlyinclude>')) return text;
  const pieces: string[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('<onlyinclude>', from);
    if (start < 0) break;
    const inner = start + '<onlyinclude>'.length;
    const end = text.indexOf('</onlyinclude>', inner);
    pieces.push(text.slice(inner, end < 0 ? text.length : end));
    if (end < 0) break;
    from = end + '</onlyinclude>'.length;
  }
  return pieces.join('');
}

export function scan(source: string, mode: ScanMode): PNode[] {
  const text = mode === 'include' ? onlyIncluded(source) : source;
  const regions = codeRegions(text);
  let region = 0;
  const root: Accum = [];
  const stack: Piece[] = [];
  const noMoreClosing = new Set<string>();
  let literalStart = 0;

  const accum = (): Accum => {
    const top = stack[stack.length - 1];
    if (top === undefined) return root;
    return top.parts[top.parts.length - 1]!.value;
  };
  const flush = (end: number) => {
    if (end > literalStart) accum().push(text.slice(literalStart, end));
  };
  /** The closing tag of `name` after `from`, or null (then never searched again: linear on floods of start tags). */
  const closingTag = (name: string, from: number): { start: number; end: number } | null => {
    if (noMoreClosing.has(name)) return null;
    const pattern = END_TAG[name]!;
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    if (match === null) {
      noMoreClosing.add(name);
      return null;
    }
    return { start: match.index, end: match.index + match[0].length };
  };

  SPECIAL.lastIndex = 0;
  for (let match = SPECIAL.exec(text); match !== null; match = SPECIAL.exec(text)) {
    let i = match.index;
    while (region < regions.length && regions[region]!.end <= i) region += 1;
    const code = regions[region];
    if (code !== undefined && code.start <= i) {
      SPECIAL.lastIndex = code.end;
      continue;
    }
    const char = match[0];
    if (char === '<') {
      if (text.startsWith('<!--', i)) {
        flush(i);
        const close = text.indexOf('-->', i + 4);
        i = close < 0 ? text.length : close + 3;
        literalStart = i;
        SPECIAL.lastIndex = i;
        continue;
      }
      TAG.lastIndex = i;
      const tag = TAG.exec(text);
      if (tag === null) continue;
      const closing = tag[1] === '/';
      const name = tag[2]!.toLowerCase();
      const selfClosing = tag[3] === '/';
      const tagEnd = i + tag[0].length;
      let next = handleTag(name, closing, selfClosing, i, tagEnd);
      if (next === null) continue;
      flush(i);
      if (typeof next !== 'number') {
        accum().push(next.node);
        next = next.end;
      }
      literalStart = next;
      SPECIAL.lastIndex = next;
      continue;
    }
    const count = runLength(text, i, char);
    if (char === '{' || char === '[') {
      if (count >= 2) {
        flush(i);
        stack.push({ open: char, count, parts: [{ name: null, value: [] }] });
        literalStart = i + count;
      }
      SPECIAL.lastIndex = i + count;
      continue;
    }
    if (char === '}' || char === ']') {
      SPECIAL.lastIndex = i + count;
      let left = count;
      while (left > 0) {
        const top = stack[stack.length - 1];
        if (top === undefined || (top.open === '{' ? '}' : ']') !== char) break;
        const matching = Math.min(left, top.count, top.open === '{' ? 3 : 2);
        if (matching < 2) break;
        flush(i);
        stack.pop();
        const element = closedElement(top, matching);
        top.count -= matching;
        if (top.count >= 2) {
          top.parts = [{ name: null, value: [] }];
          stack.push(top);
        } else if (top.count === 1) accum().push(top.open);
        accum().push(element);
        i += matching;
        left -= matching;
        literalStart = i;
      }
      continue;
    }
    const top = stack[stack.length - 1];
    if (top?.open !== '{') continue;
    if (char === '|') {
      flush(i);
      top.parts.push({ name: null, value: [] });
      literalStart = i + 1;
    } else if (char === '=' && top.parts.length > 1) {
      const part = top.parts[top.parts.length - 1]!;
      if (part.name !== null) continue;
      flush(i);
      part.name = part.value;
      part.value = [];
      literalStart = i + 1;
    }
  }
  flush(text.length);
  while (stack.length > 0) {
    const piece = stack.pop()!;
    accum().push(brokenPiece(piece));
  }
  return flatten(root);

  /** Where scanning goes on after a tag (number), a node to insert, or null for "just text". */
  function handleTag(name: string, closing: boolean, selfClosing: boolean, tagStart: number, tagEnd: number): number | { node: PNode; end: number } | null {
    if (name === 'nowiki' || name === 'infobox') {
      // A stray end tag, or a start tag never closed, is text (MediaWiki shows it as written).
      if (closing) return null;
      if (selfClosing) return name === 'infobox' ? { node: { kind: 'infobox', inner: '' }, end: tagEnd } : null;
      const close = closingTag(name, tagEnd);
      if (close === null) return null;
      if (name === 'infobox') return { node: { kind: 'infobox', inner: text.slice(tagEnd, close.start) }, end: close.end };
      return { node: text.slice(tagStart, close.end), end: close.end };
    }
    // The part left out in this mode: noinclude when transcluded, includeonly when shown.
    const dropped = mode === 'include' ? 'noinclude' : 'includeonly';
    if (name === dropped && !closing && !selfClosing) {
      const close = closingTag(name, tagEnd);
      return close === null ? text.length : close.end;
    }
    // Every other of these tags vanishes (a stray end tag too: it never means anything).
    return tagEnd;
  }
}

function runLength(text: string, start: number, char: string): number {
  let end = start + 1;
  while (text[end] === char) end += 1;
  return end - start;
}

/** The node for a closed run: a call or parameter for braces, plain text for "[[…]]". */
function closedElement(piece: Piece, matching: number): PNode | Group {
  if (piece.open === '[') return brokenPiece(piece, '[[', ']]');
  const [first, ...rest] = piece.parts;
  const parts = rest.map((part) => ({ name: part.name === null ? null : flatten(part.name), value: flatten(part.value) }));
  const head = flatten(first!.value);
  return matching === 3 ? { kind: 'arg', name: head, parts } : { kind: 'template', title: head, parts };
}

/** A run as the text it was: opening characters, parts joined by "|" and "=", closing if given. */
function brokenPiece(piece: Piece, open = piece.open.repeat(piece.count), close = ''): Group {
  const nodes: Accum = [open];
  piece.parts.forEach((part, index) => {
    if (index > 0) nodes.push('|');
    if (part.name !== null) nodes.push({ kind: 'group', nodes: part.name }, '=');
    nodes.push({ kind: 'group', nodes: part.value });
  });
  if (close !== '') nodes.push(close);
  return { kind: 'group', nodes };
}

/**
 * Groups replaced by their contents, without recursion (runs left open can nest 100,000 deep), and
 * neighbouring texts joined: a flood of unclosed braces becomes one text, not a million nodes.
 */
function flatten(nodes: Accum): PNode[] {
  if (nodes.length < 2 && !nodes.some((node) => typeof node !== 'string' && node.kind === 'group')) return nodes as PNode[];
  const out: PNode[] = [];
  let text: string[] = [];
  const push = (node: PNode) => {
    if (typeof node === 'string') {
      text.push(node);
      return;
    }
    if (text.length > 0) out.push(text.join(''));
    text = [];
    out.push(node);
  };
  const stack: { nodes: Accum; index: number }[] = [{ nodes, index: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.index >= frame.nodes.length) {
      stack.pop();
      continue;
    }
    const node = frame.nodes[frame.index]!;
    frame.index += 1;
    if (typeof node !== 'string' && node.kind === 'group') stack.push({ nodes: node.nodes, index: 0 });
    else push(node);
  }
  if (text.length > 0) out.push(text.join(''));
  return out;
}
