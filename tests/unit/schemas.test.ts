import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '@/lib/domain/errors';
import { MAX_CONTENT_BYTES, MAX_SUMMARY_CHARS, editPageSchema, fieldErrorsOf, parseOrThrow, utf8ByteLength } from '@/lib/domain/schemas';

const valid = { title: 'Apples', content: 'Apples are red.\n', summary: 'typo', minor: 'on', baseRevisionId: '12' };

function errorsFor(input: Record<string, unknown>): Record<string, string> {
  const result = editPageSchema.safeParse(input);
  if (result.success) return {};
  return fieldErrorsOf(result.error);
}

describe('limits', () => {
  it('follows MediaWiki defaults', () => {
    expect(MAX_CONTENT_BYTES).toBe(2_097_152);
    expect(MAX_SUMMARY_CHARS).toBe(500);
  });
});

describe('editPageSchema', () => {
  it('reads the section being edited: a whole number from 0, from a form field or JSON; anything else is refused', () => {
    expect(editPageSchema.parse({ ...valid, section: '2' }).section).toBe(2);
    expect(editPageSchema.parse({ ...valid, section: 0 }).section).toBe(0);
    expect(editPageSchema.parse({ ...valid, section: '' }).section).toBeNull();
    for (const section of ['-1', '1.5', 'new', 'x', -1, 2.5, true, '9999999999']) {
      const result = editPageSchema.safeParse({ ...valid, section });
      expect(result.success, String(section)).toBe(false);
      expect(fieldErrorsOf(result.error!).section).toBe('The section must be a section number (a whole number from 0).');
    }
  });

  it('parses a form submission', () => {
    expect(editPageSchema.parse(valid)).toEqual({
      title: 'Apples',
      content: 'Apples are red.\n',
      summary: 'typo',
      minor: true,
      baseRevisionId: 12,
      section: null,
    });
  });

  it('parses a JSON submission', () => {
    expect(editPageSchema.parse({ title: 'Talk:Apples', content: '', summary: '', minor: false, baseRevisionId: 3 })).toEqual({
      title: 'Talk:Apples',
      content: '',
      summary: '',
      minor: false,
      baseRevisionId: 3,
      section: null,
    });
  });

  it('defaults absent optional fields', () => {
    expect(editPageSchema.parse({ title: 'Apples', content: 'x' })).toEqual({
      title: 'Apples',
      content: 'x',
      summary: '',
      minor: false,
      baseRevisionId: null,
      section: null,
    });
    expect(editPageSchema.parse({ ...valid, summary: null, minor: null, baseRevisionId: null })).toMatchObject({
      summary: '',
      minor: false,
      baseRevisionId: null,
    });
  });

  describe('title', () => {
    it('returns the title as given once it is valid', () => {
      expect(editPageSchema.parse({ ...valid, title: 'talk:apple_pie' }).title).toBe('talk:apple_pie');
    });

    it("reports the title rule's reason", () => {
      expect(errorsFor({ ...valid, title: '' })).toEqual({ title: 'Title is empty' });
      expect(errorsFor({ ...valid, title: 'A[b]' })).toEqual({ title: 'Title contains the forbidden character "["' });
      expect(errorsFor({ ...valid, title: 'Talk:' })).toEqual({ title: 'Title has no page name after "Talk:"' });
      expect(errorsFor({ ...valid, title: undefined })).toEqual({ title: 'Please enter a page title.' });
    });
  });

  describe('content', () => {
    it('accepts exactly the byte limit and refuses one byte more, counting UTF-8 bytes', () => {
      // "€" is 3 bytes in UTF-8 (1 UTF-16 unit): the limit is reached with far fewer characters.
      const euros = '€'.repeat(Math.floor(MAX_CONTENT_BYTES / 3));
      const atLimit = euros + 'a'.repeat(MAX_CONTENT_BYTES - utf8ByteLength(euros));
      expect(utf8ByteLength(atLimit)).toBe(MAX_CONTENT_BYTES);
      expect(editPageSchema.safeParse({ ...valid, content: atLimit }).success).toBe(true);
      expect(errorsFor({ ...valid, content: `${atLimit}a` })).toEqual({ content: 'The text is 2.1 MiB; the limit is 2 MiB.' });
      // 4-byte emoji straddling the limit.
      const emoji = '🍎'.repeat(MAX_CONTENT_BYTES / 4);
      expect(editPageSchema.safeParse({ ...valid, content: emoji }).success).toBe(true);
      expect(errorsFor({ ...valid, content: `${emoji}é` })).toEqual({ content: 'The text is 2.1 MiB; the limit is 2 MiB.' });
    });

    it('states the size in MiB', () => {
      const content = 'x'.repeat(Math.round(2.3 * 1024 * 1024));
      expect(errorsFor({ ...valid, content })).toEqual({ content: 'The text is 2.3 MiB; the limit is 2 MiB.' });
    });

    it('normalizes line breaks to LF, as textareas submit CRLF', () => {
      expect(editPageSchema.parse({ ...valid, content: 'a\r\nb\rc\n' }).content).toBe('a\nb\nc\n');
    });

    it('requires text', () => {
      expect(errorsFor({ ...valid, content: undefined })).toEqual({ content: 'Please enter the text of the page.' });
      expect(errorsFor({ ...valid, content: 42 })).toEqual({ content: 'Please enter the text of the page.' });
    });
  });

  describe('summary', () => {
    it('trims and keeps it on one line', () => {
      expect(editPageSchema.parse({ ...valid, summary: '  fixed\r\ntypo  ' }).summary).toBe('fixed typo');
    });

    it('allows 500 code points and refuses 501, counting an emoji as one', () => {
      expect(editPageSchema.parse({ ...valid, summary: '😀'.repeat(500) }).summary).toBe('😀'.repeat(500));
      expect(errorsFor({ ...valid, summary: '😀'.repeat(501) })).toEqual({
        summary: 'Edit summaries can be at most 500 characters long (this one has 501).',
      });
      expect(editPageSchema.safeParse({ ...valid, summary: `  ${'a'.repeat(500)}  ` }).success).toBe(true);
    });

    it('must be text', () => {
      expect(errorsFor({ ...valid, summary: 5 })).toEqual({ summary: 'The edit summary must be text.' });
    });
  });

  describe('minor', () => {
    it.each([
      ['on', true],
      ['true', true],
      [true, true],
      ['', false],
      ['false', false],
      [false, false],
      [undefined, false],
      [null, false],
    ])('reads %j as %s', (minor, expected) => {
      expect(editPageSchema.parse({ ...valid, minor }).minor).toBe(expected);
    });

    it('refuses anything else', () => {
      expect(errorsFor({ ...valid, minor: 'maybe' })).toEqual({ minor: 'Minor edit must be ticked or not (true or false).' });
      expect(errorsFor({ ...valid, minor: 1 })).toEqual({ minor: 'Minor edit must be ticked or not (true or false).' });
    });
  });

  describe('baseRevisionId', () => {
    it.each([
      ['', null],
      [undefined, null],
      [null, null],
      ['1', 1],
      ['12345', 12345],
      [7, 7],
      [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    ])('reads %j as %j', (baseRevisionId, expected) => {
      expect(editPageSchema.parse({ ...valid, baseRevisionId }).baseRevisionId).toBe(expected);
    });

    it.each(['0', '-1', '1.5', 'abc', '1e3', '9007199254740993', 0, -3, 2.5, Number.NaN, Infinity, true, {}])('refuses %j', (baseRevisionId) => {
      expect(errorsFor({ ...valid, baseRevisionId })).toEqual({
        baseRevisionId: 'The base revision must be a revision number (a positive whole number).',
      });
    });
  });

  it('reports every invalid field at once', () => {
    expect(errorsFor({ title: '', content: 1, summary: 'x'.repeat(501), minor: 'x', baseRevisionId: 'x' })).toEqual({
      title: 'Title is empty',
      content: 'Please enter the text of the page.',
      summary: 'Edit summaries can be at most 500 characters long (this one has 501).',
      minor: 'Minor edit must be ticked or not (true or false).',
      baseRevisionId: 'The base revision must be a revision number (a positive whole number).',
    });
  });
});

describe('fieldErrorsOf', () => {
  it('keeps the first message per top-level field', () => {
    const schema = z.object({
      name: z
        .string()
        .min(3, 'Too short')
        .regex(/^[a-z]+$/, 'Letters only'),
      tags: z.array(z.string({ error: 'Tag must be text' })),
    });
    const result = schema.safeParse({ name: '1', tags: ['ok', 2, 3] });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error)).toEqual({ name: 'Too short', tags: 'Tag must be text' });
  });

  it('leaves out problems with the input as a whole', () => {
    const result = editPageSchema.safeParse('not an object');
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error)).toEqual({});
  });
});

describe('parseOrThrow', () => {
  it('returns the parsed data', () => {
    expect(parseOrThrow(editPageSchema, valid).baseRevisionId).toBe(12);
  });

  it('throws a VALIDATION AppError with field errors and a readable summary', () => {
    let thrown: unknown;
    try {
      parseOrThrow(editPageSchema, { ...valid, title: '', summary: 'x'.repeat(501) });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const error = thrown as AppError;
    expect(error.code).toBe('VALIDATION');
    expect(error.status).toBe(400);
    expect(error.fieldErrors).toEqual({
      title: 'Title is empty',
      summary: 'Edit summaries can be at most 500 characters long (this one has 501).',
    });
    expect(error.message).toBe('Title is empty. Edit summaries can be at most 500 characters long (this one has 501).');
  });

  it('describes an input that is not an object at all', () => {
    expect(() => parseOrThrow(editPageSchema, null)).toThrow(AppError);
    try {
      parseOrThrow(editPageSchema, null);
    } catch (error) {
      expect((error as AppError).fieldErrors).toEqual({});
      expect((error as AppError).message.length).toBeGreaterThan(0);
    }
  });
});
