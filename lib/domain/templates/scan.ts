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
 * Two walks over the tokens (tokens.ts), both linear: the first decides, with integers only, which
 * runs match and which pipes and "=" split arguments (a run left open decides nothing in the end);
 * the second builds nodes for those alone. A flood of 500,000 unclosed "{{a|" therefore builds no
 * structure to throw away, and the result needs no unwinding.
 */
import { tokenize, type ScanMode } from '@/lib/domain/templates/tokens';

export type { ScanMode } from '@/lib/domain/templates/tokens';

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
  return build(text, mode, plan(text, mode));
}

/** What the first walk decided, as flat arrays of small integers. */
interface Plan {
  /** Per opening run (in order): how many times a "{" run was matched (each match ends a segment). */
  matches: number[];
  /** Triples: position of the closing characters, run, characters matched (2 or 3); "{" runs only. */
  closes: number[];
  /** Quadruples: position, 0 for "|" or 1 for "=", run, segment of the run it splits. */
  splits: number[];
}

/**
 * MediaWiki's matching (Preprocessor_Hash): a closing run matches the top of the stack only, at
 * most three braces or two brackets at a time; what is left of an opening run stays open when
 * two or more remain (a new segment of it). Pipes and the first "=" of an argument count for the
 * "{" run on top.
 */
function plan(text: string, mode: ScanMode): Plan {
  const open: number[] = []; // 0 for "{", 1 for "["
  const count: number[] = [];
  const segment: number[] = [];
  const parts: number[] = [];
  const named: number[] = [];
  const matches: number[] = [];
  const closes: number[] = [];
  const splits: number[] = [];
  const stack: number[] = [];
  tokenize(text, mode, {
    run(char, start, length) {
      if (char === '{' || char === '[') {
        stack.push(open.length);
        open.push(char === '{' ? 0 : 1);
        count.push(length);
        segment.push(0);
        parts.push(1);
        named.push(0);
        matches.push(0);
        return;
      }
      let at = start;
      let left = length;
      while (left > 0 && stack.length > 0) {
        const top = stack[stack.length - 1]!;
        if ((open[top] === 0 ? '}' : ']') !== char) break;
        const matching = Math.min(left, count[top]!, open[top] === 0 ? 3 : 2);
        if (matching < 2) break;
        stack.pop();
        if (open[top] === 0) {
          closes.push(at, top, matching);
          matches[top]! += 1;
        }
        count[top]! -= matching;
        if (count[top]! >= 2) {
          stack.push(top);
          segment[top]! += 1;
          parts[top] = 1;
          named[top] = 0;
        }
        at += matching;
        left -= matching;
      }
    },
    split(char, at) {
      const top = stack[stack.length - 1];
      if (top === undefined || open[top] !== 0) return;
      if (char === '|') {
        splits.push(at, 0, top, segment[top]!);
        parts[top]! += 1;
        named[top] = 0;
      } else if (parts[top]! > 1 && named[top] === 0) {
        splits.push(at, 1, top, segment[top]!);
        named[top] = 1;
      }
    },
    replace() {},
  });
  return { matches, closes, splits };
}

interface Piece {
  run: number;
  segment: number;
  count: number;
  parts: { name: PNode[] | null; value: PNode[] }[];
}

/** The second walk: nodes for the runs that match, everything else stays text, in order. */
function build(text: string, mode: ScanMode, { matches, closes, splits }: Plan): PNode[] {
  const root: PNode[] = [];
  const stack: Piece[] = [];
  let literalStart = 0;
  let nextRun = 0;
  let close = 0;
  let split = 0;
  const accum = (): PNode[] => {
    const top = stack[stack.length - 1];
    return top === undefined ? root : top.parts[top.parts.length - 1]!.value;
  };
  const flush = (end: number) => {
    if (end > literalStart) accum().push(text.slice(literalStart, end));
    literalStart = end;
  };
  tokenize(text, mode, {
    run(char, start, length) {
      if (char === '{' || char === '[') {
        const run = nextRun;
        nextRun += 1;
        // "[[…]]" only kept pipes from splitting (decided already): here it is text.
        if (char === '[' || matches[run] === 0) return;
        flush(start);
        stack.push({ run, segment: 0, count: length, parts: [{ name: null, value: [] }] });
        literalStart = start + length;
        return;
      }
      while (close < closes.length && closes[close]! < start + length) {
        const at = closes[close]!;
        const matching = closes[close + 2]!;
        close += 3;
        flush(at);
        const piece = stack.pop()!;
        const element = closedElement(piece, matching);
        piece.count -= matching;
        piece.segment += 1;
        if (piece.segment < matches[piece.run]!) {
          piece.parts = [{ name: null, value: [element] }];
          stack.push(piece);
        } else {
          // Braces of the run never matched are text before the element (they are its outer ones).
          if (piece.count > 0) accum().push('{'.repeat(piece.count));
          accum().push(element);
        }
        literalStart = at + matching;
      }
    },
    split(char, at) {
      while (split < splits.length && splits[split]! < at) split += 4;
      if (splits[split] !== at) return;
      const run = splits[split + 2]!;
      const live = splits[split + 3]! < matches[run]!;
      split += 4;
      if (!live) return;
      const top = stack[stack.length - 1]!;
      flush(at);
      literalStart = at + 1;
      if (char === '|') {
        top.parts.push({ name: null, value: [] });
        return;
      }
      const part = top.parts[top.parts.length - 1]!;
      part.name = part.value;
      part.value = [];
    },
    replace(start, end, node) {
      flush(start);
      if (node !== null) accum().push(node);
      literalStart = end;
    },
  });
  flush(text.length);
  return root;
}

function closedElement(piece: Piece, matching: number): PNode {
  const [first, ...parts] = piece.parts;
  const head = first!.value;
  return matching === 3 ? { kind: 'arg', name: head, parts } : { kind: 'template', title: head, parts };
}
