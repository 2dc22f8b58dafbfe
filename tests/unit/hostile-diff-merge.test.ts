import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffRevisions, type DiffRow, type WordSegment } from '@/lib/domain/diff';
import { diffLinesForDisplay } from '@/lib/domain/text-diff';
import { threeWayMerge } from '@/lib/domain/merge';

/*
 * Hostile input for the diff and merge of revisions: random texts, random edits of one text, and
 * shapes that are slow for Myers' diff. Each must finish without an exception, and the result must
 * still describe both texts exactly.
 */

const lineText = fc.oneof(
  fc.constantFrom('', 'a', 'b', 'same line', '}}', '----', '\r', 'x\ry', ' '),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }).map((text) => text.replaceAll('\n', ' ')),
);
const text = fc.array(lineText, { maxLength: 40 }).map((lines) => lines.join('\n'));
/** A text and an edit of it: lines replaced, inserted or removed here and there. */
const edited = fc.tuple(fc.array(lineText, { maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.nat(2), lineText), { maxLength: 8 })).map(([lines, edits]) => {
  const after = [...lines];
  for (const [position, kind, line] of edits) {
    const at = after.length === 0 ? 0 : position % after.length;
    if (kind === 0) after.splice(at, 1, line);
    else if (kind === 1) after.splice(at, 0, line);
    else after.splice(at, 1);
  }
  return [lines.join('\n'), after.join('\n')] as const;
});

const joined = (segments: WordSegment[] | null) => (segments ?? []).map((segment) => segment.text).join('');

/** Both texts as the rows show them (context rows count for both sides). */
function sidesOf(rows: DiffRow[]): { old: string[]; new: string[] } {
  const sides = { old: [] as string[], new: [] as string[] };
  for (const row of rows) {
    if (row.kind === 'collapsed') throw new Error('collapsed rows cannot be reconstructed');
    if (row.kind === 'context') {
      sides.old.push(row.text);
      sides.new.push(row.text);
      continue;
    }
    if (row.old !== null) sides.old[(row.oldLine ?? 0) - 1] = joined(row.old);
    if (row.new !== null) sides.new[(row.newLine ?? 0) - 1] = joined(row.new);
  }
  return sides;
}

/** The lines the diff sees: a "\r" before a break and a final newline are invisible. */
const visibleLines = (value: string) => (value === '' ? [] : (value.endsWith('\n') ? value.slice(0, -1) : value).split('\n').map((line) => line.replace(/\r$/u, '')));

describe('diffRevisions on random texts', () => {
  it('never throws and its rows give back both texts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(text, text), edited), ([before, after]) => {
        const { rows } = diffRevisions(before, after, { context: Number.MAX_SAFE_INTEGER });
        const sides = sidesOf(rows);
        if (rows.length === 0) {
          expect(visibleLines(before)).toEqual(visibleLines(after));
          return;
        }
        expect(sides.old).toEqual(visibleLines(before));
        expect(sides.new).toEqual(visibleLines(after));
      }),
      { numRuns: 1_000 },
    );
  });

  it('never throws on NaN, negative or huge context', () => {
    for (const context of [Number.NaN, -5, 1e300, Number.POSITIVE_INFINITY]) expect(() => diffRevisions('a\nb\nc', 'a\nx\nc', { context })).not.toThrow();
  });
});

describe('diffLinesForDisplay on random texts', () => {
  it('never throws and lists each side in order', () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(text, text), edited), ([before, after]) => {
        const rows = diffLinesForDisplay(before, after);
        expect(rows.filter((row) => row.kind !== 'added').map((row) => row.text)).toEqual(visibleLines(before));
        expect(rows.filter((row) => row.kind !== 'removed').map((row) => row.text)).toEqual(visibleLines(after));
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('threeWayMerge on random texts', () => {
  it('never throws, and merging with an unchanged side gives the other side', () => {
    fc.assert(
      fc.property(text, text, (base, other) => {
        expect(threeWayMerge(base, base, other)).toEqual({ clean: true, text: other });
        expect(threeWayMerge(base, other, base)).toEqual({ clean: true, text: other });
        expect(threeWayMerge(other, other, other)).toEqual({ clean: true, text: other });
      }),
      { numRuns: 1_000 },
    );
  });

  it('never throws on two random edits, and a clean merge keeps what both sides did', () => {
    const base = fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }), { minLength: 12, maxLength: 30 });
    fc.assert(
      fc.property(base, fc.nat(), lineText, lineText, (lines, where, mine, theirs) => {
        // Mine edits the first half, theirs the second, with unchanged lines between them.
        const mineAt = where % 4;
        const theirsAt = lines.length - 1 - (where % 4);
        const mineLines = lines.map((line, index) => (index === mineAt ? `${mine}\u0001mine` : line));
        const theirsLines = lines.map((line, index) => (index === theirsAt ? `${theirs}\u0001theirs` : line));
        const result = threeWayMerge(lines.join('\n'), mineLines.join('\n'), theirsLines.join('\n'));
        const expected = lines.map((line, index) => (index === mineAt ? mineLines[index] : index === theirsAt ? theirsLines[index] : line));
        expect(result).toEqual({ clean: true, text: expected.join('\n') });
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(text, text, text, (base, mine, theirs) => void threeWayMerge(base, mine, theirs)),
      { numRuns: 1_000 },
    );
  });
});

describe('diff and merge on pathological input', () => {
  const many = (count: number, line: (index: number) => string) => Array.from({ length: count }, (_, index) => line(index)).join('\n');
  const CASES: [string, string, string][] = [
    ['two unrelated 20 000-line texts', many(20_000, (i) => `old ${i}`), many(20_000, (i) => `new ${i}`)],
    ['a 1 MiB single line changed at one end', 'x'.repeat(1024 * 1024), `${'x'.repeat(1024 * 1024 - 1)}y`],
    ['50 000 identical blank lines against 49 999', '\n'.repeat(50_000), '\n'.repeat(49_999)],
    ['2 000 long paragraphs all rewritten', many(2_000, (i) => `word${i} `.repeat(60)), many(2_000, (i) => `term${i} `.repeat(60))],
  ];

  it.each(CASES)('diffs and merges %s without an exception', { timeout: 60_000 }, (name, before, after) => {
    let started = performance.now();
    const diff = diffRevisions(before, after);
    const diffMs = performance.now() - started;
    started = performance.now();
    const merged = threeWayMerge(before, after, `${before}\nappended`);
    const mergeMs = performance.now() - started;
    started = performance.now();
    diffLinesForDisplay(before, after);
    const displayMs = performance.now() - started;
    console.info(`hostile diff: ${name}: diff ${diffMs.toFixed(0)} ms, merge ${mergeMs.toFixed(0)} ms, display diff ${displayMs.toFixed(0)} ms`);
    expect(diff.rows.length).toBeGreaterThan(0);
    expect(typeof merged.clean).toBe('boolean');
  });
});
