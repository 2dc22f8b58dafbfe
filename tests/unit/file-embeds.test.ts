// @vitest-environment jsdom
// File embeds at view time (lib/domain/files/embeds.ts): stored markers → pictures or upload links.
// jsdom's DOMParser reads the result as a browser would.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '@/lib/domain/markdown';
import { fileEmbedNames, localizeFileEmbeds, resolveFileEmbeds, type EmbedTexts, type FileEmbedMap } from '@/lib/domain/files/embeds';
import type { FileEmbedInfo } from '@/lib/domain/files/types';
import { XSS_PAYLOADS } from '../support/xss-payloads';

const SHA1 = 'a'.repeat(40);
const LOGO: FileEmbedInfo = { sha1: SHA1, width: 1000, height: 500, mime: 'image/png' };
const ICON: FileEmbedInfo = { sha1: 'b'.repeat(40), width: 100, height: 100, mime: 'image/png' };
const MAP: FileEmbedInfo = { sha1: 'c'.repeat(40), width: 300, height: 200, mime: 'image/svg+xml' };

const ENGLISH: EmbedTexts = { missing: (name) => `Upload ${name}`, missingTitle: (name) => `${name} has not been uploaded yet: upload it` };
const ITALIAN: EmbedTexts = { missing: (name) => `Carica ${name}`, missingTitle: (name) => `${name} non è ancora stato caricato: caricalo` };

function show(source: string, files: FileEmbedMap, texts: EmbedTexts = ENGLISH): HTMLElement {
  const html = localizeFileEmbeds(resolveFileEmbeds(renderMarkdown(source).html, files), texts);
  return new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
}

