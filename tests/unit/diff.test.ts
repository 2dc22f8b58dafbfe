import { describe, expect, it } from 'vitest';
import { diffRevisions, MAX_DIFF_CHANGED_LINES, MAX_WORD_DIFF_LINE_LENGTH, type DiffRow, type WordSegment } from '@/lib/domain/diff';

const same = (text: string): WordSegment => ({ text, changed: false });
const edit = (text: string): WordSegment => ({ text, changed: true });
const context = (text: string, oldLine: number, newLine: number): DiffRow => ({ kind: 'context', oldLine, newLine, text });
const collapsed = (oldStart: number, newStart: number, lines: number): DiffRow => ({ kind: 'collapsed', oldStart, newStart, lines });
const removed = (text: string, oldLine: number): DiffRow => ({ kind: 'changed', oldLine, newLine: null, old: text === '' ? [] : [edit(text)], new: null });
const added = (text: string, newLine: number): DiffRow => ({ kind: 'changed', oldLine: null, newLine, old: null, new: text === '' ? [] : [edit(text)] });
const changed = (oldLine: number, newLine: number, old: WordSegment[], next: WordSegment[]): DiffRow => ({ kind: 'changed', oldLine, newLine, old, new: next });
const lines = (...items: string[]) => items.join('\n') + '\n';
const numbered = (count: number, prefix = 'line') => Array.from({ length: count }, (_, k) => `${prefix} ${k + 1}`);

describe('diffRevisions: identical and empty texts', () => {
  it('gives no rows for identical texts, including a missing final newline or CRLF breaks', () => {
    const none = { rows: [], stats: { added: 0, removed: 0, changedLines: 0 }, coarse: false };
    expect(diffRevisions('', '')).toEqual(none);
    expect(diffRevisions('a\nb\n', 'a\nb\n')).toEqual(none);
    expect(diffRevisions('a\nb\n', 'a\nb')).toEqual(none);
    expect(diffRevisions('a\r\nb\r\n', 'a\nb')).toEqual(none);
  });

  it('shows a page creation as all added', () => {
    expect(diffRevisions('', 'Prima riga\n\nSeconda riga')).toEqual({
      rows: [added('Prima riga', 1), added('', 2), added('Seconda riga', 3)],
      stats: { added: 3, removed: 0, changedLines: 0 },
      coarse: false,
    });
  });

  it('shows the creation of a page longer than the diff budget as all added, not as a coarse diff', () => {
    const result = diffRevisions('', lines(...numbered(MAX_DIFF_CHANGED_LINES + 500)));
    expect(result.coarse).toBe(false);
    expect(result.stats).toEqual({ added: MAX_DIFF_CHANGED_LINES + 500, removed: 0, changedLines: 0 });
  });

  it('shows blanking as all removed', () => {
    expect(diffRevisions('one\ntwo\n', '').rows).toEqual([removed('one', 1), removed('two', 2)]);
    expect(diffRevisions('one\ntwo\n', '').stats).toEqual({ added: 0, removed: 2, changedLines: 0 });
  });

  it('shows an added final blank line, which is visible, unlike a final newline', () => {
    expect(diffRevisions('a\n', 'a\n\n').rows).toEqual([context('a', 1, 1), added('', 2)]);
  });
});

