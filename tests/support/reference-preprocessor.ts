/**
 * A reference for lib/domain/templates/scan.ts: MediaWiki's Preprocessor_Hash brace matching ported
 * as directly as possible, in one pass with a stack of open runs that are broken back into text at
 * the end (simple, but it builds and throws away structure for every run left open, and its
 * copying is quadratic on floods of them: for small inputs only). The real
 * scanner decides first and builds second; tests/unit/template-expander.test.ts checks that both
 * give the same tree on random token soups.
 */
import { tokenize, type ScanMode } from '@/lib/domain/templates/tokens';
import type { PNode } from '@/lib/domain/templates/scan';

interface Piece {
  open: '{' | '[';
  count: number;
  parts: { name: PNode[] | null; value: PNode[] }[];
}

export function referenceScan(text: string, mode: ScanMode): PNode[] {
  const root: PNode[] = [];
  const stack: Piece[] = [];
  let literalStart = 0;
  const accum = (): PNode[] => {
    const top = stack[stack.length - 1];
    return top === undefined ? root : top.parts[top.parts.length - 1]!.value;
  };
  const flush = (end: number) => {
    if (end > literalStart) accum().push(text.slice(literalStart, end));
    literalStart = end;
  };
  tokenize(text, mode, {
    run(char, start, count) {
      if (char === '{' || char === '[') {
        flush(start);
        stack.push({ open: char, count, parts: [{ name: null, value: [] }] });
        literalStart = start + count;
        return;
      }
      let at = start;
      let left = count;
      while (left > 0) {
        const top = stack[stack.length - 1];
        if (top === undefined || (top.open === '{' ? '}' : ']') !== char) break;
        const matching = Math.min(left, top.count, top.open === '{' ? 3 : 2);
        if (matching < 2) break;
        flush(at);
        stack.pop();
        const element: PNode[] =
          top.open === '['
            ? broken(top, '[[', ']]')
            : [
                matching === 3
                  ? { kind: 'arg', name: top.parts[0]!.value, parts: top.parts.slice(1) }
                  : { kind: 'template', title: top.parts[0]!.value, parts: top.parts.slice(1) },
              ];
        top.count -= matching;
        if (top.count >= 2) {
          top.parts = [{ name: null, value: [] }];
          stack.push(top);
        } else if (top.count === 1) accum().push(top.open);
        accum().push(...element);
        at += matching;
        left -= matching;
        literalStart = at;
      }
    },
    split(char, at) {
      const top = stack[stack.length - 1];
      if (top?.open !== '{') return;
      const part = top.parts[top.parts.length - 1]!;
      if (char === '|') {
        flush(at);
        top.parts.push({ name: null, value: [] });
        literalStart = at + 1;
      } else if (top.parts.length > 1 && part.name === null) {
        flush(at);
        part.name = part.value;
        part.value = [];
        literalStart = at + 1;
      }
    },
    replace(start, end, node) {
      flush(start);
      if (node !== null) accum().push(node);
      literalStart = end;
    },
  });
  flush(text.length);
  while (stack.length > 0) {
    const piece = stack.pop()!;
    accum().push(...broken(piece, piece.open.repeat(piece.count), ''));
  }
  return root;
}

function broken(piece: Piece, open: string, close: string): PNode[] {
  const nodes: PNode[] = [open];
  piece.parts.forEach((part, index) => {
    if (index > 0) nodes.push('|');
    if (part.name !== null) nodes.push(...part.name, '=');
    nodes.push(...part.value);
  });
  if (close !== '') nodes.push(close);
  return nodes;
}

/** Neighbouring texts joined, at every level: two trees that read the same compare equal. */
export function normalizeTree(nodes: readonly PNode[]): PNode[] {
  const out: PNode[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (typeof node === 'string') {
      if (node === '') continue;
      if (typeof last === 'string') out[out.length - 1] = last + node;
      else out.push(node);
      continue;
    }
    if (node.kind === 'infobox') out.push(node);
    else if (node.kind === 'template') out.push({ kind: 'template', title: normalizeTree(node.title), parts: normalizeParts(node.parts) });
    else out.push({ kind: 'arg', name: normalizeTree(node.name), parts: normalizeParts(node.parts) });
  }
  return out;
}

function normalizeParts(parts: readonly { name: PNode[] | null; value: PNode[] }[]) {
  return parts.map((part) => ({ name: part.name === null ? null : normalizeTree(part.name), value: normalizeTree(part.value) }));
}
