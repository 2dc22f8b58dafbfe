import { describe, expect, it } from 'vitest';
import {
  articleLoc,
  escapeXml,
  etagMatches,
  parseSitemapNumber,
  sitemapCount,
  sitemapIndexXml,
  sitemapOfRank,
  sitemapPath,
  urlEntries,
  URLSET_END,
  urlsetStart,
  w3cDatetime,
} from '@/lib/domain/sitemap';
import { NS, parseTitle, titleToUrlPath } from '@/lib/domain/titles';
import { sitemapSchemaErrors } from '../support/sitemap-schema';

const ORIGIN = 'https://wiki.example.org';

// jsdom ships no types; only its DOMParser, a strict XML parser, is used.
const jsdom = 'jsdom';
const { JSDOM } = (await import(jsdom)) as { JSDOM: new () => { window: { DOMParser: typeof DOMParser } } };

/** The document as a strict XML parser reads it (a parse error fails the test). */
function parseXml(xml: string): Document {
  const document = new new JSDOM().window.DOMParser().parseFromString(xml, 'application/xml');
  expect(document.getElementsByTagName('parsererror')).toHaveLength(0);
  return document;
}

const texts = (document: Document, name: string) => [...document.getElementsByTagName(name)].map((element) => element.textContent);

describe('XML text', () => {
  it('escapes the five special characters and drops what XML cannot carry', () => {
    expect(escapeXml(`AT&T <b> "quoted" 'single'`)).toBe('AT&amp;T &lt;b&gt; &quot;quoted&quot; &#39;single&#39;');
    expect(escapeXml('bell\u0007 nul\u0000 lone\uD800 tab\t')).toBe('bell nul lone tab\t');
    expect(escapeXml('Città – 東京 🎉')).toBe('Città – 東京 🎉');
  });

  it('writes lastmod as a W3C datetime in UTC, to the second', () => {
    expect(w3cDatetime(new Date('2026-12-05T11:38:03.456Z'))).toBe('2026-12-05T11:38:03Z');
    expect(w3cDatetime(new Date('2026-01-02T00:00:00+02:00'))).toBe('2026-01-01T22:00:00Z');
  });
});

describe('article addresses', () => {
  it('are the canonical /wiki/ paths of the wiki’s own links, on the given origin', () => {
    const cases: [string, string][] = [
      ['Main_Page', '/wiki/Main_Page'],
      ['AT&T', '/wiki/AT%26T'],
      ["Rock_'n'_Roll", '/wiki/Rock_%27n%27_Roll'],
      ['"Quoted"_title', '/wiki/%22Quoted%22_title'],
      ['Città/Storia:_1900', '/wiki/Citt%C3%A0/Storia:_1900'],
      ['100%_Fan?', '/wiki/100%25_Fan%3F'],
    ];
    for (const [dbKey, path] of cases) {
      expect(articleLoc(ORIGIN, NS.MAIN, dbKey)).toBe(`${ORIGIN}${path}`);
      expect(articleLoc(ORIGIN, NS.MAIN, dbKey)).toBe(`${ORIGIN}${titleToUrlPath(parseTitle(dbKey))}`);
    }
    expect(articleLoc(ORIGIN, NS.TALK, 'Foo_bar')).toBe(`${ORIGIN}/wiki/Talk:Foo_bar`);
  });
});

