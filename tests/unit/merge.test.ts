import { describe, expect, it } from 'vitest';
import { diff3Merge } from 'node-diff3';
import { MAX_MERGE_CHANGED_LINES, threeWayMerge, undoChange } from '@/lib/domain/merge';

const lines = (...values: string[]): string => values.join('\n');

const article = [
  '# Apples',
  '',
  'Apples grow on trees.',
  'They are usually red.',
  '',
  '## Varieties',
  '',
  'Gala and Fuji are common.',
  'Granny Smith is green.',
  '',
  '## History',
  '',
  'Apples came from Central Asia.',
  '',
].join('\n');

describe('threeWayMerge', () => {
  it('merges non-overlapping edits in different paragraphs', () => {
    const mine = article.replace('They are usually red.', 'They are often red.');
    const theirs = article.replace('Apples came from Central Asia.', 'Apples came from Kazakhstan.');
    expect(threeWayMerge(article, mine, theirs)).toEqual({
      clean: true,
      text: article.replace('They are usually red.', 'They are often red.').replace('Apples came from Central Asia.', 'Apples came from Kazakhstan.'),
    });
  });

  it('merges an insertion on one side with a deletion elsewhere on the other', () => {
    const mine = article.replace('## History\n', '## History\n\nA new sentence.\n');
    const theirs = article.replace('Granny Smith is green.\n', '');
    const result = threeWayMerge(article, mine, theirs);
    expect(result.clean).toBe(true);
    if (result.clean) {
      expect(result.text).toContain('A new sentence.');
      expect(result.text).not.toContain('Granny Smith');
    }
  });

  it('reports a conflict when the same line is changed differently', () => {
    const mine = article.replace('usually red', 'mostly red');
    const theirs = article.replace('usually red', 'sometimes yellow');
    expect(threeWayMerge(article, mine, theirs)).toEqual({ clean: false, conflicts: 1 });
  });

  it('counts each conflicting region', () => {
    const mine = article.replace('usually red', 'mostly red').replace('Central Asia', 'Asia');
    const theirs = article.replace('usually red', 'yellow').replace('Central Asia', 'Kazakhstan');
    expect(threeWayMerge(article, mine, theirs)).toEqual({ clean: false, conflicts: 2 });
  });

  it('takes an identical change made on both sides once', () => {
    const changed = article.replace('usually red', 'mostly red');
    expect(threeWayMerge(article, changed, changed)).toEqual({ clean: true, text: changed });
    // Same change plus a different, separate change on one side: still clean.
    const theirs = changed.replace('Granny Smith', 'Bramley');
    expect(threeWayMerge(article, changed, theirs)).toEqual({ clean: true, text: theirs });
  });

  it('reports a conflict when both sides insert different text at the same place', () => {
    const mine = article.replace('## Varieties\n', '## Varieties\nMine.\n');
    const theirs = article.replace('## Varieties\n', '## Varieties\nTheirs.\n');
    expect(threeWayMerge(article, mine, theirs)).toEqual({ clean: false, conflicts: 1 });
  });

  it('takes an identical insertion at the same place once', () => {
    const both = article.replace('## Varieties\n', '## Varieties\nSame.\n');
    const theirs = both.replace('Central Asia', 'Asia');
    expect(threeWayMerge(article, both, theirs)).toEqual({ clean: true, text: theirs });
  });

  it('treats edits on adjacent lines as a conflict, like GNU diff3', () => {
    // No unchanged line separates the two changes, so diff3 cannot tell where one ends.
    const base = lines('a', 'b', 'c', 'd');
    expect(threeWayMerge(base, lines('a', 'B', 'c', 'd'), lines('a', 'b', 'C', 'd'))).toEqual({
      clean: false,
      conflicts: 1,
    });
    // One unchanged line in between is enough.
    const longer = lines('a', 'b', 'c', 'd', 'e');
    expect(threeWayMerge(longer, lines('a', 'B', 'c', 'd', 'e'), lines('a', 'b', 'c', 'D', 'e'))).toEqual({
      clean: true,
      text: lines('a', 'B', 'c', 'D', 'e'),
    });
    // An insertion right after a line that the other side changed also touches it.
    expect(threeWayMerge(longer, lines('a', 'B', 'c', 'd', 'e'), lines('a', 'b', 'new', 'c', 'd', 'e'))).toEqual({
      clean: false,
      conflicts: 1,
    });
  });

  it('takes one side when the other is unchanged', () => {
    const mine = article.replace('red', 'green');
    expect(threeWayMerge(article, mine, article)).toEqual({ clean: true, text: mine });
    expect(threeWayMerge(article, article, mine)).toEqual({ clean: true, text: mine });
  });

  describe('empty texts', () => {
    it('merges a page-creation race only when both texts are identical', () => {
      expect(threeWayMerge('', 'Hello', 'Hello')).toEqual({ clean: true, text: 'Hello' });
      expect(threeWayMerge('', 'Hello\n', 'Hello\n')).toEqual({ clean: true, text: 'Hello\n' });
      expect(threeWayMerge('', 'Hello', 'Goodbye')).toEqual({ clean: false, conflicts: 1 });
      expect(threeWayMerge('', 'Hello\nWorld\n', 'Goodbye\n')).toEqual({ clean: false, conflicts: 1 });
    });

    it('handles empty sides', () => {
      expect(threeWayMerge('', '', '')).toEqual({ clean: true, text: '' });
      expect(threeWayMerge('', 'text', '')).toEqual({ clean: true, text: 'text' });
      expect(threeWayMerge('text', '', 'text')).toEqual({ clean: true, text: '' });
      // One side blanked the page, the other edited it: conflict, nothing is silently lost.
      expect(threeWayMerge('a\nb\nc', '', 'a\nB\nc')).toEqual({ clean: false, conflicts: 1 });
    });
  });

  describe('final newlines', () => {
    it('merges texts without a trailing newline', () => {
      const base = lines('one', 'two', 'three', 'four');
      const result = threeWayMerge(base, lines('ONE', 'two', 'three', 'four'), lines('one', 'two', 'three', 'FOUR'));
      expect(result).toEqual({ clean: true, text: lines('ONE', 'two', 'three', 'FOUR') });
    });

    it('keeps each side’s final-newline change when it does not touch the other’s edit', () => {
      const base = lines('one', 'two', 'three', 'four');
      expect(threeWayMerge(base, `${base}\n`, lines('ONE', 'two', 'three', 'four'))).toEqual({
        clean: true,
        text: `${lines('ONE', 'two', 'three', 'four')}\n`,
      });
      expect(threeWayMerge(`${base}\n`, base, `${lines('ONE', 'two', 'three', 'four')}\n`)).toEqual({
        clean: true,
        text: lines('ONE', 'two', 'three', 'four'),
      });
    });

    it('round-trips blank lines and \\r exactly', () => {
      const base = 'a\r\n\r\nb\r\n\n\nc';
      const mine = base.replace('a\r', 'A\r');
      const theirs = base.replace('\nc', '\nC');
      expect(threeWayMerge(base, mine, theirs)).toEqual({ clean: true, text: 'A\r\n\r\nb\r\n\n\nC' });
    });
  });

  it('merges unicode lines', () => {
    const base = lines('Ünïcödé', '日本語の行', '🍎 apple', 'עברית', 'end');
    const mine = lines('Ünïcödé!', '日本語の行', '🍎 apple', 'עברית', 'end');
    const theirs = lines('Ünïcödé', '日本語の行', '🍎 apple', 'עברית', '终');
    expect(threeWayMerge(base, mine, theirs)).toEqual({
      clean: true,
      text: lines('Ünïcödé!', '日本語の行', '🍎 apple', 'עברית', '终'),
    });
    expect(threeWayMerge(base, base.replace('🍎', '🍏'), base.replace('🍎', '🍐'))).toEqual({
      clean: false,
      conflicts: 1,
    });
  });

  it('does not treat lines named like Object.prototype members specially', () => {
    const base = lines('constructor', '__proto__', 'toString', 'x');
    expect(threeWayMerge(base, lines('constructor', '__proto__', 'toString', 'y'), lines('hasOwnProperty', '__proto__', 'toString', 'x'))).toEqual({
      clean: true,
      text: lines('hasOwnProperty', '__proto__', 'toString', 'y'),
    });
  });

  it('stays fast on a large page with many blank lines', () => {
    const base = Array.from({ length: 60_000 }, (_, i) => (i % 3 === 0 ? '' : `Line ${i} of a long page.`)).join('\n');
    const mine = base.replace('Line 100 ', 'Line one hundred ');
    const theirs = base.replace('Line 50000 ', 'Line fifty thousand ');
    const started = Date.now();
    const result = threeWayMerge(base, mine, theirs);
    console.log(`merge of a 60,000-line page: ${Date.now() - started} ms`);
    expect(result).toEqual({
      clean: true,
      text: base.replace('Line 100 ', 'Line one hundred ').replace('Line 50000 ', 'Line fifty thousand '),
    });
  });

  it('gives up with a conflict when one side changed too much to diff cheaply', () => {
    const base = Array.from({ length: 3000 }, (_, i) => `old ${i}`).join('\n');
    const mine = Array.from({ length: 3000 }, (_, i) => `new ${i}`).join('\n');
    const theirs = base.replace('old 5\n', 'old five\n');
    expect(MAX_MERGE_CHANGED_LINES).toBeLessThan(6000);
    expect(threeWayMerge(base, mine, theirs)).toEqual({ clean: false, conflicts: 1 });
  });

  it('agrees with node-diff3 (the reference diff3) on random edits', () => {
    // Edits that never reorder base lines and only insert fresh lines have a unique LCS, so any
    // correct diff3 must give exactly the same answer.
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let fresh = 0;
    const edit = (base: string[], shared: string[]): string[] => {
      const out: string[] = [];
      for (const line of base) {
        const roll = random(10);
        if (roll === 0) continue; // delete
        if (roll === 1)
          out.push(`new ${fresh++}`); // replace
        else if (roll === 2)
          out.push(shared[random(shared.length)] as string); // same change on both sides, sometimes
        else out.push(line);
        if (random(12) === 0) out.push(`new ${fresh++}`); // insert
      }
      return out;
    };
    let cleanCount = 0;
    for (let round = 0; round < 500; round++) {
      const base = Array.from({ length: 1 + random(12) }, (_, i) => `base ${i}`);
      const shared = [`shared ${round}a`, `shared ${round}b`];
      const mine = edit(base, shared);
      const theirs = edit(base, shared);
      const reference = diff3Merge(mine, base, theirs, { excludeFalseConflicts: true });
      const refConflicts = reference.filter((region) => region.conflict).length;
      const expected = refConflicts > 0 ? { clean: false, conflicts: refConflicts } : { clean: true, text: reference.flatMap((region) => region.ok ?? []).join('\n') };
      if (expected.clean) cleanCount += 1;
      expect(threeWayMerge(base.join('\n'), mine.join('\n'), theirs.join('\n')), `round ${round}`).toEqual(expected);
    }
    // The sample exercises both outcomes.
    expect(cleanCount).toBeGreaterThan(50);
    expect(cleanCount).toBeLessThan(450);
  });
});

