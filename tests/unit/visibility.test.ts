import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { englishText } from '@/lib/domain/error-messages';
import {
  HIDDEN_BITS,
  hiddenBits,
  hiddenParts,
  hidingRefusal,
  mayViewDeleted,
  redactSummaryAndAuthor,
  REMOVED_SUMMARY,
  REMOVED_USER,
  revisionMarks,
  visibleText,
} from '@/lib/domain/visibility';

const admin: Actor = { userId: 1, name: 'Admin', role: 'admin', createdAt: new Date(0), editCount: 0, blocked: null };
const editor: Actor = { ...admin, userId: 2, name: 'Editor', role: 'registered' };
const row = { summary: 'rude words', author: { id: 9, name: 'Vandal' } };

describe('revision visibility', () => {
  it('lets only administrators see deleted material', () => {
    expect(mayViewDeleted(admin)).toBe(true);
    expect(mayViewDeleted(editor)).toBe(false);
    expect(mayViewDeleted(ANONYMOUS)).toBe(false);
  });

  it('converts between the stored bits and the parts', () => {
    expect(hiddenParts(HIDDEN_BITS.summary | HIDDEN_BITS.author)).toEqual({ text: false, summary: true, author: true });
    expect(hiddenBits({ text: true, author: true })).toBe(5);
    expect(hiddenBits({})).toBe(0);
  });

  it('hides an archived revision entirely from readers, not from administrators', () => {
    expect(revisionMarks({ hidden: 0, archived: true }, false)).toBeNull();
    expect(revisionMarks({ hidden: 0, archived: true }, true)).toMatchObject({ archived: true, withheld: { text: false, summary: false, author: false } });
  });

  it('replaces a hidden summary and author with the removed markers for readers', () => {
    const marks = revisionMarks({ hidden: HIDDEN_BITS.summary | HIDDEN_BITS.author, archived: false }, false)!;
    expect(redactSummaryAndAuthor(row, marks)).toEqual({ summary: REMOVED_SUMMARY, author: { id: 0, name: REMOVED_USER } });
    expect(visibleText('the text', marks)).toBe('the text');
  });

  it('withholds a hidden text from readers and marks everything hidden for administrators', () => {
    const reader = revisionMarks({ hidden: HIDDEN_BITS.text, archived: false }, false)!;
    expect(visibleText('abuse', reader)).toBeNull();
    expect(redactSummaryAndAuthor(row, reader)).toEqual(row);

    const seenByAdmin = revisionMarks({ hidden: 7, archived: false }, true)!;
    expect(seenByAdmin.hidden).toEqual({ text: true, summary: true, author: true });
    expect(seenByAdmin.withheld).toEqual({ text: false, summary: false, author: false });
    expect(visibleText('abuse', seenByAdmin)).toBe('abuse');
    expect(redactSummaryAndAuthor(row, seenByAdmin)).toEqual(row);
  });

  it("refuses hiding the current revision's text, and nothing else", () => {
    expect(englishText(hidingRefusal(HIDDEN_BITS.text, true)!)).toMatch(/current revision cannot be hidden/);
    expect(hidingRefusal(HIDDEN_BITS.summary | HIDDEN_BITS.author, true)).toBeNull();
    expect(hidingRefusal(HIDDEN_BITS.text, false)).toBeNull();
  });
});
