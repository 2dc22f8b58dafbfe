import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@/lib/domain/schemas';
import { destinationExtension, parseDestination, suggestedDestination, uploadInputSchema } from '@/lib/domain/files/upload-input';
import { NS } from '@/lib/domain/titles';

function errorsFor(input: Record<string, unknown>): Record<string, string> {
  const result = uploadInputSchema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error);
}

describe('uploadInputSchema', () => {
  it('parses a form submission into a File: title and clean text', () => {
    const data = uploadInputSchema.parse({ title: 'file:logo  of ECPAT.png', comment: ' first\nversion ', text: 'A logo.\r\nBlue.', confirm: '', expect: '' });
    expect(data.title.namespace).toBe(NS.FILE);
    expect(data.title.prefixedText).toBe('File:Logo of ECPAT.png');
    expect(data.comment).toBe('first version');
    expect(data.text).toBe('A logo.\nBlue.');
    expect(data.confirm).toEqual([]);
    expect(data.expect).toBeNull();
  });

  it('accepts MediaWiki’s Image: prefix and only the fields a REST client sends', () => {
    const data = uploadInputSchema.parse({ title: 'Image:Logo.png' });
    expect(data.title.prefixedDbKey).toBe('File:Logo.png');
    expect(data).toMatchObject({ comment: '', text: '', confirm: [], expect: null });
  });

  it('keeps a name out of other namespaces: colons and slashes become dashes', () => {
    expect(parseDestination('Talk:Logo.png').ok && parseDestination('Talk:Logo.png')).toMatchObject({ title: { prefixedText: 'File:Talk-Logo.png' } });
    expect(uploadInputSchema.parse({ title: 'a/b\\c.png' }).title.text).toBe('A-b-c.png');
  });

  it('reads confirmed warnings from one field, repeated fields or an array', () => {
    expect(uploadInputSchema.parse({ title: 'A.png', confirm: 'exists,duplicate' }).confirm).toEqual(['exists', 'duplicate']);
    expect(uploadInputSchema.parse({ title: 'A.png', confirm: ['duplicate', 'duplicate'] }).confirm).toEqual(['duplicate']);
    expect(errorsFor({ title: 'A.png', confirm: 'everything' }).confirm).toBe('"everything" is not a warning that can be confirmed; use exists, duplicate.');
  });

  it('says what to fix in a refused input', () => {
    expect(errorsFor({ title: '  ' }).title).toMatch(/Enter the name the file will have/);
    expect(errorsFor({ title: 'Logo' }).title).toBe('"Logo" has no extension: add the one that fits the file\'s type (for example .png or .jpg).');
    expect(errorsFor({ title: 'A<b>.png' }).title).toMatch(/^"A<b>.png" cannot be a file name: /);
    expect(errorsFor({ title: 'A.png', comment: 'x'.repeat(501) }).comment).toMatch(/at most 500 characters long \(this one has 501\)/);
    expect(errorsFor({ title: 'A.png', expect: '-3' }).expect).toMatch(/positive whole number/);
    expect(errorsFor({ title: 'A.png', text: 5 }).text).toBe('The description must be text.');
  });
});

describe('suggestedDestination', () => {
  it('takes the picked file’s base name, normalized as a title', () => {
    expect(suggestedDestination('C:\\fakepath\\my_logo  v2.PNG')).toBe('My logo v2.PNG');
    expect(suggestedDestination('scan.jpg')).toBe('Scan.jpg');
    expect(suggestedDestination('a#b.png')).toBe('');
  });

  it('finds the extension of a destination', () => {
    const title = uploadInputSchema.parse({ title: 'Photo.JPeG' }).title;
    expect(destinationExtension(title)).toBe('jpeg');
  });
});
