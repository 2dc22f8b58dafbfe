/**
 * How the code editor applies a new text (a toolbar action's, a restored draft's): as the smallest
 * changes that turn the old text into the new one, so that undo, redo and the cursor stay where
 * the text changed.
 *
 * A wrap or an unwrap (Bold: "word" → "**word**") is two changes, one on each side, rather than
 * one replacement of the whole word. It matters for redo: CodeMirror's history restores the
 * selection by mapping it through the changes, and a selection inside a replaced range maps to the
 * range's ends, so after Ctrl+Z and Ctrl+Y the selection took in the "**" too, and the next
 * Italic then unwrapped those instead of adding its own. Pure: no I/O.
 */

export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/** The changed region: old.slice(from, oldEnd) became next.slice(from, nextEnd) (common prefix and suffix kept). */
function changedRegion(old: string, next: string): { from: number; oldEnd: number; nextEnd: number } {
  let from = 0;
  const limit = Math.min(old.length, next.length);
  while (from < limit && old.charCodeAt(from) === next.charCodeAt(from)) from += 1;
  let end = 0;
  while (end < limit - from && old.charCodeAt(old.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end += 1;
  return { from, oldEnd: old.length - end, nextEnd: next.length - end };
}

/**
 * The changes from `old` to `next`, in `old`'s positions and in order (CodeMirror's ChangeSpec[]):
 * none when equal; two insertions or two deletions when the changed region is the other text's
 * region with something added (or removed) on both sides; else one replacement.
 */
export function textChanges(old: string, next: string): TextChange[] {
  if (old === next) return [];
  const { from, oldEnd, nextEnd } = changedRegion(old, next);
  const removed = old.slice(from, oldEnd);
  const inserted = next.slice(from, nextEnd);
  const split = (outer: string, inner: string) => {
    if (inner === '') return -1;
    const at = outer.indexOf(inner);
    // Only a true wrap: text on both sides (one side alone is a single change already).
    return at > 0 && at + inner.length < outer.length ? at : -1;
  };
  const wrapAt = split(inserted, removed);
  if (wrapAt >= 0) {
    return [
      { from, to: from, insert: inserted.slice(0, wrapAt) },
      { from: oldEnd, to: oldEnd, insert: inserted.slice(wrapAt + removed.length) },
    ];
  }
  const unwrapAt = split(removed, inserted);
  if (unwrapAt >= 0) {
    return [
      { from, to: from + unwrapAt, insert: '' },
      { from: from + unwrapAt + inserted.length, to: oldEnd, insert: '' },
    ];
  }
  return [{ from, to: oldEnd, insert: inserted }];
}
