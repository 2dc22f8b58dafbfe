import { describe, expect, it } from 'vitest';
import { CATALOGS } from '@/lib/i18n/catalogs';
import { LOCALES } from '@/lib/i18n/negotiate-locale.mjs';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [nested, text] of flatten(value, path)) entries.set(nested, text);
  }
  return entries;
}

/** The names a message interpolates ({siteName}, {count, plural, …}) and its rich-text tags (<link>). */
function placeholdersOf(message: string): string[] {
  const names = new Set<string>();
  for (const match of message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)) names.add(`{${match[1]}}`);
  for (const match of message.matchAll(/<\/?([A-Za-z][\w-]*)>/g)) names.add(`<${match[1]}>`);
  return [...names].sort();
}

const english = flatten(CATALOGS.en as unknown as Tree);

describe('the interface message catalogs', () => {
  it('have English text for the interface', () => {
    expect(english.size).toBeGreaterThan(0);
  });

  for (const locale of LOCALES.filter((locale) => locale !== 'en')) {
    it(`have every English message in ${locale}, with the same placeholders, and nothing else`, () => {
      const translated = flatten(CATALOGS[locale] as unknown as Tree);
      expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, message] of english) {
        expect(placeholdersOf(translated.get(key)!), `${locale}: ${key}`).toEqual(placeholdersOf(message));
        expect(translated.get(key)!.trim(), `${locale}: ${key} is empty`).not.toBe('');
      }
    });
  }
});
