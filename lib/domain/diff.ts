/**
 * The revision diff of MediaWiki's ?diff=…&oldid=… view, as data for a two-column display: a line
 * (paragraph) diff whose removed and added paragraphs are paired up by similarity, word-diffed
 * within each pair, checked for moved and split paragraphs, with far-away unchanged lines collapsed.
 *
 * Lines are split on "\n"; a "\r" before the break and a missing final newline are ignored, as in
 * text-diff.ts (neither can be seen). Identical texts — in that sense — give no rows at all, which
 * the view shows as "No difference".
 *
 * Pure: no I/O.
 */
import { diffArrays } from 'diff';

/** `changed`: removed (old side) or inserted (new side) text; false for text both sides share. */
export interface WordSegment {
  text: string;
  changed: boolean;
}

/** Line numbers are 1-based. */
export type DiffRow =
  | { kind: 'context'; oldLine: number; newLine: number; text: string }
  /** `lines` unchanged lines left out, the first being oldStart / newStart. */
  | { kind: 'collapsed'; oldStart: number; newStart: number; lines: number }
  | {
      kind: 'changed';
      /** Both sides set: a changed paragraph. Only old: removed. Only new: added. */
      oldLine: number | null;
      newLine: number | null;
      /** The line's text in segments; [] for an empty line. A removed or added line is one changed segment. */
      old: WordSegment[] | null;
      new: WordSegment[] | null;
      /** Removed here and added unchanged elsewhere (or the reverse): its segments are all unchanged. */
      moved?: boolean;
      /** With `moved`: the line number on the other side (where it went to / came from). */
      movedLine?: number;
      /** An added line that is the second half of the paragraph split on the row before it. */
      split?: boolean;
    };

export type ChangedRow = Extract<DiffRow, { kind: 'changed' }>;

/**
 * Counted in lines (rows), not bytes: `removed` lines exist only on the old side (deleted or moved
 * away), `added` only on the new side (inserted, moved here, second half of a split), and
 * `changedLines` on both sides with edits inside.
 */
export interface DiffStats {
  added: number;
  removed: number;
  changedLines: number;
}

export interface DiffResult {
  rows: DiffRow[];
  stats: DiffStats;
  /**
   * True when the texts differ in more than MAX_DIFF_CHANGED_LINES lines: the differing middle is
   * then shown as all removed, all added (no pairing, moves or word marks).
   */
  coarse: boolean;
}

export const DEFAULT_CONTEXT_LINES = 2;
/** Myers' cost is about quadratic in the size of the change (merge.ts: 1,000 lines ≈ 0.3 s). */
export const MAX_DIFF_CHANGED_LINES = 1000;
/** Paragraphs pair up when their word similarity (Dice coefficient) is at least this. */
export const PAIR_SIMILARITY = 0.3;
/** Removed × added lines of one hunk above which pairing (a full table) is skipped. */
export const MAX_PAIRING_CELLS = 40_000;
/** Word-count lookups the pairing of one hunk may take (many long paragraphs rewritten at once). */
export const MAX_PAIRING_WORK = 4_000_000;
/** Lines longer than this are marked changed as a whole instead of word-diffed. */
export const MAX_WORD_DIFF_LINE_LENGTH = 10_000;
/**
 * Myers' cost grows with the square of the edits (~2 ms for 100 token edits, ~8 ms for 200), so a
 * pair with more token edits than this is marked changed as a whole (it was rewritten anyway), and
 * once a diff has spent MAX_WORD_DIFF_TOTAL_EDITS or word-diffed MAX_WORD_DIFF_CHARS, later pairs are.
 */
export const MAX_WORD_DIFF_EDITS = 100;
export const MAX_WORD_DIFF_TOTAL_EDITS = 5_000;
export const MAX_WORD_DIFF_CHARS = 500_000;
/** Shorter lines (blank lines, "}}", "----") recur too often for an equal copy to mean a move. */
export const MIN_MOVED_LENGTH = 16;

/** 0-based half-open ranges. `same` blocks are unchanged; the others replace old[…] with new[…]. */
type Hunk = { same: false; oldStart: number; oldEnd: number; newStart: number; newEnd: number };
type Block = { same: true; oldStart: number; newStart: number; count: number } | Hunk;

/** A removed line and the added line it became; with `split`, line new + 1 is its second half. */
type Pair = { old: number; new: number; split: boolean };

