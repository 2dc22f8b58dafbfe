import { describe, expect, it } from 'vitest';
import { blockFormSchema, MAX_BLOCKED_PAGES, unblockFormSchema } from '@/lib/domain/blocks';
import { fieldErrorsOf } from '@/lib/domain/schemas';
import { userRightsSchema } from '@/lib/domain/user-rights';

const valid = { target: 'bob_smith', expiry: '1 week', reason: 'Vandalism', scope: 'sitewide', pages: '' };

function errorsOf(input: Record<string, unknown>): Record<string, string> {
  const result = blockFormSchema.safeParse(input);
  if (result.success) throw new Error('expected the input to be refused');
  return fieldErrorsOf(result.error);
}

describe('block form', () => {
  it('normalizes the user name and reads the expiry as a future date', () => {
    const before = Date.now();
    const block = blockFormSchema.parse(valid);
    expect(block.target).toBe('Bob smith');
    expect(block.scope).toBe('sitewide');
    expect(block.pages).toEqual([]);
    const week = 7 * 86_400_000;
    expect(block.expiry!.getTime()).toBeGreaterThanOrEqual(before + week);
    expect(block.expiry!.getTime()).toBeLessThanOrEqual(Date.now() + week);
  });

  it('accepts "User:Name" and an indefinite expiry', () => {
    const block = blockFormSchema.parse({ ...valid, target: 'User:Alice', expiry: 'infinite' });
    expect(block).toMatchObject({ target: 'Alice', expiry: null });
  });

  it('reads a partial block page list one title per line, normalized, without blanks and repeats', () => {
    const block = blockFormSchema.parse({ ...valid, scope: 'partial', pages: 'foo_bar\r\n\n  Talk:Baz \nFoo bar\n' });
    expect(block.pages.map((title) => title.prefixedText)).toEqual(['Foo bar', 'Talk:Baz']);
  });

  it('ignores a page list typed before choosing a sitewide block', () => {
    expect(blockFormSchema.parse({ ...valid, pages: 'Foo' }).pages).toEqual([]);
  });

  it('refuses an empty partial block, invalid titles and too many pages, on the pages field', () => {
    expect(errorsOf({ ...valid, scope: 'partial', pages: ' \n ' }).pages).toMatch(/List the pages/);
    expect(errorsOf({ ...valid, scope: 'partial', pages: 'Good\nBad [title]' }).pages).toMatch(/"Bad \[title\]" is not a valid page title/);
    expect(errorsOf({ ...valid, scope: 'partial', pages: 'Special:RecentChanges' }).pages).toMatch(/special page/);
    const many = Array.from({ length: MAX_BLOCKED_PAGES + 1 }, (_, i) => `Page ${i}`).join('\n');
    expect(errorsOf({ ...valid, scope: 'partial', pages: many }).pages).toMatch(`at most ${MAX_BLOCKED_PAGES} pages`);
  });

  it('says what to fix for each missing or wrong field', () => {
    const errors = errorsOf({ target: ' ', expiry: '2001-01-01', reason: '   ', scope: 'everywhere', pages: '' });
    expect(errors.target).toBe('Give the name of a user.');
    expect(errors.expiry).toBe('The expiry must be in the future.');
    expect(errors.reason).toBe('Give a reason; it is shown in the log.');
    expect(errors.scope).toMatch(/sitewide or for some pages/);
    expect(errorsOf({ ...valid, reason: 'x'.repeat(501) }).reason).toMatch(/at most 500 characters/);
    // Every problem at once, not one per submission.
    expect(Object.keys(errorsOf({ ...valid, expiry: 'soonish', reason: '', scope: 'partial', pages: '' })).sort()).toEqual(['expiry', 'pages', 'reason']);
  });
});

describe('unblock and user rights forms', () => {
  it('need a user and a reason', () => {
    expect(unblockFormSchema.parse({ target: 'bob', reason: ' appeal  accepted ' })).toEqual({ target: 'Bob', reason: 'appeal accepted' });
    const result = unblockFormSchema.safeParse({ target: 'bob', reason: '' });
    expect(result.success).toBe(false);
  });

  it('offer only the stored roles', () => {
    expect(userRightsSchema.parse({ target: 'carol', role: 'admin', reason: 'elected' })).toEqual({ target: 'Carol', role: 'admin', reason: 'elected' });
    const result = userRightsSchema.safeParse({ target: 'carol', role: 'autoconfirmed', reason: 'x' });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error).role).toMatch(/registered user or administrator/);
  });
});
