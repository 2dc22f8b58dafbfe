import { describe, expect, it } from 'vitest';
import { mayThankFor, thankEventKey, thankProblem, thankSchema, thanksHref, type ThankTarget } from '@/lib/domain/thanks';
import { revisionMarks } from '@/lib/domain/visibility';

const jane = { id: 7, name: 'Jane Doe' };
const viewer = { userId: 9, mayThank: true };
const byJane: ThankTarget = { author: jane, authorIsSystem: false };

describe('thankSchema', () => {
  it('takes a revision id as typed in the form or the address', () => {
    expect(thankSchema.parse({ revisionId: '42' })).toEqual({ revisionId: 42 });
    expect(thankSchema.parse({ revisionId: ' 42 ' })).toEqual({ revisionId: 42 });
    expect(thankSchema.parse({ revisionId: 42 })).toEqual({ revisionId: 42 });
  });

  it('refuses anything that is not a positive id within the database’s range', () => {
    for (const revisionId of ['', '0', '-3', '1e3', '4.5', 'abc', '2147483648', '99999999999', undefined, null]) {
      const parsed = thankSchema.safeParse({ revisionId });
      expect(parsed.success, String(revisionId)).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe('Revision ID is not valid.');
    }
  });
});

describe('who may thank for an edit', () => {
  it('offers the link to a signed-in viewer who may thank, for someone else’s edit', () => {
    expect(mayThankFor(viewer, byJane)).toBe(true);
  });

  it('never to signed-out viewers or to those the policy refuses (a block)', () => {
    expect(mayThankFor({ userId: null, mayThank: false }, byJane)).toBe(false);
    expect(mayThankFor({ userId: 9, mayThank: false }, byJane)).toBe(false);
  });

  it('never for one’s own edit', () => {
    expect(thankProblem(7, byJane)).toBe('self');
    expect(mayThankFor({ userId: 7, mayThank: true }, byJane)).toBe(false);
  });

  it('never for system accounts’ edits or edits without an account', () => {
    expect(thankProblem(9, { author: { id: 3, name: 'Wiki import' }, authorIsSystem: true })).toBe('recipient');
    expect(thankProblem(9, { author: { id: 4, name: '192.0.2.1' }, authorIsSystem: false })).toBe('recipient');
    expect(thankProblem(9, { author: { id: 5, name: '2001:db8::1' }, authorIsSystem: false })).toBe('recipient');
  });

  it('never when the author is hidden from the viewer; an administrator who sees them may', () => {
    const hiddenAuthor = 4;
    const forReader = revisionMarks({ hidden: hiddenAuthor, archived: false }, false)!;
    const forAdmin = revisionMarks({ hidden: hiddenAuthor, archived: false }, true)!;
    expect(thankProblem(9, { ...byJane, visibility: forReader })).toBe('hidden');
    expect(thankProblem(9, { author: { id: 0, name: '(username removed)' }, authorIsSystem: false })).toBe('hidden');
    expect(thankProblem(9, { ...byJane, visibility: forAdmin })).toBeNull();
  });

  it('never for a revision of a deleted page', () => {
    const archived = revisionMarks({ hidden: 0, archived: true }, true)!;
    expect(thankProblem(9, { ...byJane, visibility: archived })).toBe('archived');
  });
});

describe('addresses and keys', () => {
  it('links to Special:Thanks/<revision> and keys the notification by edit and thanker', () => {
    expect(thanksHref(123)).toBe('/wiki/Special:Thanks/123');
    expect(thankEventKey(123, 9)).toBe('thank:123:9');
  });
});
