import { describe, expect, it } from 'vitest';
import { HIDDEN_BITS, mergeableBaseText } from '@/lib/domain/visibility';

const base = (hidden: number, archived = false) => ({ hidden, archived, text: 'the base text' });

describe('mergeableBaseText: what an edit may be merged against', () => {
  it('merges against a visible base, and one whose summary or author only is hidden', () => {
    expect(mergeableBaseText(base(0), false)).toBe('the base text');
    expect(mergeableBaseText(base(HIDDEN_BITS.summary | HIDDEN_BITS.author), false)).toBe('the base text');
  });

  it('refuses a base whose text is hidden from the editor (a merge would confirm guesses of it)', () => {
    expect(mergeableBaseText(base(HIDDEN_BITS.text), false)).toBeNull();
    expect(mergeableBaseText(base(HIDDEN_BITS.text | HIDDEN_BITS.summary | HIDDEN_BITS.author), false)).toBeNull();
  });

  it('refuses an archived base (a deleted page’s revision) to editors who may not see deleted material', () => {
    expect(mergeableBaseText(base(0, true), false)).toBeNull();
    expect(mergeableBaseText(base(HIDDEN_BITS.text, true), false)).toBeNull();
  });

  it('lets viewers of deleted material (administrators) merge against hidden and archived bases', () => {
    expect(mergeableBaseText(base(HIDDEN_BITS.text), true)).toBe('the base text');
    expect(mergeableBaseText(base(HIDDEN_BITS.text, true), true)).toBe('the base text');
  });
});
