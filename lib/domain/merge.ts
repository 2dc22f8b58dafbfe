/**
 * Three-way merge of page texts, as MediaWiki's wfMerge() does with GNU `diff3 --merge`: when an
 * edit was started from an older revision, the changes made since (theirs) and the editor's
 * changes (mine) are combined line by line, and the save only goes through if they do not touch
 * the same lines.
 *
 * Semantics (GNU diff3's, which MediaWiki editors know):
 *  - a region changed on one side only is taken from that side;
 *  - a region changed identically on both sides is taken once ("false conflict");
 *  - regions changed differently on both sides conflict, including two different insertions at
 *    the same place;
 *  - changes on *adjacent* lines (mine edits line 3, theirs edits line 4, no unchanged line in
 *    between) also conflict: hunks that touch are grouped, because no unchanged line is left to
 *    anchor where one change ends and the other begins.
 *
 * Why not node-diff3's diff3Merge, which has exactly these semantics (and which the unit tests use
 * as the reference): its LCS scans its candidate list linearly, so it is quadratic in the page
 * length — 13 s for two small edits on a 50,000-line page, 30 s on a 5,000-line page with many
 * blank lines. A 2 MiB page would tie up the server. The two-way diffs therefore come from
 * jsdiff's Myers diff, whose cost grows with the size of the *change*, not of the page, and is
 * capped (MAX_MERGE_CHANGED_LINES); only the grouping of hunks, a few lines, lives here.
 *
 * Pure: no I/O.
 */
import { diffArrays } from 'diff';

export type MergeResult = { clean: true; text: string } | { clean: false; conflicts: number };

/**
 * Above this many inserted + deleted lines between the base and one side, the merge gives up and
 * reports a conflict (the editor then merges by hand on the conflict screen). Myers' cost is about
 * quadratic in this number: 1,000 changed lines take ~0.3 s.
 */
export const MAX_MERGE_CHANGED_LINES = 1000;

type Side = 'mine' | 'theirs';

/** One change of a side relative to the base: base[baseStart, baseEnd) became side[start, end). */
interface Hunk {
  side: Side;
  baseStart: number;
  baseEnd: number;
  start: number;
  end: number;
}

/**
 * Merges the changes base→mine and base→theirs.
 *
 * Texts are split on '\n' and joined back with '\n', which round-trips every string exactly: a
 * final newline becomes a trailing '' element, so "has a final newline" is an ordinary line that
 * either side may add or remove without disturbing the other side's edits elsewhere. The empty
 * text is the one-element list [''], so a page-creation race (base '') merges identical texts and
 * conflicts on different ones.
 */
export function threeWayMerge(base: string, mine: string, theirs: string): MergeResult {
  // Shortcuts for the common cases; they give exactly what the full merge would, without diffing.
  if (mine === theirs || base === theirs) return { clean: true, text: mine };
  if (base === mine) return { clean: true, text: theirs };

  const lines: Record<Side | 'base', string[]> = {
    base: base.split('\n'),
    mine: mine.split('\n'),
    theirs: theirs.split('\n'),
  };
  const mineHunks = hunksOf(lines.base, lines.mine, 'mine');
  const theirsHunks = hunksOf(lines.base, lines.theirs, 'theirs');
  // Too different to merge within the time budget: the editor resolves it on the conflict screen.
  if (mineHunks === null || theirsHunks === null) return { clean: false, conflicts: 1 };

  // Array.prototype.sort is stable, so on equal starts "mine" comes first (irrelevant to the result).
  const hunks = [...mineHunks, ...theirsHunks].sort((x, y) => x.baseStart - y.baseStart);
  const merged: string[] = [];
  let conflicts = 0;
  let baseCursor = 0;
  let next = 0;
  while (next < hunks.length) {
    const first = hunks[next++] as Hunk;
    const region = { start: first.baseStart, end: first.baseEnd };
    const group = [first];
    // "<=", not "<": a hunk starting right where the region ends touches it (adjacent lines, or an
    // insertion at the boundary), and GNU diff3 treats touching changes as one region.
    while (next < hunks.length && (hunks[next] as Hunk).baseStart <= region.end) {
      const hunk = hunks[next++] as Hunk;
      region.end = Math.max(region.end, hunk.baseEnd);
      group.push(hunk);
    }

    merged.push(...lines.base.slice(baseCursor, region.start));
    baseCursor = region.end;
    if (group.length === 1) {
      merged.push(...lines[first.side].slice(first.start, first.end));
      continue;
    }
    const mineSpan = spanOf('mine', group, region, lines);
    const theirsSpan = spanOf('theirs', group, region, lines);
    if (sameLines(mineSpan, theirsSpan)) merged.push(...mineSpan);
    else conflicts += 1;
  }
  merged.push(...lines.base.slice(baseCursor));

  if (conflicts > 0) return { clean: false, conflicts };
  return { clean: true, text: merged.join('\n') };
}

/**
 * Reverts one past change (undoneOld → undoneNew) in the current text while keeping everything
 * that happened since, as MediaWiki's "undo" link does: it is the merge of "current" with
 * "undoneOld", both seen as edits of "undoneNew". It fails (not clean) when later edits touched
 * the lines of the undone change or lines next to them.
 */
export function undoChange(current: string, undoneOld: string, undoneNew: string): MergeResult {
  return threeWayMerge(undoneNew, current, undoneOld);
}

/** The runs of base lines that one side replaced, or null when the diff exceeds the budget. */
function hunksOf(base: string[], other: string[], side: Side): Hunk[] | null {
  const changes = diffArrays(base, other, { maxEditLength: MAX_MERGE_CHANGED_LINES });
  if (changes === undefined) return null;
  const hunks: Hunk[] = [];
  let baseIndex = 0;
  let otherIndex = 0;
  let open: Hunk | null = null;
  for (const change of changes) {
    if (!change.added && !change.removed) {
      if (open !== null) hunks.push(open);
      open = null;
      baseIndex += change.count;
      otherIndex += change.count;
      continue;
    }
    // A removal and an addition next to each other are one replacement hunk.
    open ??= { side, baseStart: baseIndex, baseEnd: baseIndex, start: otherIndex, end: otherIndex };
    if (change.removed) {
      baseIndex += change.count;
      open.baseEnd = baseIndex;
    } else {
      otherIndex += change.count;
      open.end = otherIndex;
    }
  }
  if (open !== null) hunks.push(open);
  return hunks;
}

/**
 * What one side has in place of base[region): its hunks in the group, widened by the base lines of
 * the region that this side left alone (they sit at the same offset from its hunks as in the base).
 */
function spanOf(side: Side, group: readonly Hunk[], region: { start: number; end: number }, lines: Record<Side | 'base', string[]>): string[] {
  const own = group.filter((hunk) => hunk.side === side);
  if (own.length === 0) return lines.base.slice(region.start, region.end);
  const firstHunk = own[0] as Hunk;
  const lastHunk = own[own.length - 1] as Hunk;
  const start = firstHunk.start - (firstHunk.baseStart - region.start);
  const end = lastHunk.end + (region.end - lastHunk.baseEnd);
  return lines[side].slice(start, end);
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, index) => line === b[index]);
}