// CJK scripts are written without spaces, so each character is a word; elsewhere a word is a run of
// letters, marks and digits. Other characters are tokens on their own, with emoji modifiers, ZWJ
// sequences and flags kept whole. jsdiff's diffWordsWithSpace is not used because its word class is
// Latin-only: it would diff Greek or Cyrillic letter by letter and cut emoji sequences apart.
const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}`;
const TOKEN = new RegExp(
  String.raw`\n|[^\S\n]+|\p{Regional_Indicator}{2}|[${CJK}]\p{M}*|(?:(?![${CJK}])[\p{L}\p{M}\p{N}_])+|\P{M}(?:[\p{M}\p{Emoji_Modifier}]|\u200D\P{M})*|\p{M}+`,
  'gu',
);

type Budget = { edits: number; chars: number };

/** Both texts' lines and what the hunk helpers share. Indices are 0-based. */
interface Sides {
  old: string[];
  new: string[];
  /** Moved lines: old index → new index, and back. */
  movedTo: Map<number, number>;
  movedFrom: Map<number, number>;
  /** What word diffs may still spend. */
  budget: Budget;
}

export function diffRevisions(oldText: string, newText: string, options: { context?: number } = {}): DiffResult {
  const requested = options.context ?? DEFAULT_CONTEXT_LINES;
  const context = Number.isNaN(requested) ? DEFAULT_CONTEXT_LINES : Math.max(0, Math.floor(requested));
  const budget = { edits: MAX_WORD_DIFF_TOTAL_EDITS, chars: MAX_WORD_DIFF_CHARS };
  const sides: Sides = { old: splitLines(oldText), new: splitLines(newText), movedTo: new Map(), movedFrom: new Map(), budget };
  const { blocks, coarse } = lineBlocks(sides.old, sides.new);
  if (!coarse) findMoves(blocks, sides);

  const rows: DiffRow[] = [];
  const stats: DiffStats = { added: 0, removed: 0, changedLines: 0 };
  blocks.forEach((block, index) => {
    if (!block.same) {
      for (const row of hunkRows(block, coarse ? [] : pairLines(block, sides), sides)) {
        if (row.old !== null && row.new !== null) stats.changedLines += 1;
        else if (row.old !== null) stats.removed += 1;
        else stats.added += 1;
        rows.push(row);
      }
      return;
    }
    const first = index === 0;
    const last = index === blocks.length - 1;
    if (first && last) return; // nothing changed
    // Context after the previous change, then before the next one; what is left between is hidden.
    const head = first ? 0 : Math.min(context, block.count);
    const tail = last ? 0 : Math.min(context, block.count - head);
    const hidden = block.count - head - tail;
    const [oldStart, newStart] = [block.oldStart + 1, block.newStart + 1];
    const pushContext = (k: number) => rows.push({ kind: 'context', oldLine: oldStart + k, newLine: newStart + k, text: sides.old[oldStart + k - 1] ?? '' });
    for (let k = 0; k < head; k++) pushContext(k);
    if (hidden > 0) rows.push({ kind: 'collapsed', oldStart: oldStart + head, newStart: newStart + head, lines: hidden });
    for (let k = head + hidden; k < block.count; k++) pushContext(k);
  });
  return { rows, stats, coarse };
}

/** "a\nb\n" and "a\nb" are both two lines; "" is none. A "\r" before the break is part of the break. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return body.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/**
 * The common head and tail are cut off first (a linear scan), so Myers only sees the region
 * between the first and the last change; past the edit budget that region becomes one hunk.
 */
function lineBlocks(oldLines: string[], newLines: string[]): { blocks: Block[]; coarse: boolean } {
  const shorter = Math.min(oldLines.length, newLines.length);
  let prefix = 0;
  while (prefix < shorter && oldLines[prefix] === newLines[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && oldLines[oldLines.length - 1 - suffix] === newLines[newLines.length - 1 - suffix]) suffix++;

  const blocks: Block[] = [];
  const pushSame = (oldStart: number, newStart: number, count: number) => {
    if (count > 0) blocks.push({ same: true, oldStart, newStart, count });
  };
  pushSame(0, 0, prefix);
  const [oldEnd, newEnd] = [oldLines.length - suffix, newLines.length - suffix];
  // Only insertions or only deletions (creation, blanking, appending) need no diff however long.
  const oneSided = [
    { removed: true, added: false, count: oldEnd - prefix },
    { removed: false, added: true, count: newEnd - prefix },
  ].filter((change) => change.count > 0);
  const changes =
    oldEnd === prefix || newEnd === prefix ? oneSided : diffArrays(oldLines.slice(prefix, oldEnd), newLines.slice(prefix, newEnd), { maxEditLength: MAX_DIFF_CHANGED_LINES });
  // Too different: everything between head and tail is one hunk.
  const list = changes ?? [{ removed: true, added: true, count: 0 }];
  let [oldIndex, newIndex] = [prefix, prefix];
  let open: Hunk | null = null;
  for (const change of list) {
    if (change.added || change.removed) {
      // A removal and an addition next to each other are one hunk.
      open ??= { same: false, oldStart: oldIndex, oldEnd: oldIndex, newStart: newIndex, newEnd: newIndex };
      if (changes === undefined) [open.oldEnd, open.newEnd, oldIndex, newIndex] = [oldEnd, newEnd, oldEnd, newEnd];
      else if (change.removed) open.oldEnd = oldIndex += change.count;
      else open.newEnd = newIndex += change.count;
      continue;
    }
    if (open !== null) blocks.push(open);
    open = null;
    pushSame(oldIndex, newIndex, change.count);
    oldIndex += change.count;
    newIndex += change.count;
  }
  if (open !== null) blocks.push(open);
  pushSame(oldIndex, newIndex, suffix);
  return { blocks, coarse: changes === undefined };
}

/** A removed line equal to a line added in any hunk was moved; repeated lines pair up in order. */
function findMoves(blocks: Block[], sides: Sides): void {
  const hunks = blocks.filter((block): block is Hunk => !block.same);
  const added = new Map<string, number[]>();
  for (const hunk of hunks) {
    for (let n = hunk.newStart; n < hunk.newEnd; n++) {
      const text = sides.new[n] ?? '';
      if (text.trim().length >= MIN_MOVED_LENGTH) added.set(text, [...(added.get(text) ?? []), n]);
    }
  }
  for (const hunk of hunks) {
    for (let o = hunk.oldStart; o < hunk.oldEnd; o++) {
      const n = added.get(sides.old[o] ?? '')?.shift();
      if (n === undefined) continue;
      sides.movedTo.set(o, n);
      sides.movedFrom.set(n, o);
    }
  }
}

/**
 * Pairs the hunk's removed and added lines in order, maximising the summed similarity of the pairs
 * (a table like LCS's, on integer per-mille scores so that ties are exact). Ties go to the earliest
 * added line, so a paragraph split in two pairs with its first half.
 */
function pairLines(hunk: Hunk, sides: Sides): Pair[] {
  const removed = range(hunk.oldStart, hunk.oldEnd).filter((o) => !sides.movedTo.has(o));
  const added = range(hunk.newStart, hunk.newEnd).filter((n) => !sides.movedFrom.has(n));
  const [rows, cols] = [removed.length, added.length];
  if (rows === 0 || cols === 0 || rows * cols > MAX_PAIRING_CELLS) return [];
  const oldBags = new Map(removed.map((o) => [o, bagOf(sides.old[o] ?? '')]));
  const newBags = new Map(added.map((n) => [n, bagOf(sides.new[n] ?? '')]));
  const words = (bags: Map<number, Bag>) => [...bags.values()].reduce((sum, bag) => sum + bag.size, 0);
  // Each cell looks up at most the smaller line's words.
  if (Math.min(cols * words(oldBags), rows * words(newBags)) > MAX_PAIRING_WORK) return [];
  const bag = (side: 'old' | 'new', index: number): Bag => (side === 'old' ? oldBags : newBags).get(index) ?? bagOf('');

  const sim = new Uint16Array(rows * cols);
  const score = new Int32Array((rows + 1) * (cols + 1));
  const at = (i: number, j: number) => score[i * (cols + 1) + j] ?? 0;
  for (let i = 1; i <= rows; i++) {
    for (let j = 1; j <= cols; j++) {
      const similarity = dice(bag('old', removed[i - 1] as number), bag('new', added[j - 1] as number));
      const s = similarity >= PAIR_SIMILARITY ? Math.max(1, Math.round(similarity * 1000)) : 0;
      sim[(i - 1) * cols + j - 1] = s;
      score[i * (cols + 1) + j] = Math.max(at(i - 1, j), at(i, j - 1), s > 0 ? at(i - 1, j - 1) + s : 0);
    }
  }
  const pairs: Pair[] = [];
  for (let i = rows, j = cols; i > 0 && j > 0;) {
    const s = sim[(i - 1) * cols + j - 1] ?? 0;
    if (at(i, j) === at(i, j - 1)) j--;
    else if (s > 0 && at(i, j) === at(i - 1, j - 1) + s) {
      pairs.push({ old: removed[--i] as number, new: added[--j] as number, split: false });
    } else i--;
  }
  pairs.reverse();

  // A paragraph split in two: both halves share words with it and together match it better than
  // either alone. It is paired with the first half; the second, left unpaired, follows it.
  const taken = new Set(pairs.map((pair) => pair.new));
  const free = (n: number) => n >= hunk.newStart && n < hunk.newEnd && !taken.has(n) && !sides.movedFrom.has(n);
  for (const pair of pairs) {
    const oldBag = bag('old', pair.old);
    for (const first of [pair.new, pair.new - 1]) {
      if (!free(first === pair.new ? first + 1 : first)) continue;
      const [firstBag, secondBag] = [bag('new', first), bag('new', first + 1)];
      if (overlap(oldBag, firstBag) === 0 || overlap(oldBag, secondBag) === 0) continue;
      const joined: Bag = { counts: new Map(firstBag.counts), size: firstBag.size + secondBag.size };
      for (const [token, count] of secondBag.counts) joined.counts.set(token, (joined.counts.get(token) ?? 0) + count);
      if (dice(oldBag, joined) <= Math.max(dice(oldBag, firstBag), dice(oldBag, secondBag))) continue;
      taken.delete(pair.new);
      taken.add(first).add(first + 1);
      [pair.new, pair.split] = [first, true];
      break;
    }
  }
  return pairs;
}

/** The hunk's rows in order: before each pair, the unpaired removed lines, then the unpaired added ones. */
function hunkRows(hunk: Hunk, pairs: Pair[], sides: Sides): ChangedRow[] {
  const rows: ChangedRow[] = [];
  let [o, n] = [hunk.oldStart, hunk.newStart];
  const flush = (oldEnd: number, newEnd: number) => {
    for (; o < oldEnd; o++) rows.push(unpaired('old', o, sides));
    for (; n < newEnd; n++) rows.push(unpaired('new', n, sides));
  };
  for (const pair of pairs) {
    flush(pair.old, pair.new);
    const [oldText, first] = [sides.old[pair.old] ?? '', sides.new[pair.new] ?? ''];
    const [oldLine, newLine] = [pair.old + 1, pair.new + 1];
    if (pair.split) {
      // Diffed against both halves at once, so the second half's words count as kept, not added.
      const [old, joined] = wordDiff(oldText, `${first}\n${sides.new[pair.new + 1] ?? ''}`, sides.budget);
      const [firstHalf, secondHalf] = splitAtNewline(joined);
      rows.push({ kind: 'changed', oldLine, newLine, old, new: firstHalf });
      rows.push({ kind: 'changed', oldLine: null, newLine: newLine + 1, old: null, new: secondHalf, split: true });
    } else {
      const [old, segments] = wordDiff(oldText, first, sides.budget);
      rows.push({ kind: 'changed', oldLine, newLine, old, new: segments });
    }
    [o, n] = [pair.old + 1, pair.new + (pair.split ? 2 : 1)];
  }
  flush(hunk.oldEnd, hunk.newEnd);
  return rows;
}

/** A removed or added line on its own: wholly changed, or unchanged and flagged when it moved. */
function unpaired(side: 'old' | 'new', index: number, sides: Sides): ChangedRow {
  const text = sides[side][index] ?? '';
  const other = (side === 'old' ? sides.movedTo : sides.movedFrom).get(index);
  const segments = other === undefined ? whole(text) : [{ text, changed: false }];
  const moved = other === undefined ? {} : { moved: true, movedLine: other + 1 };
  return side === 'old'
    ? { kind: 'changed', oldLine: index + 1, newLine: null, old: segments, new: null, ...moved }
    : { kind: 'changed', oldLine: null, newLine: index + 1, old: null, new: segments, ...moved };
}

function whole(text: string): WordSegment[] {
  return text === '' ? [] : [{ text, changed: true }];
}

/** Word diff of a pair, or both lines marked whole when it would exceed the time budget. */
function wordDiff(oldText: string, newText: string, budget: Budget): [WordSegment[], WordSegment[]] {
  const fallback: [WordSegment[], WordSegment[]] = [whole(oldText), whole(newText)];
  const chars = oldText.length + newText.length;
  const tooLong = Math.max(oldText.length, newText.length) > MAX_WORD_DIFF_LINE_LENGTH;
  if (tooLong || chars > budget.chars || budget.edits <= 0) return fallback;
  budget.chars -= chars;
  const maxEditLength = Math.min(MAX_WORD_DIFF_EDITS, budget.edits);
  const changes = diffArrays(oldText.match(TOKEN) ?? [], newText.match(TOKEN) ?? [], { maxEditLength });
  budget.edits -= changes?.reduce((sum, change) => sum + (change.added || change.removed ? change.count : 0), 0) ?? maxEditLength;
  if (changes === undefined) return fallback;
  const [oldSide, newSide]: [WordSegment[], WordSegment[]] = [[], []];
  for (const change of changes) {
    const text = change.value.join('');
    if (!change.added) oldSide.push({ text, changed: change.removed });
    if (!change.removed) newSide.push({ text, changed: change.added });
  }
  return [tidy(oldSide), tidy(newSide)];
}

/**
 * Merges neighbouring segments of the same kind, after letting a space between two changed words
 * join them: "[a] [b]" reads better as "[a b]" (and Myers likes to keep the spaces of a rewrite).
 */
function tidy(segments: WordSegment[]): WordSegment[] {
  const result: WordSegment[] = [];
  segments.forEach((segment, index) => {
    const between = segments[index - 1]?.changed === true && segments[index + 1]?.changed === true;
    const changed = segment.changed || (between && /^\s+$/u.test(segment.text));
    const previous = result[result.length - 1];
    if (previous !== undefined && previous.changed === changed) previous.text += segment.text;
    else if (segment.text !== '') result.push({ text: segment.text, changed });
  });
  return result;
}

/** Cuts the new side of a split pair, diffed as "first\nsecond", back into its two lines. */
function splitAtNewline(segments: WordSegment[]): [WordSegment[], WordSegment[]] {
  const halves: [WordSegment[], WordSegment[]] = [[], []];
  let half = 0;
  for (const { text, changed } of segments) {
    const cut = half === 0 ? text.indexOf('\n') : -1;
    if (cut === -1) {
      halves[half === 0 ? 0 : 1].push({ text, changed });
      continue;
    }
    if (cut > 0) halves[0].push({ text: text.slice(0, cut), changed });
    if (cut < text.length - 1) halves[1].push({ text: text.slice(cut + 1), changed });
    half = 1;
  }
  return halves;
}

/** A line's words (whitespace left out) with their counts. */
type Bag = { counts: Map<string, number>; size: number };

/**
 * Only the first MAX_WORD_DIFF_LINE_LENGTH characters count: a sample that long tells an edit from
 * a rewrite, and tokenizing a whole 1 MiB line costs ~50 ms.
 */
function bagOf(text: string): Bag {
  const counts = new Map<string, number>();
  let size = 0;
  for (const token of text.slice(0, MAX_WORD_DIFF_LINE_LENGTH).match(TOKEN) ?? []) {
    if (/^\s+$/u.test(token)) continue;
    counts.set(token, (counts.get(token) ?? 0) + 1);
    size++;
  }
  return { counts, size };
}

function overlap(a: Bag, b: Bag): number {
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  let common = 0;
  for (const [token, count] of small.counts) common += Math.min(count, large.counts.get(token) ?? 0);
  return common;
}

/** Dice coefficient: shared words over average length; 0 when either side has no words. */
function dice(a: Bag, b: Bag): number {
  if (a.size === 0 || b.size === 0) return 0;
  // It cannot exceed 2·min/(a+b): skip counting when that is already below the threshold.
  if ((2 * Math.min(a.size, b.size)) / (a.size + b.size) < PAIR_SIMILARITY) return 0;
  return (2 * overlap(a, b)) / (a.size + b.size);
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, k) => start + k);
}