describe('diffRevisions: line and word level', () => {
  it('marks only the changed words of a changed paragraph', () => {
    const result = diffRevisions('The quick brown fox jumps over the lazy dog.\n', 'The quick red fox jumps over the lazy cat.\n');
    expect(result.rows).toEqual([
      changed(
        1,
        1,
        [same('The quick '), edit('brown'), same(' fox jumps over the lazy '), edit('dog'), same('.')],
        [same('The quick '), edit('red'), same(' fox jumps over the lazy '), edit('cat'), same('.')],
      ),
    ]);
    expect(result.stats).toEqual({ added: 0, removed: 0, changedLines: 1 });
  });

  it('joins consecutive changed words across the spaces between them', () => {
    const [row] = diffRevisions('alpha beta gamma delta epsilon\n', 'alpha one two three epsilon\n').rows;
    expect(row).toEqual(changed(1, 1, [same('alpha '), edit('beta gamma delta'), same(' epsilon')], [same('alpha '), edit('one two three'), same(' epsilon')]));
  });

  it('shows inserted and deleted lines on one side only, between context lines', () => {
    expect(diffRevisions(lines('a', 'b', 'c'), lines('a', 'x', 'b')).rows).toEqual([context('a', 1, 1), added('x', 2), context('b', 2, 3), removed('c', 3)]);
  });

  it('does not pair unrelated paragraphs: they are a deletion and an insertion', () => {
    expect(diffRevisions('Il gatto dorme sul divano.\n', 'Completely different words here!\n').rows).toEqual([
      removed('Il gatto dorme sul divano.', 1),
      added('Completely different words here!', 1),
    ]);
  });

  it('pairs each removed paragraph with its most similar added one, in order', () => {
    const oldText = lines('The first paragraph talks about cats and dogs.', 'The second paragraph is about the weather today.');
    const newText = lines(
      'A brand new introduction sentence.',
      'The first paragraph talks about cats and birds.',
      'Unrelated inserted text goes here.',
      'The second paragraph is about the weather tomorrow.',
    );
    const { rows, stats } = diffRevisions(oldText, newText);
    expect(rows).toEqual([
      added('A brand new introduction sentence.', 1),
      changed(
        1,
        2,
        [same('The first paragraph talks about cats and '), edit('dogs'), same('.')],
        [same('The first paragraph talks about cats and '), edit('birds'), same('.')],
      ),
      added('Unrelated inserted text goes here.', 3),
      changed(
        2,
        4,
        [same('The second paragraph is about the weather '), edit('today'), same('.')],
        [same('The second paragraph is about the weather '), edit('tomorrow'), same('.')],
      ),
    ]);
    expect(stats).toEqual({ added: 2, removed: 0, changedLines: 2 });
  });

  it('marks a very long line as changed as a whole instead of word-diffing it', () => {
    const long = 'word '.repeat(MAX_WORD_DIFF_LINE_LENGTH / 4);
    const { rows } = diffRevisions(`${long}\n`, `${long}extra\n`);
    expect(rows).toEqual([changed(1, 1, [edit(long)], [edit(`${long}extra`)])]);
  });
  it('marks a pair changed as a whole when its word diff would cost too much', () => {
    const words = numbered(80, 'w').map((word) => word.replace(' ', ''));
    const { rows } = diffRevisions(`${words.join(' ')}\n`, `${[...words].reverse().join(' ')}\n`);
    // Same words (so paired), but reordered: far more than MAX_WORD_DIFF_EDITS token edits.
    expect(rows).toEqual([changed(1, 1, [edit(words.join(' '))], [edit([...words].reverse().join(' '))])]);
  });
});

describe('diffRevisions: moved and split paragraphs', () => {
  it('marks a paragraph moved elsewhere on both sides, without word changes', () => {
    const moving = 'This paragraph moves to the end of the page.';
    const { rows, stats } = diffRevisions(lines(moving, 'a', 'b', 'c', 'd'), lines('a', 'b', 'c', 'd', moving));
    expect(rows).toEqual([
      { kind: 'changed', oldLine: 1, newLine: null, old: [same(moving)], new: null, moved: true, movedLine: 5 },
      context('a', 2, 1),
      context('b', 3, 2),
      context('c', 4, 3),
      context('d', 5, 4),
      { kind: 'changed', oldLine: null, newLine: 5, old: null, new: [same(moving)], moved: true, movedLine: 1 },
    ]);
    expect(stats).toEqual({ added: 1, removed: 1, changedLines: 0 });
  });

  it('does not call short recurring lines moved', () => {
    const rows = diffRevisions(lines('}}', 'a', 'b', 'c', 'd'), lines('a', 'b', 'c', 'd', '}}')).rows;
    expect(rows[0]).toEqual(removed('}}', 1));
    expect(rows.at(-1)).toEqual(added('}}', 5));
  });

  it('aligns a split paragraph with its first half and shows the second as added, with no words changed', () => {
    const { rows, stats } = diffRevisions('Uno due tre quattro. Cinque sei sette otto.\n', 'Uno due tre quattro.\nCinque sei sette otto.\n');
    expect(rows).toEqual([
      // The old side shows where it was cut: the space between the sentences is gone.
      changed(1, 1, [same('Uno due tre quattro.'), edit(' '), same('Cinque sei sette otto.')], [same('Uno due tre quattro.')]),
      { kind: 'changed', oldLine: null, newLine: 2, old: null, new: [same('Cinque sei sette otto.')], split: true },
    ]);
    expect(stats).toEqual({ added: 1, removed: 0, changedLines: 1 });
  });

  it('aligns an uneven split with the first half even when the second is more similar', () => {
    const { rows } = diffRevisions(
      'Short intro. Then a much longer second sentence with many more words in it.\n',
      'Short intro.\nThen a much longer second sentence with many more words in it, now edited.\n',
    );
    expect(rows).toEqual([
      changed(1, 1, [same('Short intro.'), edit(' '), same('Then a much longer second sentence with many more words in it.')], [same('Short intro.')]),
      {
        kind: 'changed',
        oldLine: null,
        newLine: 2,
        old: null,
        new: [same('Then a much longer second sentence with many more words in it'), edit(', now edited'), same('.')],
        split: true,
      },
    ]);
  });

  it('does not take an unrelated following paragraph for the second half of a split', () => {
    const { rows } = diffRevisions('The castle was built in 1200 by the count.\n', 'The castle was built in 1250 by the count.\nA new paragraph about the local cuisine.\n');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ kind: 'changed', oldLine: 1, newLine: 1 });
    expect(rows[1]).toEqual(added('A new paragraph about the local cuisine.', 2));
  });
});

