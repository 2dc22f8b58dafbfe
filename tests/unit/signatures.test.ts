import { describe, expect, it } from 'vitest';
import { expandSignatures, signatureTimestamp } from '@/lib/domain/signatures';

const now = new Date(Date.UTC(2026, 10, 28, 20, 38, 5));
const jane = { name: 'Jane Doe' };

describe('signatures', () => {
  it('formats the MediaWiki timestamp', () => {
    expect(signatureTimestamp(now)).toBe('20:38, 28 November 2026 (UTC)');
    expect(signatureTimestamp(new Date(Date.UTC(2026, 0, 3, 4, 5)))).toBe('04:05, 3 January 2026 (UTC)');
  });

  it('expands ~~~~ to name and date, ~~~ to name only, ~~~~~ to date only', () => {
    expect(expandSignatures('Agreed. ~~~~', jane, now)).toBe('Agreed. [[User:Jane Doe|Jane Doe]] ([[User talk:Jane Doe|talk]]) 20:38, 28 November 2026 (UTC)');
    expect(expandSignatures('~~~', jane, now)).toBe('[[User:Jane Doe|Jane Doe]] ([[User talk:Jane Doe|talk]])');
    expect(expandSignatures('x ~~~~~ y', jane, now)).toBe('x 20:38, 28 November 2026 (UTC) y');
  });

  it('leaves two tildes and long runs alone', () => {
    expect(expandSignatures('a ~~ b ~~~~~~ c', jane, now)).toBe('a ~~ b ~~~~~~ c');
  });

  it('leaves code spans and fenced code blocks alone', () => {
    expect(expandSignatures('Sign with `~~~~` like this: ~~~', jane, now)).toBe('Sign with `~~~~` like this: [[User:Jane Doe|Jane Doe]] ([[User talk:Jane Doe|talk]])');
    const fenced = '```\n~~~~\n```\n~~~~~';
    expect(expandSignatures(fenced, jane, now)).toBe('```\n~~~~\n```\n20:38, 28 November 2026 (UTC)');
    expect(expandSignatures('``a ` ~~~~ b``', jane, now)).toBe('``a ` ~~~~ b``');
  });

  it('signs anonymous editors with their IP address', () => {
    expect(expandSignatures('~~~', { name: '192.0.2.1', anonymous: true }, now)).toBe('[[Special:Contributions/192.0.2.1|192.0.2.1]]');
  });

  it('returns text without tildes unchanged', () => {
    expect(expandSignatures('plain', jane, now)).toBe('plain');
  });
});
