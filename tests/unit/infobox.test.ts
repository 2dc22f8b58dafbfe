import { describe, expect, it } from 'vitest';
import { expandTemplates } from '@/lib/domain/templates/expand';
import { parseInfobox, resolveInfobox } from '@/lib/domain/templates/infobox';
import { renderMarkdown } from '@/lib/domain/markdown';
import type { ExpansionContext, InfoboxData } from '@/lib/domain/templates/types';
import type { ParsedTitle } from '@/lib/domain/titles';

const INFOBOX = `<infobox>
  <title source="name"><default>{{PAGENAME}}</default></title>
  <image source="image"><caption source="caption"/></image>
  <data source="founded"><label>Founded</label></data>
  <data source="headquarters"><label>Headquarters</label><default>Unknown</default></data>
  <group>
    <header>Links</header>
    <data source="website"><label>Website</label></data>
  </group>
  <data source="members"><label>Members</label><format>{{{members}}} people</format></data>
</infobox><noinclude>Documentation of the infobox.</noinclude>`;

function context(pages: Record<string, string>, page = 'ECPAT'): ExpansionContext {
  return {
    page: { namespace: 0, dbKey: page, displayTitle: page },
    siteName: 'Fan Wiki',
    loadTemplate: async (title: ParsedTitle) => pages[title.prefixedText] ?? null,
  };
}

async function expandAndRender(source: string, pages: Record<string, string> = { 'Template:Infobox': INFOBOX }) {
  const expansion = await expandTemplates(source, context(pages));
  return { expansion, rendered: renderMarkdown(expansion.text, { infoboxes: expansion.infoboxes }) };
}

describe('portable infobox parsing', () => {
  it('fills the structure from the call, leaving out rows without a value and groups left empty', async () => {
    const { expansion } = await expandAndRender('{{Infobox|founded=1990|image=File:Logo.png|caption=The _logo_}}\nECPAT is a network.');
    expect(expansion.text).toBe('\n\n\u007fINFOBOX-0\u007f\n\n\nECPAT is a network.');
    const expected: InfoboxData = {
      items: [
        { kind: 'title', text: 'ECPAT' },
        { kind: 'image', file: 'Logo.png', alt: '', caption: 'The _logo_' },
        { kind: 'data', source: 'founded', label: 'Founded', value: '1990' },
        { kind: 'data', source: 'headquarters', label: 'Headquarters', value: 'Unknown' },
      ],
    };
    expect(expansion.infoboxes).toEqual([expected]);
  });

  it('keeps a group with a value, uses <format> for a given value and the name parameter over the default', async () => {
    const { expansion } = await expandAndRender('{{Infobox|name=ECPAT International|website=[example](https://example.org)|members= 12 |headquarters=}}');
    expect(expansion.infoboxes[0]!.items).toEqual([
      { kind: 'title', text: 'ECPAT International' },
      { kind: 'data', source: 'headquarters', label: 'Headquarters', value: 'Unknown' },
      {
        kind: 'group',
        items: [
          { kind: 'header', text: 'Links' },
          { kind: 'data', source: 'website', label: 'Website', value: '[example](https://example.org)' },
        ],
      },
      { kind: 'data', source: 'members', label: 'Members', value: '12 people' },
    ]);
  });

  it('accepts the ways editors name an image, and drops names that are no file', () => {
    const spec = parseInfobox('<image source="i"/>');
    const image = (value: string) => resolveInfobox(spec, { param: () => value, expand: (text) => text }).items;
    expect(image('Logo.png')).toEqual([{ kind: 'image', file: 'Logo.png', alt: '', caption: null }]);
    expect(image('[[File:Logo_big.png|thumb|x]]')).toEqual([{ kind: 'image', file: 'Logo big.png', alt: '', caption: null }]);
    expect(image('Image:a.jpg')[0]).toMatchObject({ file: 'A.jpg' });
    expect(image('')).toEqual([]);
    expect(image('a]]b|c')).toEqual([]);
  });

  it('reads broken markup as far as it goes, never failing', () => {
    const spec = parseInfobox('<data source="a"><label>A</label><data source=b><label>B<title source="c"></group></image>&bogus;<');
    const resolved = resolveInfobox(spec, { param: (name) => name.toUpperCase(), expand: (text) => text.trim() });
    expect(resolved.items[0]).toMatchObject({ kind: 'data', source: 'a', label: 'A', value: 'A' });
  });

  it('ignores tags it does not know and never keeps markup as HTML', () => {
    const spec = parseInfobox('<script>alert(1)</script><panel><data source="x"/></panel><header>Ok</header>');
    expect(resolveInfobox(spec, { param: () => 'v', expand: (text) => text }).items).toEqual([{ kind: 'header', text: 'Ok' }]);
  });

  // The template's infobox markup is read once, not once per call (a time per call is for the
  // benchmark; a regression to re-reading shows here as the test's time limit).
  it('fills one infobox per call when a page calls an infobox template 2,000 times', async () => {
    const { expansion } = await expandAndRender('{{Infobox|founded=1990}}\n'.repeat(2_000));
    expect(expansion.infoboxes).toHaveLength(2_000);
    expect(new Set(expansion.infoboxes.map((infobox) => JSON.stringify(infobox))).size).toBe(1);
    expect(expansion.infoboxes[1_999]!.items).toContainEqual({ kind: 'data', source: 'founded', label: 'Founded', value: '1990' });
  });

  // A super-linear regression shows as the test's time limit (speed itself is the benchmark's).
  it('reads floods of tags into nothing it would show', { timeout: 60_000 }, () => {
    const nothingGiven = { param: () => '', expand: (text: string) => text };
    expect(resolveInfobox(parseInfobox('<group><data source="x"><label>'.repeat(30_000)), nothingGiven).items).toEqual([]);
    expect(resolveInfobox(parseInfobox('<'.repeat(200_000)), nothingGiven).items).toEqual([]);
  });
});