describe('resolveFileEmbeds', () => {
  it('shows an existing file as a linked, sized, lazily loaded thumbnail with its caption', () => {
    const body = show('[[File:ECPAT logo.png|thumb|Logo della ECPAT]]', new Map([['ECPAT_logo.png', LOGO]]));
    const figure = body.querySelector('figure')!;
    expect(figure.className).toBe('wiki-file wiki-file-thumb wiki-file-right');
    expect(figure.hasAttribute('data-wiki-file')).toBe(false);
    const link = figure.querySelector(':scope > a')!;
    expect(link.getAttribute('href')).toBe('/wiki/File:ECPAT_logo.png');
    expect(link.className).toBe('mw-file-description');
    const image = link.querySelector('img')!;
    // MediaWiki's default thumbnail width, the height in proportion; 2x from the next bucket.
    expect(image.getAttribute('src')).toBe(`/images/thumb/${SHA1}/250px-ECPAT_logo.png`);
    expect(image.getAttribute('srcset')).toBe(`/images/thumb/${SHA1}/250px-ECPAT_logo.png 1x, /images/thumb/${SHA1}/640px-ECPAT_logo.png 2x`);
    expect([image.getAttribute('width'), image.getAttribute('height')]).toEqual(['250', '125']);
    expect(image.getAttribute('alt')).toBe('Logo della ECPAT');
    expect(image.getAttribute('loading')).toBe('lazy');
    expect(image.getAttribute('decoding')).toBe('async');
    expect(figure.querySelector(':scope > figcaption')?.textContent).toBe('Logo della ECPAT');
  });

  it('applies the options: width, alignment, frame, frameless, upright, alt= and link=', () => {
    const image = (source: string, info = LOGO) => show(source, new Map([['A.png', info]])).querySelector('img')!;
    expect(image('[[File:A.png|thumb|left|100px|x]]').closest('figure')!.className).toBe('wiki-file wiki-file-thumb wiki-file-left');
    expect(image('[[File:A.png|thumb|left|100px|x]]').getAttribute('width')).toBe('100');
    expect(image('[[File:A.png|frame|center|x]]').closest('figure')!.className).toBe('wiki-file wiki-file-frame wiki-file-center');
    // frame: always the original size, so the original itself.
    expect(image('[[File:A.png|frame|x]]').getAttribute('src')).toBe(`/images/${SHA1}/A.png`);
    expect(image('[[File:A.png|frameless|x]]').closest('figure')).toBeNull();
    expect(image('[[File:A.png|frameless|none|x]]').closest('figure')!.className).toBe('wiki-file wiki-file-frameless wiki-file-none');
    expect(image('[[File:A.png|thumb|upright|x]]').getAttribute('width')).toBe('190');
    expect(image('[[File:A.png|thumb|alt=Two children|Caption]]').getAttribute('alt')).toBe('Two children');
    expect(image('[[File:A.png|thumb|link=Main Page|x]]').parentElement!.getAttribute('href')).toBe('/wiki/Main_Page');
    expect(image('[[File:A.png|thumb|link=https://example.org/a|x]]').parentElement!.getAttribute('rel')).toBe('nofollow noopener');
    expect(image('[[File:A.png|thumb|link=|x]]').parentElement!.tagName).toBe('FIGURE');
    // A javascript: "address" is a page name under /wiki/ like any title.
    expect(image('[[File:A.png|thumb|link=javascript:alert(1)|x]]').parentElement!.getAttribute('href')).toBe('/wiki/Javascript:alert(1)');
    // Small originals are not enlarged; drawings are, from a rasterized thumbnail.
    expect(image('[[File:A.png|thumb|x]]', ICON).getAttribute('src')).toBe(`/images/${'b'.repeat(40)}/A.png`);
    expect(image('[[File:A.png|thumb|x]]', ICON).hasAttribute('srcset')).toBe(false);
    expect(image('[[File:A.png|500px|x]]', MAP).getAttribute('src')).toBe(`/images/thumb/${'c'.repeat(40)}/640px-A.png`);
  });

  it("names the file's own page in its addresses when the embed reached it through a redirect", () => {
    const image = show('[[File:Old name.png|thumb|x]]', new Map([['Old_name.png', { ...LOGO, name: 'New_name.png' }]])).querySelector('img')!;
    expect(image.getAttribute('src')).toBe(`/images/thumb/${SHA1}/250px-New_name.png`);
    expect(image.parentElement!.getAttribute('href')).toBe('/wiki/File:New_name.png');
  });

  it('shows inline embeds inside the text, named by the file when they have no words of their own', () => {
    const body = show('An icon [[File:Icon.png|20px]] here.', new Map([['Icon.png', ICON]]));
    const span = body.querySelector('p > span.wiki-file')!;
    expect(span.className).toBe('wiki-file wiki-file-inline');
    expect(span.querySelector('img')?.getAttribute('alt')).toBe('File:Icon.png');
    expect(body.querySelector('p')!.textContent).toBe('An icon  here.');
  });

  it("links a missing file to Special:Upload for its name, in the reader's language", () => {
    for (const [texts, words, title] of [
      [ENGLISH, 'Upload File:ECPAT logo.png', 'File:ECPAT logo.png has not been uploaded yet: upload it'],
      [ITALIAN, 'Carica File:ECPAT logo.png', 'File:ECPAT logo.png non è ancora stato caricato: caricalo'],
    ] as const) {
      const body = show('[[File:ECPAT logo.png|thumb|Logo della ECPAT]]', new Map([['ECPAT_logo.png', null]]), texts);
      const figure = body.querySelector('figure')!;
      expect(figure.className).toBe('wiki-file wiki-file-thumb wiki-file-right wiki-file-missing');
      expect(figure.querySelector('img')).toBeNull();
      const link = figure.querySelector('a.new')!;
      expect(link.getAttribute('href')).toBe('/wiki/Special:Upload?wpDestFile=ECPAT_logo.png');
      expect(link.textContent).toBe(words);
      expect(link.getAttribute('title')).toBe(title);
      expect(figure.querySelector('figcaption')?.textContent).toBe('Logo della ECPAT');
    }
    // A name the caller did not look up counts as missing: never an image of unknown size.
    expect(show('[[File:Other.png|thumb|x]]', new Map()).querySelector('a.new')?.getAttribute('href')).toBe('/wiki/Special:Upload?wpDestFile=Other.png');
  });

  it('keeps the words out until localized, and the wording out of stored renderings', () => {
    const resolved = resolveFileEmbeds(renderMarkdown('[[File:A.png|thumb|x]]').html, new Map());
    expect(resolved).toContain('<a href="/wiki/Special:Upload?wpDestFile=A.png" class="new" data-missing-file="A.png"></a>');
    expect(renderMarkdown('[[File:A.png|thumb|x]]').html).not.toMatch(/Upload|Special:Upload/);
  });

  it('escapes hostile names, captions, alt texts and link targets', () => {
    const files = new Map<string, FileEmbedInfo | null>();
    const source = [
      '[[File:x"><script>alert(1)</script>.png|thumb|alt=" onerror="alert(1)|<img src=x onerror=alert(1)>]]',
      '[[File:Say "hi" & <go>.png|thumb|link=https://e.org/"><script>|a & b]]',
      '[[File:y.png|thumb|link=" onmouseover="alert(1)|c]]',
    ].join('\n\n');
    for (const name of fileEmbedNames(renderMarkdown(source).html)) files.set(name, LOGO);
    for (const texts of [ENGLISH, { missing: () => '<b>"x"</b>', missingTitle: () => '"><script>' }]) {
      for (const map of [files, new Map()]) {
        const body = show(source, map, texts);
        expect(body.querySelector('script, b, [onerror], [onmouseover]')).toBeNull();
        for (const anchor of body.querySelectorAll('a')) expect(anchor.getAttribute('href')).toMatch(/^(\/wiki\/|https:\/\/e\.org\/)/);
      }
    }
    const alt = show('[[File:q.png|thumb|alt=" onerror="alert(1)|c]]', new Map([['Q.png', LOGO]])).querySelector('img')!;
    expect(alt.getAttribute('alt')).toBe('" onerror="alert(1)');
  });

  it('keeps every XSS corpus payload inert once resolved, with every file existing and with none', () => {
    let embedded = 0;
    for (const payload of XSS_PAYLOADS) {
      const html = renderMarkdown(payload.source).html;
      const names = fileEmbedNames(html);
      embedded += names.length;
      for (const files of [new Map(names.map((name) => [name, LOGO])), new Map()]) {
        const body = new DOMParser().parseFromString(`<body>${localizeFileEmbeds(resolveFileEmbeds(html, files), ENGLISH)}</body>`, 'text/html').body;
        expect(body.querySelector('script, iframe, object, embed, svg, [style]'), payload.name).toBeNull();
        for (const element of body.querySelectorAll('*')) {
          for (const { name, value } of Array.from(element.attributes)) {
            expect(name.startsWith('on'), `${payload.name}: ${name} on <${element.localName}>`).toBe(false);
            if (name === 'href' || name === 'src') expect(new URL(value, 'https://wiki.test/wiki/A').protocol, payload.name).toMatch(/^(https?|mailto):$/);
          }
        }
      }
    }
    expect(embedded).toBeGreaterThanOrEqual(7);
  }, 60_000);

  it('leaves HTML without embeds as it is, and lists the names embeds use once each', () => {
    const plain = renderMarkdown('Just *text* and [[File]].').html;
    expect(resolveFileEmbeds(plain, new Map())).toBe(plain);
    expect(fileEmbedNames(plain)).toEqual([]);
    expect(fileEmbedNames(renderMarkdown('[[File:A.png|thumb|x]] [[File:B.png]] ![a](File:A.png) [[File:Say "hi".png]]').html)).toEqual(['A.png', 'B.png', 'Say_"hi".png']);
  });
});
