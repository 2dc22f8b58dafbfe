import { describe, expect, it } from 'vitest';
import { changedBytes, isBlankSummary, needsSummaryReminder, SUMMARY_REMINDER_BYTES, utf8Length } from '@/lib/domain/edit-size';

const encoded = (text: string) => new TextEncoder().encode(text).length;

describe('utf8Length', () => {
  it.each([
    ['', 0],
    ['ECPAT', 5],
    ['città', 6],
    ['€', 3],
    ['日本語', 9],
    ['🇮🇹', 8],
    ['👩‍👩‍👧', 18],
    ['a\r\nb', 4],
  ])('%j is %i bytes, as TextEncoder counts', (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
    expect(utf8Length(text)).toBe(encoded(text));
  });

  it('counts a lone surrogate as U+FFFD, as TextEncoder writes it', () => {
    for (const text of ['\ud83d', 'x\ude00y', '\ude00\ud83d']) expect(utf8Length(text)).toBe(encoded(text));
  });
});

describe('changedBytes', () => {
  it('counts the differing middle, in bytes, not the size difference', () => {
    expect(changedBytes('same', 'same')).toBe(0);
    expect(changedBytes('Hello world', 'Hello brave world')).toBe(6);
    expect(changedBytes('abc', 'xyz')).toBe(3);
    expect(changedBytes('ECPAT è', 'ECPAT à')).toBe(2);
    expect(changedBytes('remove this part', 'remove')).toBe(10);
  });

  it('never splits an emoji: a changed half counts the whole character', () => {
    // 😀 U+1F600 and 😁 U+1F601 share their high surrogate.
    expect(changedBytes('a😀b', 'a😁b')).toBe(4);
    expect(changedBytes('😀', '')).toBe(4);
  });
});

describe('the empty-summary reminder', () => {
  const small = 'x'.repeat(SUMMARY_REMINDER_BYTES);
  const large = 'x'.repeat(SUMMARY_REMINDER_BYTES + 1);

  it('holds back the first Save of a change larger than the limit with no summary', () => {
    expect(needsSummaryReminder({ summary: '', oldText: '', newText: large, reminded: false })).toBe(true);
    expect(needsSummaryReminder({ summary: '  ', oldText: large, newText: '', reminded: false })).toBe(true);
  });

  it('lets the second Save, a summary or a small change through', () => {
    expect(needsSummaryReminder({ summary: '', oldText: '', newText: large, reminded: true })).toBe(false);
    expect(needsSummaryReminder({ summary: 'Rewrote the history', oldText: '', newText: large, reminded: false })).toBe(false);
    expect(needsSummaryReminder({ summary: '', oldText: '', newText: small, reminded: false })).toBe(false);
  });

  it('counts multibyte text in bytes: 200 euro signs are 600 bytes', () => {
    expect(needsSummaryReminder({ summary: '', oldText: '', newText: '€'.repeat(200), reminded: false })).toBe(true);
  });

  it('treats the section’s automatic summary alone as blank', () => {
    expect(isBlankSummary('/* ECPAT Philippines */ ')).toBe(true);
    expect(isBlankSummary('/* ECPAT Philippines */ fixed a date')).toBe(false);
    expect(isBlankSummary('fixed /* not a section */')).toBe(false);
  });
});