describe('portable infobox rendering', () => {
  it('renders an accessible aside: heading, image figure, and a table of row headers and values', async () => {
    const { rendered } = await expandAndRender(
      '{{Infobox|founded=1990|headquarters=[[Bangkok]]|image=Logo.png|caption=The logo|website=https://example.org}}\n\n## History\n\nText.',
    );
    const html = rendered.html;
    expect(html).toMatch(/^<aside class="portable-infobox" aria-labelledby="ecpat">/u);
    expect(html).toContain('<h2 class="portable-infobox-title" id="ecpat">ECPAT</h2>');
    expect(html).toContain('<figure class="wiki-file" data-wiki-file="Logo.png" data-file-options="');
    expect(html).toContain('<figcaption>The logo</figcaption></figure>');
    expect(html).toContain('<tr><th scope="row">Founded</th><td>1990</td></tr>');
    expect(html).toContain('<th scope="row">Headquarters</th><td><a href="/wiki/Bangkok" class="wikilink" data-wiki-target="Bangkok">Bangkok</a></td>');
    expect(html).toContain('<tbody><tr><th colspan="2" scope="rowgroup">Links</th></tr><tr><th scope="row">Website</th>');
    expect(html).not.toContain('table-scroll');
    // Links, files and the outline: the infobox counts for links and files, not for the table of contents.
    expect(rendered.links).toContainEqual({ namespace: 0, dbKey: 'Bangkok' });
    expect(rendered.files).toEqual(['Logo.png']);
    expect(rendered.previewFile).toBe('Logo.png');
    expect(rendered.toc.map((entry) => entry.text)).toEqual(['History']);
    expect(rendered.sections.map((section) => section.title)).toEqual(['History']);
    expect(rendered.description).toBe('Text.');
  });

  it('renders values as Markdown: lists stay blocks, one paragraph stays inline', async () => {
    const { rendered } = await expandAndRender('{{Infobox|name=**Bold** name|founded=* one\n* two}}');
    expect(rendered.html).toContain('<h2 class="portable-infobox-title" id="bold-name"><strong>Bold</strong> name</h2>');
    expect(rendered.html).toMatch(/<th scope="row">Founded<\/th><td>\s*<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>\s*<\/td>/u);
  });

  it('renders a marker without infobox, and markers inside other text, as nothing', () => {
    const html = renderMarkdown('\u007fINFOBOX-3\u007f\n\nText \u007fINFOBOX-0\u007f here `\u007fINFOBOX-0\u007f`').html;
    expect(html).toBe('<p>Text  here <code></code></p>');
  });

  it('shows the template page itself with its documentation, and the infobox of its defaults', async () => {
    const expansion = await expandTemplates(INFOBOX, { ...context({}), page: { namespace: 10, dbKey: 'Infobox', displayTitle: 'Template:Infobox' } });
    expect(expansion.text).toContain('Documentation of the infobox.');
    expect(expansion.infoboxes[0]!.items).toEqual([
      { kind: 'title', text: 'Infobox' },
      { kind: 'data', source: 'headquarters', label: 'Headquarters', value: 'Unknown' },
    ]);
  });
});

describe('the plain-text fallback', () => {
  it('leaves strip markers out of the text it shows', async () => {
    const { renderAsPlainText } = await import('@/lib/domain/markdown');
    expect(renderAsPlainText('a\n\n\u007fINFOBOX-0\u007f\n\nb').html).toContain('<pre class="wiki-render-fallback">a\n\n\n\nb</pre>');
  });
});

describe('plain texts in infoboxes', () => {
  it('render exactly as the Markdown parser renders them', async () => {
    const { renderMarkdown: render } = await import('@/lib/domain/markdown');
    const texts = ['1990', 'Bangkok, Thailand', 'Rome (Italy) 50% of it\'s "x"', 'a/b.c-d', '1. one', '2) two', 'www.example.org', 'a  b', 'x..y', 'e.g. this', '10.5'];
    for (const text of texts) {
      const data: InfoboxData = { items: [{ kind: 'data', source: 's', label: text, value: text }] };
      const html = render('\u007fINFOBOX-0\u007f', { infoboxes: [data] }).html;
      const cell = html.match(/<td>([\s\S]*)<\/td>/u)?.[1];
      const label = html.match(/<th scope="row">([\s\S]*)<\/th>/u)?.[1];
      const expected = render(text).html.replace(/^<p>([\s\S]*)<\/p>$/u, '$1');
      expect(cell?.trim()).toBe(expected.trim());
      if (!expected.includes('<')) expect(label).toBe(expected);
    }
  });

  it('keep list and heading markers of inline texts as words', async () => {
    const { renderMarkdown: render } = await import('@/lib/domain/markdown');
    const data: InfoboxData = {
      items: [
        { kind: 'title', text: '# 1' },
        { kind: 'data', source: 's', label: '1. Season', value: 'x' },
        { kind: 'header', text: '- Cast' },
      ],
    };
    const html = render('\u007fINFOBOX-0\u007f', { infoboxes: [data] }).html;
    expect(html).toContain('># 1</h2>');
    expect(html).toContain('<th scope="row">1. Season</th>');
    expect(html).toContain('<th colspan="2" scope="rowgroup">- Cast</th>');
  });
});
