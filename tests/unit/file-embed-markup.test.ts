// @vitest-environment jsdom
// File embeds in page text, from markup to the stored markers (lib/domain/files/embed-markup.ts).
// jsdom's DOMParser reads the HTML as a browser would.
import { describe, expect, it } from 'vitest';
import { renderAsPlainText, renderMarkdown, RENDERER_VERSION } from '@/lib/domain/markdown';
import { readStoredOptions } from '@/lib/domain/files/embed-marker';

function dom(html: string): HTMLElement {
  return new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
}

function markers(html: string): { tag: string; file: string; options: ReturnType<typeof readStoredOptions>; caption: Element | null }[] {
  return [...dom(html).querySelectorAll('[data-wiki-file]')].map((element) => ({
    tag: element.tagName.toLowerCase(),
    file: element.getAttribute('data-wiki-file')!,
    options: readStoredOptions(element.getAttribute('data-file-options')!),
    caption: element.querySelector(':scope > figcaption'),
  }));
}

describe('file embed markup', () => {
  it('stores [[File:…|thumb|caption]] as a figure marker naming the file, never its state', () => {
    const rendered = renderMarkdown('[[File:ECPAT logo.png|thumb|Logo della ECPAT]]');
    expect(rendered.files).toEqual(['ECPAT_logo.png']);
    expect(rendered.html).toMatch(
      /^<figure class="wiki-file" data-wiki-file="ECPAT_logo.png" data-file-options="[^"]*"><figcaption>Logo della ECPAT<\/figcaption><\/figure>$/,
    );
    const [marker] = markers(rendered.html);
    expect(marker).toMatchObject({ tag: 'figure', file: 'ECPAT_logo.png', options: { type: 'thumb', align: null, width: null, alt: 'Logo della ECPAT', link: null } });
    // Nothing about the file itself: no address, no size.
    expect(rendered.html).not.toMatch(/<img|\/images\//);
    expect(RENDERER_VERSION).toBeGreaterThanOrEqual(8);
  });

  it('reads the options: frame types, sizes, alignment, upright, alt= and link=', () => {
    const options = (source: string) => markers(renderMarkdown(source).html)[0]!.options;
    expect(options('[[File:A.png|frameless|left|200px|alt=An apple|Caption]]')).toMatchObject({ type: 'frameless', align: 'left', width: 200, alt: 'An apple' });
    expect(options('[[File:A.png|frame|center|Caption]]')).toMatchObject({ type: 'frame', align: 'center' });
    expect(options('[[File:A.png|thumb|x100px|Caption]]')).toMatchObject({ width: null, height: 100 });
    expect(options('[[File:A.png|thumb|200x100px|Caption]]')).toMatchObject({ width: 200, height: 100 });
    expect(options('[[File:A.png|thumb|upright|Caption]]').upright).toBeCloseTo(0.75);
    expect(options('[[File:A.png|thumb|upright=1.5|Caption]]').upright).toBeCloseTo(1.5);
    expect(options('[[File:A.png|thumb|link=Main Page|Caption]]').link).toBe('Main Page');
    expect(options('[[File:A.png|thumb|link=|Caption]]').link).toBe('');
  });

  it('takes the last plain part as the caption, and the caption as alt text unless alt= is given', () => {
    const [marker] = markers(renderMarkdown('[[File:A.png|thumb|First words|Second words]]').html);
    expect(marker!.caption?.textContent).toBe('Second words');
    expect(marker!.options.alt).toBe('Second words');
  });

  it('renders a caption with inline Markdown, wikilinks and links, sanitized like any text', () => {
    const rendered = renderMarkdown('[[File:A.png|thumb|A *bold* caption with [[Main Page|home]], [site](https://example.org) and <b>raw</b>]]');
    const caption = markers(rendered.html)[0]!.caption!;
    expect(caption.querySelector('em')?.textContent).toBe('bold');
    expect(caption.querySelector('a.wikilink')?.getAttribute('href')).toBe('/wiki/Main_Page');
    expect(caption.querySelector('a.external')?.getAttribute('href')).toBe('https://example.org');
    expect(caption.querySelector('b')).toBeNull();
    expect(rendered.links).toEqual([{ namespace: 0, dbKey: 'Main_Page' }]);
    expect(rendered.files).toEqual(['A.png']);
  });

  it('accepts Image: and any letter case of the namespace, and keeps [[:File:…]] an ordinary link', () => {
    expect(renderMarkdown('[[Image:a.png|thumb|x]]').files).toEqual(['A.png']);
    expect(renderMarkdown('[[file: b.png |thumb|x]]').files).toEqual(['B.png']);
    const link = renderMarkdown('See [[:File:A.png]].');
    expect(link.files).toEqual([]);
    expect(link.html).toBe('<p>See <a href="/wiki/File:A.png" class="wikilink" data-wiki-target="File:A.png">File:A.png</a>.</p>');
    expect(link.links).toEqual([{ namespace: 6, dbKey: 'A.png' }]);
  });

  it('is inline without a frame or alignment, and in headings, table cells and emphasis', () => {
    expect(markers(renderMarkdown('An icon [[File:Icon.png|16px]] in text.').html)[0]).toMatchObject({ tag: 'span', options: { width: 16 } });
    expect(renderMarkdown('An icon [[File:Icon.png|16px]] in text.').html).toMatch(/^<p>An icon <span class="wiki-file" [^>]*><\/span> in text\.<\/p>$/);
    expect(markers(renderMarkdown('## Title [[File:A.png|thumb|x]]').html)[0]!.tag).toBe('span');
    expect(markers(renderMarkdown('| a |\n|---|\n| [[File:A.png\\|thumb\\|x]] |').html)[0]!.tag).toBe('span');
  });

  it('splits a paragraph around a block embed (a figure cannot sit in a <p>)', () => {
    const { html } = renderMarkdown('Before [[File:A.png|thumb|Cap]] after.');
    const body = dom(html);
    expect([...body.children].map((child) => child.tagName)).toEqual(['P', 'FIGURE', 'P']);
    expect(body.children[0]!.textContent).toBe('Before ');
    expect(body.children[2]!.textContent).toBe(' after.');
  });

  it('makes ![alt](File:…) alone in its paragraph a captioned thumbnail, and inline elsewhere', () => {
    const lone = renderMarkdown('![Logo della ECPAT](<File:ECPAT logo.png>)');
    expect(lone.files).toEqual(['ECPAT_logo.png']);
    expect(markers(lone.html)[0]).toMatchObject({ tag: 'figure', options: { type: 'thumb', alt: 'Logo della ECPAT' } });
    expect(markers(lone.html)[0]!.caption?.textContent).toBe('Logo della ECPAT');
    expect(markers(renderMarkdown('![Logo](File:Logo%20big.png)').html)[0]!.file).toBe('Logo_big.png');
    const inline = renderMarkdown('Our ![logo](Image:Logo.png) here.');
    expect(markers(inline.html)[0]).toMatchObject({ tag: 'span', file: 'Logo.png', options: { alt: 'logo' } });
  });

  it('leaves embeds in link text alone (no link inside a link)', () => {
    expect(renderMarkdown('[see *[[File:A.png|thumb|x]]*](https://example.org)').files).toEqual([]);
    expect(renderMarkdown('[![a](File:A.png)](https://example.org)').files).toEqual([]);
  });

  it('leaves code, invalid titles and unclosed embeds as text', () => {
    expect(renderMarkdown('`[[File:A.png|thumb|x]]`').files).toEqual([]);
    expect(renderMarkdown('```\n[[File:A.png|thumb|x]]\n```').files).toEqual([]);
    expect(renderMarkdown('[[File:|thumb|x]]').html).toBe('<p>[[File:|thumb|x]]</p>');
    expect(renderMarkdown('[[File:a<b.png|thumb]]').files).toEqual([]);
    expect(renderMarkdown('[[File:A.png|thumb|x').html).toBe('<p>[[File:A.png|thumb|x</p>');
  });

  it('shows embeds nested in a caption inline, one level deep only', () => {
    const rendered = renderMarkdown('[[File:A.png|thumb|See [[File:B.png|16px]] and [[File:C.png|thumb|[[File:D.png]]]]]]');
    const [outer] = markers(rendered.html);
    expect(outer!.tag).toBe('figure');
    const inner = [...outer!.caption!.querySelectorAll('[data-wiki-file]')].map((element) => [element.tagName, element.getAttribute('data-wiki-file')]);
    expect(inner).toEqual([
      ['SPAN', 'B.png'],
      ['SPAN', 'C.png'],
    ]);
    expect(rendered.files).toEqual(['A.png', 'B.png', 'C.png']);
  });

  it('keeps hostile names and captions as escaped data', () => {
    const rendered = renderMarkdown('[[File:x"><img src=y onerror=alert(1)>.png|thumb|<script>alert(1)</script>" onmouseover="alert(1)]]');
    const body = dom(rendered.html);
    expect(body.querySelector('script, img, [onerror], [onmouseover]')).toBeNull();
    const quoted = renderMarkdown('[[File:Say "hi" & go.png|thumb|a "quoted" & caption]]');
    expect(markers(quoted.html)[0]).toMatchObject({ file: 'Say_"hi"_&_go.png', options: { alt: 'a "quoted" & caption' } });
  });

  it('adds little to the renderer on hostile nesting and unclosed openers', () => {
    // Measured against the same text with a namespace that is not File:, which the renderer's own
    // bracket handling already makes slow: embeds must stay a constant factor on top of it.
    const shapes = [
      (ns: string) => `${`[[${ns}:A.png|`.repeat(2_000)}x${']]'.repeat(2_000)}`,
      (ns: string) => `[[${ns}:A.png|thumb|`.repeat(2_000),
      (ns: string) => `${`[[${ns}:A.png|thumb|[[`.repeat(2_000)}${']]'.repeat(4_000)}`,
    ];
    const time = (source: string) => {
      const started = performance.now();
      renderMarkdown(source);
      return performance.now() - started;
    };
    for (const shape of shapes) expect(time(shape('File'))).toBeLessThan(4 * time(shape('Fxle')) + 500);
  }, 120_000);

  it('lists no files for the plain-text fallback', () => {
    expect(renderAsPlainText('[[File:A.png|thumb|x]]').files).toEqual([]);
  });
});
