/**
 * Word-order comparison between the text a MediaWiki reader sees (wikitextPlainText) and the text
 * the converted markdown renders to: the same words in the same order, except `allowed` words
 * (footnote numbers, "References", what the conversion report lists), which may be missing or
 * extra on either side.
 */
import { renderMarkdown } from '@/lib/domain/markdown';

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([A-Za-z]+));/gu, (match, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return String.fromCodePoint(Number(decimal));
    if (hex !== undefined) return String.fromCodePoint(Number.parseInt(hex, 16));
    return NAMED[name ?? ''] ?? match;
  });
}

/** The text of the rendered markdown, tags stripped and entities decoded. */
export function renderedPlainText(markdown: string): string {
  return decodeEntities(renderMarkdown(markdown).html.replace(/<[^>]*>/gu, ' '));
}

export function words(text: string): string[] {
  return Array.from(text.normalize('NFC').matchAll(/[\p{L}\p{N}]+/gu), (match) => match[0].toLowerCase());
}

/** null when both texts have the same words in the same order (allowed words aside), else what differs first. */
export function sameWordsInOrder(expectedText: string, actualText: string, allowed: readonly string[] = []): string | null {
  const skip = new Set(allowed.flatMap(words));
  const expected = words(expectedText).filter((word) => !skip.has(word));
  const actual = words(actualText).filter((word) => !skip.has(word));
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i += 1) {
    if (expected[i] !== actual[i]) {
      return `word ${i + 1} differs: expected ${JSON.stringify(expected.slice(i, i + 6).join(' '))}, got ${JSON.stringify(actual.slice(i, i + 6).join(' '))}`;
    }
  }
  return null;
}