describe('undoChange', () => {
  it('undoes an older edit while later edits elsewhere survive', () => {
    const v1 = article;
    const v2 = v1.replace('usually red', 'usually bright red'); // the edit to undo
    const v3 = v2.replace('Central Asia', 'Kazakhstan'); // a later edit elsewhere
    expect(undoChange(v3, v1, v2)).toEqual({ clean: true, text: v1.replace('Central Asia', 'Kazakhstan') });
  });

  it('undoes the latest edit exactly', () => {
    const v1 = article;
    const v2 = v1.replace('Gala', 'Gala, Braeburn');
    expect(undoChange(v2, v1, v2)).toEqual({ clean: true, text: v1 });
  });

  it('undoes an insertion and a page creation', () => {
    const v1 = lines('a', 'b', 'c', 'd', 'e');
    const v2 = lines('a', 'inserted', 'b', 'c', 'd', 'e');
    const v3 = lines('a', 'inserted', 'b', 'c', 'd', 'E');
    expect(undoChange(v3, v1, v2)).toEqual({ clean: true, text: lines('a', 'b', 'c', 'd', 'E') });
    expect(undoChange('Created', '', 'Created')).toEqual({ clean: true, text: '' });
  });

  it('fails when a later edit changed the same lines', () => {
    const v1 = article;
    const v2 = v1.replace('usually red', 'usually bright red');
    const v3 = v2.replace('usually bright red', 'usually bright crimson');
    expect(undoChange(v3, v1, v2)).toEqual({ clean: false, conflicts: 1 });
  });
});
