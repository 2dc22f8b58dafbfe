/**
 * What every part of the converter shares while converting one text: the issues found, the
 * footnotes collected, and the situation the markup is in (a GFM table cell is one line and
 * ends at "|").
 */
import type { AstNodes } from 'wikiparser-node/dist/internal';
import type { Footnotes } from '@/lib/domain/wikitext/refs';

export interface ConversionIssue {
  /** Short stable name of the construct, used to group the report, e.g. "table: rowspan/colspan", "html: <span>", "parser function: #expr", "interlanguage link", "behaviour switch: __NOTOC__", "definition list". */
  construct: string;
  /** 1-based line in the wikitext where it occurs. */
  line: number;
  /** What became of it, one short sentence: "kept its text, dropped the colour", "dropped (the original is kept)". */
  detail: string;
}

export interface Context {
  readonly issues: ConversionIssue[];
  readonly notes: Footnotes;
  /** Offsets of the line starts of the whole wikitext, for line numbers. */
  readonly lineStarts: readonly number[];
  /** Inside a GFM table cell: "|" is escaped where markdown reads it, line breaks become spaces. */
  readonly inCell: boolean;
  /** The result must be one line (cells, headings, captions, link labels). */
  readonly singleLine: boolean;
}

export function lineOf(context: Context, node: AstNodes): number {
  let index: number;
  try {
    index = node.getAbsoluteIndex();
  } catch {
    return 1;
  }
  const starts = context.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= index) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

export function report(context: Context, node: AstNodes, construct: string, detail: string): void {
  context.issues.push({ construct, line: lineOf(context, node), detail });
}