describe('diffRevisions: Unicode', () => {
  it('diffs accented Italian, Cyrillic and emoji by whole words and symbols', () => {
    const [row] = diffRevisions('Perché la città è bella 👍🏽 привет\n', 'Poiché la città è più bella 👍🏿 привет\n').rows;
    expect(row).toEqual(
      changed(
        1,
        1,
        [edit('Perché'), same(' la città è bella '), edit('👍🏽'), same(' привет')],
        [edit('Poiché'), same(' la città è '), edit('più '), same('bella '), edit('👍🏿'), same(' привет')],
      ),
    );
  });

  it('diffs CJK text character by character', () => {
    const [row] = diffRevisions('東京は日本の首都です。\n', '京都は日本の古都です。\n').rows;
    expect(row?.kind).toBe('changed');
    if (row?.kind !== 'changed') return;
    expect(row.old).toEqual([edit('東'), same('京は日本の'), edit('首'), same('都です。')]);
    expect(row.new).toEqual([same('京'), edit('都'), same('は日本の'), edit('古'), same('都です。')]);
  });
});

describe('diffRevisions: context', () => {
  const base = numbered(20);
  const withChange = (at: number[]) => base.map((line, k) => (at.includes(k + 1) ? `${line} changed` : line));

  it('keeps two lines around a change and collapses the rest, with their first line numbers', () => {
    const { rows } = diffRevisions(lines(...base), lines(...withChange([10])));
    expect(rows).toEqual([
      collapsed(1, 1, 7),
      context('line 8', 8, 8),
      context('line 9', 9, 9),
      changed(10, 10, [same('line 10')], [same('line 10'), edit(' changed')]),
      context('line 11', 11, 11),
      context('line 12', 12, 12),
      collapsed(13, 13, 8),
    ]);
  });

  it('does not collapse between changes closer than twice the context, and collapses a longer gap', () => {
    const close = diffRevisions(lines(...base), lines(...withChange([5, 9]))).rows;
    expect(close.filter((row) => row.kind === 'collapsed')).toEqual([collapsed(1, 1, 2), collapsed(12, 12, 9)]);
    const apart = diffRevisions(lines(...base), lines(...withChange([5, 11]))).rows;
    expect(apart.filter((row) => row.kind === 'collapsed')).toEqual([collapsed(1, 1, 2), collapsed(8, 8, 1), collapsed(14, 14, 7)]);
  });

  it('follows the context option, and numbers the new side after insertions', () => {
    const inserted = [...base.slice(0, 5), 'new A', 'new B', ...base.slice(5)];
    expect(diffRevisions(lines(...base), lines(...inserted), { context: 0 }).rows).toEqual([collapsed(1, 1, 5), added('new A', 6), added('new B', 7), collapsed(6, 8, 15)]);
    const all = diffRevisions(lines(...base), lines(...inserted), { context: Infinity }).rows;
    expect(all).toHaveLength(22);
    expect(all.at(-1)).toEqual(context('line 20', 20, 22));
  });
});

