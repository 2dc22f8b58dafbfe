/**
 * The tokens of template syntax in a text, for the preprocessor (scan.ts): runs of braces and
 * square brackets, pipes and equals signs, and the parts that are replaced outright (comments,
 * <nowiki>, <infobox>, and noinclude/includeonly/onlyinclude as the mode says). Markdown code
 * (code-regions.ts) yields nothing. Deterministic: the preprocessor walks a text twice and both
 * walks see the same tokens in the same order.
 *
 * Linear: one regular-expression pass over the special characters; a closing tag is searched once
 * per start tag and given up for good when missing (MediaWiki's noMoreClosingTag); tag attributes
 * are read at most 1,000 characters far.
 */
import { codeRegions } from '@/lib/domain/templates/code-regions';
import type { PNode } from '@/lib/domain/templates/scan';

/** Whether the text is transcluded into another page (template) or shown as the page itself. */
export type ScanMode = 'include' | 'page';

export interface TokenVisitor {
  /** An opening run of two or more "{" or "[", or a closing run of two or more "}" or "]". */
  run(char: '{' | '[' | '}' | ']', start: number, count: number): void;
  split(char: '|' | '=', at: number): void;
  /** text[start, end) stands for `node`, or for nothing (a comment, a part left out, a tag that vanishes). */
  replace(start: number, end: number, node: PNode | null): void;
}

const SPECIAL = /[{}[\]|=<]/gu;
const TAG = /<(\/?)(noinclude|includeonly|onlyinclude|nowiki|infobox)(?:\s[^<>]{0,1000}?)?(\/?)>/iuy;
const END_TAG: Readonly<Record<string, RegExp>> = {
  noinclude: /<\/noinclude\s*>/giu,
  includeonly: /<\/includeonly\s*>/giu,
  nowiki: /<\/nowiki\s*>/giu,
  infobox: /<\/infobox\s*>/giu,
};

export function tokenize(text: string, mode: ScanMode, visitor: TokenVisitor): void {
  const regions = codeRegions(text);
  let region = 0;
  const noMoreClosing = new Set<string>();
  const closingTag = (name: string, from: number): { start: number; end: number } | null => {
    if (noMoreClosing.has(name)) return null;
    const pattern = END_TAG[name]!;
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    if (match !== null) return { start: match.index, end: match.index + match[0].length };
    noMoreClosing.add(name);
    return null;
  };

  /** The end of what a tag at `start` replaces, after telling the visitor; null when the tag is text. */
  const tag = (start: number): number | null => {
    TAG.lastIndex = start;
    const found = TAG.exec(text);
    if (found === null) return null;
    const closing = found[1] === '/';
    const name = found[2]!.toLowerCase();
    const selfClosing = found[3] === '/';
    const tagEnd = start + found[0].length;
    if (name === 'nowiki' || name === 'infobox') {
      // A stray end tag, or a start tag never closed, is text (MediaWiki shows it as written).
      if (closing) return null;
      if (selfClosing) {
        if (name === 'nowiki') return null;
        visitor.replace(start, tagEnd, { kind: 'infobox', inner: '' });
        return tagEnd;
      }
      const close = closingTag(name, tagEnd);
      if (close === null) return null;
      visitor.replace(start, close.end, name === 'infobox' ? { kind: 'infobox', inner: text.slice(tagEnd, close.start) } : text.slice(start, close.end));
      return close.end;
    }
    // The part left out in this mode: noinclude when transcluded, includeonly when shown.
    if (name === (mode === 'include' ? 'noinclude' : 'includeonly') && !closing && !selfClosing) {
      const end = closingTag(name, tagEnd)?.end ?? text.length;
      visitor.replace(start, end, null);
      return end;
    }
    // Every other of these tags vanishes (a stray end tag too: it never means anything).
    visitor.replace(start, tagEnd, null);
    return tagEnd;
  };

  SPECIAL.lastIndex = 0;
  for (let match = SPECIAL.exec(text); match !== null; match = SPECIAL.exec(text)) {
    const at = match.index;
    while (region < regions.length && regions[region]!.end <= at) region += 1;
    const code = regions[region];
    if (code !== undefined && code.start <= at) {
      SPECIAL.lastIndex = code.end;
      continue;
    }
    const char = match[0] as '{' | '}' | '[' | ']' | '|' | '=' | '<';
    if (char === '<') {
      if (text.startsWith('<!--', at)) {
        const close = text.indexOf('-->', at + 4);
        const end = close < 0 ? text.length : close + 3;
        visitor.replace(at, end, null);
        SPECIAL.lastIndex = end;
        continue;
      }
      const end = tag(at);
      if (end !== null) SPECIAL.lastIndex = end;
      continue;
    }
    if (char === '|' || char === '=') {
      visitor.split(char, at);
      continue;
    }
    let end = at + 1;
    while (text[end] === char) end += 1;
    if (end - at >= 2) visitor.run(char, at, end - at);
    SPECIAL.lastIndex = end;
  }
}
