import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { titleToUrlPath, tryParseTitle } from '@/lib/domain/titles';
import { parseWikiLink } from '@/lib/domain/wikilinks';

/*
 * Hostile input for titles and wikilinks: anything a reader can type into an address or between
 * [[ and ]] must give a title or a reason, never an exception, and a title must keep naming the
 * same page however often it is normalized or passed through a URL.
 */

const PIECES = [
  'a',
  'Foo',
  ' ',
  '_',
  ':',
  '::',
  'Talk:',
  'talk :',
  'User talk:',
  'Category:',
  'Special:',
  '/',
  '.',
  '..',
  '#',
  '%41',
  '%',
  '&amp;',
  '~~~',
  '[',
  ']',
  '|',
  '<',
  '\u0000',
  '\u00A0',
  '\u200E',
  '\u202E',
  '\u3000',
  '\uFFFD',
  '\uD800',
  '\uDC00',
  '😀',
  'e\u0301',
  'ǆ',
  'ß',
  'i\u0307',
];
const titleLike = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 20 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme-ascii', minLength: 200, maxLength: 600 }),
);

describe('title normalization on random input', () => {
  it('never throws: it gives a title or a reason', () => {
    fc.assert(
      fc.property(titleLike, (input) => {
        const result = tryParseTitle(input);
        if (result.ok) expect(result.title.dbKey).not.toBe('');
        else expect(result.reason).toMatch(/\S/u);
      }),
      { numRuns: 2_000 },
    );
  });

  it('is idempotent: a normalized title normalizes to itself', () => {
    fc.assert(
      fc.property(titleLike, (input) => {
        const first = tryParseTitle(input);
        if (!first.ok) return;
        const again = tryParseTitle(first.title.prefixedText);
        expect(again.ok && again.title).toEqual(first.title);
        const fromKey = tryParseTitle(first.title.prefixedDbKey);
        expect(fromKey.ok && fromKey.title).toEqual(first.title);
      }),
      { numRuns: 2_000 },
    );
  });

  it('round-trips through its URL: decoding the path gives the same title', () => {
    fc.assert(
      fc.property(titleLike, (input) => {
        const first = tryParseTitle(input);
        if (!first.ok) return;
        const path = titleToUrlPath(first.title);
        expect(path).toMatch(/^\/wiki\/[\x21-\x7E]+$/u);
        const back = tryParseTitle(decodeURIComponent(path.slice('/wiki/'.length)));
        expect(back.ok && back.title).toEqual(first.title);
      }),
      { numRuns: 2_000 },
    );
  });

  it('answers a megabyte of input with a reason, not an exception', () => {
    for (const input of ['a'.repeat(1024 * 1024), ':'.repeat(1024 * 1024), 'Talk:'.repeat(200_000), ' '.repeat(1024 * 1024)]) {
      expect(tryParseTitle(input).ok).toBe(false);
    }
  });
});

describe('parseWikiLink on random input', () => {
  it('never throws and links only to valid titles', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          titleLike,
          fc.tuple(titleLike, titleLike).map(([a, b]) => `${a}|${b}`),
        ),
        (inner) => {
          const parsed = parseWikiLink(inner, (section) => section.toLowerCase());
          if (parsed?.kind === 'link' && parsed.prefixedDbKey !== null) {
            const title = tryParseTitle(parsed.prefixedDbKey);
            expect(title.ok && title.title.prefixedDbKey).toBe(parsed.prefixedDbKey);
            expect(parsed.href.startsWith('/wiki/')).toBe(true);
          }
          if (parsed?.kind === 'category') expect(tryParseTitle(`Category:${parsed.category.name}`).ok).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
