/**
 * A line diff for showing two texts side by side on the edit-conflict screen ("your text" against
 * the current revision). Display only: merging lives in merge.ts.
 *
 * Pure: no I/O.
 */
import { diffLines } from 'diff';

export interface DiffLine {
  kind: 'context' | 'added' | 'removed';
  /** The line without its line break. */
  text: string;
  /** 1-based line number in the old text; null for added lines. */
  oldNumber: number | null;
  /** 1-based line number in the new text; null for removed lines. */
  newNumber: number | null;
}

/**
 * Above this many changed lines the diff is not computed (Myers' cost is about quadratic in the
 * size of the change) and the texts are shown as "all removed, all added" instead.
 */
export const MAX_DISPLAY_CHANGED_LINES = 1000;

/**
 * Every line of both texts, in reading order: unchanged lines once, and for each change the removed
 * lines before the added ones. A missing final newline is ignored (it cannot be seen, and would
 * otherwise show the last line as removed and re-added).
 */
export function diffLinesForDisplay(oldText: string, newText: string): DiffLine[] {
  const changes = diffLines(oldText, newText, { ignoreNewlineAtEof: true, maxEditLength: MAX_DISPLAY_CHANGED_LINES }) ?? [
    { value: oldText, added: false, removed: true },
    { value: newText, added: true, removed: false },
  ];

  const result: DiffLine[] = [];
  let oldNumber = 0;
  let newNumber = 0;
  for (const change of changes) {
    for (const text of splitLines(change.value)) {
      if (change.added) {
        result.push({ kind: 'added', text, oldNumber: null, newNumber: ++newNumber });
      } else if (change.removed) {
        result.push({ kind: 'removed', text, oldNumber: ++oldNumber, newNumber: null });
      } else {
        result.push({ kind: 'context', text, oldNumber: ++oldNumber, newNumber: ++newNumber });
      }
    }
  }
  return result;
}

/** "a\nb\n" and "a\nb" are both two lines; "" is none. A "\r" before the break is part of the break. */
function splitLines(value: string): string[] {
  if (value === '') return [];
  const body = value.endsWith('\n') ? value.slice(0, -1) : value;
  return body.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}
