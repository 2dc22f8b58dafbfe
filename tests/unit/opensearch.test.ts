import { describe, expect, it } from 'vitest';
import { apiRefusal } from '../support/api-refusal';
import { openSearchAnswer, openSearchDescription, parseOpenSearchParams, OPENSEARCH_MAX_LIMIT } from '@/lib/domain/opensearch';
import { NS } from '@/lib/domain/titles';

const params = (query: string) => new URLSearchParams(query);

const refusal = apiRefusal;

describe('action=opensearch parameters', () => {
  it('defaults as MediaWiki: limit 10, the main namespace', () => {
    expect(parseOpenSearchParams(params('search=Ca'))).toEqual({ search: 'Ca', limit: 10, namespaces: [NS.MAIN] });
    expect(parseOpenSearchParams(params('search='))).toEqual({ search: '', limit: 10, namespaces: [NS.MAIN] });
  });

  it('takes limits from 1 to the maximum, and "max"', () => {
    expect(parseOpenSearchParams(params('search=a&limit=1')).limit).toBe(1);
    expect(parseOpenSearchParams(params(`search=a&limit=${OPENSEARCH_MAX_LIMIT}`)).limit).toBe(OPENSEARCH_MAX_LIMIT);
    expect(parseOpenSearchParams(params('search=a&limit=max')).limit).toBe(OPENSEARCH_MAX_LIMIT);
  });

  it.each([
    ['limit=0', 'outofrange'],
    ['limit=101', 'outofrange'],
    ['limit=-3', 'outofrange'],
    ['limit=abc', 'badinteger'],
    ['limit=1e3', 'badinteger'],
    ['limit=99999999999999999999', 'badinteger'],
    ['namespace=99', 'badvalue'],
    ['namespace=-1', 'badvalue'],
    ['namespace=0|x', 'badvalue'],
    ['format=xml', 'badvalue'],
  ])('refuses %s (%s)', (query, code) => {
    const error = refusal(() => parseOpenSearchParams(params(`search=a&${query}`)));
    expect(error.code).toBe(code);
    expect(error.info).toMatch(/"(limit|namespace|format)"/);
  });

  it('requires search', () => {
    expect(refusal(() => parseOpenSearchParams(params('limit=5')))).toEqual({ code: 'missingparam', info: 'The "search" parameter must be set.' });
  });

  it('reads namespaces as a "|" list, "*" as every searchable one, and the first of repeated parameters', () => {
    expect(parseOpenSearchParams(params('search=a&namespace=1|0|1')).namespaces).toEqual([NS.TALK, NS.MAIN]);
    expect(parseOpenSearchParams(params('search=a&namespace=*')).namespaces).not.toContain(NS.SPECIAL);
    expect(parseOpenSearchParams(params('search=a&namespace=*')).namespaces).toContain(NS.FILE);
    expect(parseOpenSearchParams(params('search=first&search=second&limit=2&limit=abc'))).toMatchObject({ search: 'first', limit: 2 });
  });
});

describe('the suggestions answer', () => {
  it('is [query, titles, descriptions, urls]', () => {
    expect(openSearchAnswer('Ca', [{ title: 'Café', url: 'http://w/wiki/Caf%C3%A9' }])).toEqual(['Ca', ['Café'], [''], ['http://w/wiki/Caf%C3%A9']]);
    expect(openSearchAnswer('zz', [])).toEqual(['zz', [], [], []]);
  });
});

describe('the OpenSearch description', () => {
  // jsdom's DOMParser refuses documents that are not well-formed XML (jsdom ships no types).
  const parse = async (xml: string) => {
    const specifier = 'jsdom';
    const { JSDOM } = (await import(specifier)) as { JSDOM: new () => { window: { DOMParser: typeof DOMParser } } };
    const document = new new JSDOM().window.DOMParser().parseFromString(xml, 'application/xml');
    expect(document.getElementsByTagName('parsererror')).toHaveLength(0);
    return document;
  };

  it('is well-formed and escapes a hostile site name', async () => {
    const xml = openSearchDescription({ origin: 'https://wiki.example', siteName: 'A & B <wiki> "x"\u0007', language: 'it' });
    const document = await parse(xml);
    const text = (name: string) => document.getElementsByTagName(name)[0]?.textContent;
    expect(text('ShortName')).toBe('A & B <wiki> "x"');
    expect(text('Description')).toBe('A & B <wiki> "x" (it)');
    expect(text('InputEncoding')).toBe('UTF-8');
    const urls = [...document.getElementsByTagName('Url')].map((url) => [url.getAttribute('type'), url.getAttribute('template')]);
    expect(urls).toContainEqual(['text/html', 'https://wiki.example/wiki/Special:Search?search={searchTerms}']);
    expect(urls).toContainEqual([
      'application/x-suggestions+json',
      expect.stringMatching(/^https:\/\/wiki\.example\/w\/api\.php\?action=opensearch&.*search=\{searchTerms\}/),
    ]);
  });

  it("keeps ShortName within the specification's 16 characters, counting characters, not UTF-16 units", async () => {
    const xml = openSearchDescription({ origin: 'http://w', siteName: '🦊'.repeat(20), language: 'en' });
    expect([...((await parse(xml)).getElementsByTagName('ShortName')[0]!.textContent ?? '')]).toHaveLength(16);
  });
});
