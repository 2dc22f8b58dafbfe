import { describe, expect, it } from 'vitest';
import { diffLinesForDisplay, MAX_DISPLAY_CHANGED_LINES, type DiffLine } from '@/lib/domain/text-diff';

const context = (text: string, oldNumber: number, newNumber: number): DiffLine => ({ kind: 'context', text, oldNumber, newNumber });
const added = (text: string, newNumber: number): DiffLine => ({ kind: 'added', text, oldNumber: null, newNumber });
const removed = (text: string, oldNumber: number): DiffLine => ({ kind: 'removed', text, oldNumber, newNumber: null });

describe('diffLinesForDisplay', () => {
  it('shows identical texts as context only', () => {
    expect(diffLinesForDisplay('a\nb\n', 'a\nb\n')).toEqual([context('a', 1, 1), context('b', 2, 2)]);
  });

  it('shows added lines with new line numbers only', () => {
    expect(diffLinesForDisplay('a\nc\n', 'a\nb\nc\nd\n')).toEqual([context('a', 1, 1), added('b', 2), context('c', 2, 3), added('d', 4)]);
  });

  it('shows removed lines with old line numbers only', () => {
    expect(diffLinesForDisplay('a\nb\nc\nd', 'a\nc')).toEqual([context('a', 1, 1), removed('b', 2), context('c', 3, 2), removed('d', 4)]);
  });

  it('shows a replacement as the removed lines followed by the added ones', () => {
    expect(diffLinesForDisplay('one\ntwo\nthree\nfour\n', 'one\n2\nzwei\nfour\n')).toEqual([
      context('one', 1, 1),
      removed('two', 2),
      removed('three', 3),
      added('2', 2),
      added('zwei', 3),
      context('four', 4, 4),
    ]);
  });

  it('handles empty sides', () => {
    expect(diffLinesForDisplay('', '')).toEqual([]);
    expect(diffLinesForDisplay('', 'x\ny\n')).toEqual([added('x', 1), added('y', 2)]);
    expect(diffLinesForDisplay('x\ny', '')).toEqual([removed('x', 1), removed('y', 2)]);
  });

  it('keeps blank lines as lines', () => {
    expect(diffLinesForDisplay('a\n\nb', 'a\n\n\nb')).toEqual([context('a', 1, 1), context('', 2, 2), added('', 3), context('b', 3, 4)]);
  });

  it('ignores a missing final newline and strips \\r from CRLF lines', () => {
    expect(diffLinesForDisplay('a\nb\n', 'a\nb')).toEqual([context('a', 1, 1), context('b', 2, 2)]);
    expect(diffLinesForDisplay('a\r\nb\r\n', 'a\r\nc\r\n')).toEqual([context('a', 1, 1), removed('b', 2), added('c', 2)]);
  });

  it('keeps unicode intact', () => {
    expect(diffLinesForDisplay('日本\n🍎\n', '日本\n🍏\n')).toEqual([context('日本', 1, 1), removed('🍎', 2), added('🍏', 2)]);
  });

  it('falls back to "all removed, all added" when the change is too large to diff', () => {
    const count = MAX_DISPLAY_CHANGED_LINES + 10;
    const oldText = Array.from({ length: count }, (_, i) => `old ${i}`).join('\n');
    const newText = Array.from({ length: count }, (_, i) => `new ${i}`).join('\n');
    const result = diffLinesForDisplay(oldText, newText);
    expect(result).toHaveLength(2 * count);
    expect(result[0]).toEqual(removed('old 0', 1));
    expect(result[count - 1]).toEqual(removed(`old ${count - 1}`, count));
    expect(result[count]).toEqual(added('new 0', 1));
    expect(result.at(-1)).toEqual(added(`new ${count - 1}`, count));
  });
});