describe('a sitemap', () => {
  const urls = [
    { loc: articleLoc(ORIGIN, NS.MAIN, 'AT&T'), lastmod: new Date('2026-03-04T05:06:07.890Z') },
    { loc: articleLoc(ORIGIN, NS.MAIN, 'Città_"vecchia"'), lastmod: new Date('2025-12-31T23:59:59Z') },
    // Not a wiki address, but what escaping must survive: a query with & and markup characters.
    { loc: `${ORIGIN}/wiki/A?b=1&c=<2>&d='3'`, lastmod: new Date('2024-01-01T00:00:00Z') },
  ];
  const xml = urlsetStart() + urlEntries(urls.slice(0, 2)) + urlEntries(urls.slice(2)) + URLSET_END;

  it('is valid against sitemaps.org’s sitemap.xsd', async () => {
    expect(await sitemapSchemaErrors(xml, 'sitemap')).toEqual([]);
  });

  it('reads back as exactly the URLs and times written, whatever characters they hold', () => {
    const document = parseXml(xml);
    expect(document.documentElement.namespaceURI).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(texts(document, 'loc')).toEqual(urls.map((url) => url.loc));
    expect(texts(document, 'lastmod')).toEqual(['2026-03-04T05:06:07Z', '2025-12-31T23:59:59Z', '2024-01-01T00:00:00Z']);
    expect(xml).toContain('<loc>https://wiki.example.org/wiki/A?b=1&amp;c=&lt;2&gt;&amp;d=&#39;3&#39;</loc>');
  });

  it('fails the schema when it breaks it (the check can fail)', async () => {
    expect(await sitemapSchemaErrors(xml.replace('<lastmod>2026-03-04T05:06:07Z', '<lastmod>yesterday'), 'sitemap')).not.toEqual([]);
    expect(await sitemapSchemaErrors(urlsetStart() + URLSET_END, 'sitemap')).not.toEqual([]);
  });
});

describe('the sitemap index', () => {
  const xml = sitemapIndexXml([
    { loc: `${ORIGIN}${sitemapPath(1)}`, lastmod: new Date('2026-12-05T10:00:00Z') },
    { loc: `${ORIGIN}${sitemapPath(2)}`, lastmod: null },
  ]);

  it('is valid against sitemaps.org’s siteindex.xsd and lists the sitemaps in order', async () => {
    expect(await sitemapSchemaErrors(xml, 'index')).toEqual([]);
    const document = parseXml(xml);
    expect(document.documentElement.localName).toBe('sitemapindex');
    expect(texts(document, 'loc')).toEqual([`${ORIGIN}/sitemap-1.xml`, `${ORIGIN}/sitemap-2.xml`]);
    expect(texts(document, 'lastmod')).toEqual(['2026-12-05T10:00:00Z']);
  });

  it('is not a sitemap (the schemas tell them apart)', async () => {
    expect(await sitemapSchemaErrors(xml, 'sitemap')).not.toEqual([]);
  });
});

describe('page math', () => {
  it('takes 50,000 URLs a sitemap, and one sitemap at least', () => {
    expect(sitemapCount(0, 50_000)).toBe(1);
    expect(sitemapCount(1, 50_000)).toBe(1);
    expect(sitemapCount(50_000, 50_000)).toBe(1);
    expect(sitemapCount(50_001, 50_000)).toBe(2);
    expect(sitemapCount(100_000, 50_000)).toBe(2);
    expect(sitemapCount(100_001, 50_000)).toBe(3);
    expect(sitemapCount(7, 3)).toBe(3);
  });

  it('puts ranks 1–50,000 in sitemap 1 and 50,001 on in sitemap 2', () => {
    expect([1, 50_000, 50_001, 100_000, 100_001].map((rank) => sitemapOfRank(rank, 50_000))).toEqual([1, 1, 2, 2, 3]);
    expect([1, 3, 4, 6, 7].map((rank) => sitemapOfRank(rank, 3))).toEqual([1, 1, 2, 2, 3]);
  });

  it('accepts only the numbers sitemaps have, each in one spelling', () => {
    expect(['1', '2', '10', '50000'].map(parseSitemapNumber)).toEqual([1, 2, 10, 50_000]);
    for (const bad of ['0', '-1', '01', 'abc', '1.5', '1e3', ' 1', '', '50001', '9999999999', '１']) expect(parseSitemapNumber(bad), bad).toBeNull();
  });
});

describe('conditional requests', () => {
  it('match If-None-Match by weak comparison, in lists and as *', () => {
    const tag = 'W/"abc"';
    expect(etagMatches('W/"abc"', tag)).toBe(true);
    expect(etagMatches('"abc"', tag)).toBe(true);
    expect(etagMatches('"x", W/"abc"', tag)).toBe(true);
    expect(etagMatches('*', tag)).toBe(true);
    expect(etagMatches('W/"abd"', tag)).toBe(false);
    expect(etagMatches(null, tag)).toBe(false);
  });
});
