/**
 * MediaWiki's compare format (wikidiff2's inline JSON, as GET /w/rest.php/v1/revision/{from}/compare/{to}
 * returns it), built from our word diff: line types, highlight ranges in UTF-8 byte offsets and
 * the sections of each side. Pure: no I/O; the REST handler loads the revisions and calls this.
 */
import { diffRevisions, type ChangedRow, type DiffRow, type WordSegment } from '@/lib/domain/diff';

/** wikidiff2's DiffType. */
export const DiffLineType = { CONTEXT: 0, ADD: 1, DELETE: 2, CHANGE: 3, MOVE_SOURCE: 4, MOVE_DESTINATION: 5 } as const;
/** wikidiff2's HighlightType. */
export const HighlightType = { ADD: 0, DELETE: 1 } as const;

export interface HighlightRange {
  /** Byte offset (UTF-8) in `text`. */
  start: number;
  /** Length in bytes. */
  length: number;
  type: (typeof HighlightType)[keyof typeof HighlightType];
}

export interface CompareLine {
  type: (typeof DiffLineType)[keyof typeof DiffLineType];
  /** The line's number in the `to` revision; absent for deleted and moved-away lines. */
  lineNumber?: number;
  text: string;
  /** Byte offsets of the line in the `from` and `to` texts; null on the side the line is not on. */
  offset: { from: number | null; to: number | null };
  highlightRanges?: HighlightRange[];
  moveInfo?: { id: string; linkId: string; linkDirection: 0 | 1 };
}

export interface CompareSection {
  level: number;
  heading: string;
  /** Byte offset of the heading line in the revision's text. */
  offset: number;
}

export interface CompareResponse {
  from: { id: number; slot_role: 'main'; sections: CompareSection[] };
  to: { id: number; slot_role: 'main'; sections: CompareSection[] };
  diff: CompareLine[];
}

const utf8 = new TextEncoder();
const byteLength = (text: string): number => utf8.encode(text).length;

/** Byte offset of the start of each line (0-based index), splitting on "\n" as diff.ts does. */
function lineOffsets(text: string): number[] {
  const offsets: number[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    offsets.push(offset);
    offset += byteLength(line) + 1;
  }
  return offsets;
}

type Piece = { kind: 'copy' | 'add' | 'delete'; text: string };

/**
 * One changed line as wikidiff2 writes it: the words both sides share once, removed and inserted
 * words in between, and byte ranges marking which is which. Built from diff.ts's two segment lists
 * so that, whatever the alignment, dropping the "add" ranges gives exactly the old line and dropping
 * the "delete" ranges exactly the new one.
 */
export function inlineChange(oldSegments: WordSegment[], newSegments: WordSegment[]): { text: string; highlightRanges: HighlightRange[] } {
  const pieces: Piece[] = [];
  const push = (kind: Piece['kind'], text: string) => {
    if (text === '') return;
    const last = pieces[pieces.length - 1];
    if (last?.kind === kind) last.text += text;
    else pieces.push({ kind, text });
  };
  // Cursors: segment index and how much of that segment is already written.
  let i = 0;
  let iUsed = 0;
  let j = 0;
  let jUsed = 0;
  const oldAt = () => oldSegments[i];
  const newAt = () => newSegments[j];
  while (i < oldSegments.length || j < newSegments.length) {
    // Everything changed at the cursors first: removed words, then inserted words.
    while (oldAt()?.changed) {
      push('delete', (oldAt() as WordSegment).text.slice(iUsed));
      i++;
      iUsed = 0;
    }
    while (newAt()?.changed) {
      push('add', (newAt() as WordSegment).text.slice(jUsed));
      j++;
      jUsed = 0;
    }
    const oldSegment = oldAt();
    const newSegment = newAt();
    if (oldSegment === undefined && newSegment === undefined) break;
    const a = oldSegment ? oldSegment.text.slice(iUsed) : '';
    const b = newSegment ? newSegment.text.slice(jUsed) : '';
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) common++;
    // Do not cut a surrogate pair in two.
    if (common > 0 && common < a.length && /[\uD800-\uDBFF]/u.test(a[common - 1] ?? '')) common--;
    if (common > 0) {
      push('copy', a.slice(0, common));
    } else if (a !== '') {
      // The sides disagree on what is shared (diff.ts tidies each side separately): the old
      // side's next character counts as removed, so both lines still read back exactly.
      common = Math.min(a.length, /[\uD800-\uDBFF]/u.test(a[0] ?? '') ? 2 : 1);
      push('delete', a.slice(0, common));
      iUsed += common;
      if (iUsed >= (oldSegment?.text.length ?? 0)) {
        i++;
        iUsed = 0;
      }
      continue;
    } else {
      common = Math.min(b.length, /[\uD800-\uDBFF]/u.test(b[0] ?? '') ? 2 : 1);
      push('add', b.slice(0, common));
      jUsed += common;
      if (jUsed >= (newSegment?.text.length ?? 0)) {
        j++;
        jUsed = 0;
      }
      continue;
    }
    iUsed += common;
    jUsed += common;
    if (oldSegment && iUsed >= oldSegment.text.length) {
      i++;
      iUsed = 0;
    }
    if (newSegment && jUsed >= newSegment.text.length) {
      j++;
      jUsed = 0;
    }
  }

  let text = '';
  let bytes = 0;
  const highlightRanges: HighlightRange[] = [];
  for (const piece of pieces) {
    const length = byteLength(piece.text);
    if (piece.kind !== 'copy') highlightRanges.push({ start: bytes, length, type: piece.kind === 'add' ? HighlightType.ADD : HighlightType.DELETE });
    text += piece.text;
    bytes += length;
  }
  return { text, highlightRanges };
}