describe('diffRevisions: bounded work', () => {
  it('falls back to all removed, all added when too many lines differ, keeping the common head and tail', () => {
    const count = MAX_DIFF_CHANGED_LINES / 2 + 10;
    const oldText = lines('head', ...numbered(count, 'old'), 'tail');
    const newText = lines('head', ...numbered(count, 'new'), 'tail');
    const { rows, stats, coarse } = diffRevisions(oldText, newText);
    expect(coarse).toBe(true);
    expect(stats).toEqual({ added: count, removed: count, changedLines: 0 });
    expect(rows[0]).toEqual(context('head', 1, 1));
    expect(rows[1]).toEqual(removed('old 1', 2));
    expect(rows[count + 1]).toEqual(added('new 1', 2));
    expect(rows.at(-1)).toEqual(context('tail', count + 2, count + 2));
  });

  it('diffs two ~1 MiB texts with 50 scattered changes correctly (timing printed, not asserted)', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const vocabulary = 'la città è più bella perché il tempo passa sempre lentamente quando si aspetta 東京 😀 wiki pagina'.split(' ');
    const paragraph = (k: number) => `§${k} ` + Array.from({ length: 45 }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ');
    const oldLines: string[] = [];
    for (let size = 0, k = 0; size < 2 ** 20; k++) {
      oldLines.push(paragraph(k), '');
      size += (oldLines.at(-2)?.length ?? 0) + 2;
    }
    oldLines.pop(); // no blank line at the end
    // Every change lands on a paragraph (even index); from the end, so earlier indices stay valid.
    const newLines = [...oldLines];
    const step = Math.floor(oldLines.length / 2 / 50) * 2;
    const edits = { words: 0, deletions: 0, insertions: 0 };
    for (let c = 49; c >= 0; c--) {
      const at = c * step + 2;
      if (c % 5 === 3) {
        newLines.splice(at, 1);
        edits.deletions++;
      } else if (c % 5 === 4) {
        newLines.splice(at, 0, 'Un paragrafo nuovo di zecca, inserito qui: ✨.');
        edits.insertions++;
      } else {
        newLines[at] = `${newLines[at]} EDITED`;
        edits.words++;
      }
    }
    const oldText = oldLines.join('\n');
    const newText = newLines.join('\n');
    expect(oldText.length).toBeGreaterThan(2 ** 20);

    const started = performance.now();
    const result = diffRevisions(oldText, newText);
    console.log(`diffRevisions on 2 × ${(oldText.length / 2 ** 20).toFixed(2)} MiB, 50 changes: ${(performance.now() - started).toFixed(1)} ms`);

    expect(result.coarse).toBe(false);
    expect(result.stats).toEqual({ added: edits.insertions, removed: edits.deletions, changedLines: edits.words });
    const changes = result.rows.filter((row) => row.kind === 'changed');
    expect(changes).toHaveLength(50);
    for (const row of changes) {
      if (row.old !== null && row.new !== null) {
        expect(row.old).toEqual([same(oldLines[(row.oldLine ?? 0) - 1] ?? '')]);
        expect(row.new).toEqual([same(oldLines[(row.oldLine ?? 0) - 1] ?? ''), edit(' EDITED')]);
      } else if (row.new !== null) {
        expect(row.new).toEqual([edit('Un paragrafo nuovo di zecca, inserito qui: ✨.')]);
      } else {
        expect(row.old).toEqual([edit(oldLines[(row.oldLine ?? 0) - 1] ?? '')]);
      }
    }
    // Everything else is context or collapsed, and the collapsed rows account for every hidden line.
    const shown = result.rows.filter((row) => row.kind === 'context' || (row.kind === 'changed' && row.old !== null)).length;
    const hidden = result.rows.reduce((sum, row) => sum + (row.kind === 'collapsed' ? row.lines : 0), 0);
    expect(shown + hidden).toBe(oldLines.length);
  });
});
