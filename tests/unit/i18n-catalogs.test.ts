import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
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

/**
 * The arguments a message interpolates ({siteName}, {count, plural, …}) and its rich-text tags
 * (<link>), read with the ICU parser next-intl itself uses, so plural branches are not arguments.
 * A message that does not parse fails here rather than on a page.
 */
function placeholdersOf(message: string): string[] {
  const names = new Set<string>();
  const visit = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.tag) {
        names.add(`<${element.value}>`);
        visit(element.children);
      } else if (element.type === TYPE.plural || element.type === TYPE.select) {
        names.add(`{${element.value}}`);
        for (const option of Object.values(element.options)) visit(option.value);
      } else if (element.type !== TYPE.literal && element.type !== TYPE.pound) {
        names.add(`{${element.value}}`);
      }
    }
  };
  visit(parse(message));
  return [...names].sort();
}

const english = flatten(CATALOGS.en as unknown as Tree);

describe('the interface message catalogs', () => {
  it('have English text for the interface, every message valid ICU', () => {
    expect(english.size).toBeGreaterThan(0);
    for (const [key, message] of english) expect(() => placeholdersOf(message), key).not.toThrow();
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