const joinSegments = (segments: WordSegment[] | null): string => (segments ?? []).map((segment) => segment.text).join('');

/** diff.ts's rows as wikidiff2's inline JSON (what MediaWiki's compare endpoint returns). */
export function compareLines(oldText: string, newText: string): CompareLine[] {
  const { rows } = diffRevisions(oldText, newText);
  const oldOffsets = lineOffsets(oldText);
  const newOffsets = lineOffsets(newText);
  const oldOffset = (line: number) => oldOffsets[line - 1] ?? 0;
  const newOffset = (line: number) => newOffsets[line - 1] ?? 0;

  // Where each moved line is shown, so each end of a move can say whether the other is below or above.
  const visible = rows.filter((row): row is DiffRow & { kind: 'context' | 'changed' } => row.kind !== 'collapsed');
  const movedAwayAt = new Map<number, number>();
  const movedHereAt = new Map<number, number>();
  visible.forEach((row, index) => {
    if (row.kind !== 'changed' || !row.moved) return;
    if (row.oldLine !== null) movedAwayAt.set(row.oldLine, index);
    if (row.newLine !== null) movedHereAt.set(row.newLine, index);
  });

  return visible.map((row, index): CompareLine => {
    if (row.kind === 'context') {
      return { type: DiffLineType.CONTEXT, lineNumber: row.newLine, text: row.text, offset: { from: oldOffset(row.oldLine), to: newOffset(row.newLine) } };
    }
    return changedLine(row, index, { oldOffset, newOffset, movedAwayAt, movedHereAt });
  });
}

function changedLine(
  row: ChangedRow,
  index: number,
  context: {
    oldOffset: (line: number) => number;
    newOffset: (line: number) => number;
    movedAwayAt: Map<number, number>;
    movedHereAt: Map<number, number>;
  },
): CompareLine {
  const { oldOffset, newOffset, movedAwayAt, movedHereAt } = context;
  if (row.oldLine !== null && row.newLine !== null) {
    return {
      type: DiffLineType.CHANGE,
      lineNumber: row.newLine,
      ...inlineChange(row.old ?? [], row.new ?? []),
      offset: { from: oldOffset(row.oldLine), to: newOffset(row.newLine) },
    };
  }
  if (row.oldLine !== null) {
    const text = joinSegments(row.old);
    const offset = { from: oldOffset(row.oldLine), to: null };
    if (row.moved && row.movedLine !== undefined) {
      const other = movedHereAt.get(row.movedLine) ?? index;
      const moveInfo = { id: `movedpara_${row.oldLine}_lhs`, linkId: `movedpara_${row.movedLine}_rhs`, linkDirection: other > index ? 0 : 1 } as const;
      return { type: DiffLineType.MOVE_SOURCE, moveInfo, text, offset };
    }
    return { type: DiffLineType.DELETE, text, offset };
  }
  const newLine = row.newLine ?? 0;
  const text = joinSegments(row.new);
  const offset = { from: null, to: newOffset(newLine) };
  if (row.moved && row.movedLine !== undefined) {
    const other = movedAwayAt.get(row.movedLine) ?? index;
    const moveInfo = { id: `movedpara_${newLine}_rhs`, linkId: `movedpara_${row.movedLine}_lhs`, linkDirection: other > index ? 0 : 1 } as const;
    return { type: DiffLineType.MOVE_DESTINATION, lineNumber: newLine, moveInfo, text, offset, highlightRanges: [] };
  }
  return { type: DiffLineType.ADD, lineNumber: newLine, text, offset };
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/u;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/u;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/u;
// A line that starts a list item, quote, table row, HTML block or indented code cannot be a setext heading's text.
const NOT_PARAGRAPH_TEXT = /^(?: {4}|\t| {0,3}(?:[-*+>|<]|\d{1,9}[.)])(?:\s|$))/u;

/**
 * The headings of a Markdown text with byte offsets, as MediaWiki lists a wikitext's sections in
 * the compare answer (the lead section, before the first heading, is left out there too). A linear
 * line scan: ATX ("## Title") and setext ("Title" over "===") headings outside fenced code.
 */
export function markdownSections(text: string): CompareSection[] {
  const sections: CompareSection[] = [];
  const lines = text.split('\n');
  const offsets = lineOffsets(text);
  let fence: string | null = null;
  let previous: { text: string; offset: number } | null = null;
  lines.forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const offset = offsets[index] ?? 0;
    const fenceMatch = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (fenceMatch !== undefined && fenceMatch[0] === fence[0] && fenceMatch.length >= fence.length && line.trim() === fenceMatch) fence = null;
      previous = null;
      return;
    }
    if (fenceMatch !== undefined) {
      fence = fenceMatch;
      previous = null;
      return;
    }
    const atx = ATX_HEADING.exec(line);
    if (atx) {
      sections.push({ level: atx[1]?.length ?? 1, heading: (atx[2] ?? '').trim(), offset });
      previous = null;
      return;
    }
    const underline = SETEXT_UNDERLINE.exec(line)?.[1];
    if (underline !== undefined && previous !== null) {
      sections.push({ level: underline.startsWith('=') ? 1 : 2, heading: previous.text, offset: previous.offset });
      previous = null;
      return;
    }
    if (line.trim() === '' || NOT_PARAGRAPH_TEXT.test(line)) previous = null;
    // A paragraph's lines all belong to the heading an underline makes of it.
    else previous = previous === null ? { text: line.trim(), offset } : { text: `${previous.text} ${line.trim()}`, offset: previous.offset };
  });
  return sections;
}
