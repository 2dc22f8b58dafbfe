import { describe, expect, it } from 'vitest';
import { textChanges, type TextChange } from '@/lib/domain/text-changes';

/** `changes` applied to `old` (positions in `old`, in order), as CodeMirror applies a ChangeSpec[]. */
function apply(old: string, changes: TextChange[]): string {
  let result = '';
  let at = 0;
  for (const change of changes) {
    expect(change.from).toBeGreaterThanOrEqual(at);
    result += old.slice(at, change.from) + change.insert;
    at = change.to;
  }
  return result + old.slice(at);
}

describe('textChanges', () => {
  it('makes a wrap two insertions, one on each side', () => {
    const old = 'Fans love the helpline';
    const changes = textChanges(old, 'Fans love the **helpline**');
    expect(changes).toEqual([
      { from: 14, to: 14, insert: '**' },
      { from: 22, to: 22, insert: '**' },
    ]);
    expect(apply(old, changes)).toBe('Fans love the **helpline**');
  });

  it('makes an unwrap two deletions', () => {
    const old = 'Fans love the **helpline** a lot';
    const changes = textChanges(old, 'Fans love the helpline a lot');
    expect(changes).toEqual([
      { from: 14, to: 16, insert: '' },
      { from: 24, to: 26, insert: '' },
    ]);
    expect(apply(old, changes)).toBe('Fans love the helpline a lot');
  });

  it('keeps a wrap around text whose ends match the markup as two insertions', () => {
    // "*" + "*x*" + "*": the common prefix and suffix eat a star each; the rest is still a wrap.
    const old = 'a *x* b';
    const next = 'a ***x*** b';
    expect(apply(old, textChanges(old, next))).toBe(next);
  });

  it('uses one change for an insertion, a deletion or a replacement', () => {
    expect(textChanges('ab', 'aXb')).toEqual([{ from: 1, to: 1, insert: 'X' }]);
    expect(textChanges('aXb', 'ab')).toEqual([{ from: 1, to: 2, insert: '' }]);
    expect(textChanges('a cat b', 'a dog b')).toEqual([{ from: 2, to: 5, insert: 'dog' }]);
    expect(textChanges('same', 'same')).toEqual([]);
  });

  it('turns any text into any other', () => {
    const texts = ['', 'x', '**x**', 'x**', '**', 'Title\n===', '## Title', 'a\nb\nc', '> quote', '[[x|y]]'];
    for (const old of texts) for (const next of texts) expect(apply(old, textChanges(old, next)), `${old} → ${next}`).toBe(next);
  });
});
