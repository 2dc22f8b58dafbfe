import { describe, expect, it } from 'vitest';
import { localeCookieOf, negotiateLocale } from '@/lib/i18n/negotiate-locale.mjs';

describe('the interface language of a request', () => {
  it('follows the browser: the best supported match of Accept-Language, English otherwise', () => {
    expect(negotiateLocale({ acceptLanguage: 'it-IT,it;q=0.9,en-US;q=0.8,en;q=0.7' })).toBe('it');
    expect(negotiateLocale({ acceptLanguage: 'en-GB,en;q=0.9,it;q=0.8' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'fr-FR, it-CH;q=0.3, en;q=0.2' })).toBe('it');
    expect(negotiateLocale({ acceptLanguage: 'de-DE,de;q=0.9' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: null })).toBe('en');
  });

  it('survives malformed headers', () => {
    expect(negotiateLocale({ acceptLanguage: 'xx-!!, it;q=0.5' })).toBe('it');
    expect(negotiateLocale({ acceptLanguage: ';;;,,,q=' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: '*' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'it;q=0'.repeat(2000) })).toBe('en');
  });

  it('prefers the language the reader chose with the switcher (its cookie), ignoring unknown values', () => {
    expect(negotiateLocale({ cookie: 'it', acceptLanguage: 'en-US' })).toBe('it');
    expect(negotiateLocale({ cookie: 'en', acceptLanguage: 'it-IT' })).toBe('en');
    expect(negotiateLocale({ cookie: 'klingon', acceptLanguage: 'it-IT' })).toBe('it');
    expect(localeCookieOf('theme=dark; wiki_language=it')).toBe('it');
    expect(localeCookieOf('other_wiki_language=it')).toBeUndefined();
    expect(localeCookieOf(undefined)).toBeUndefined();
  });
});
