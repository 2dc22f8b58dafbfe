import { describe, expect, it } from 'vitest';
import { renderMarkdown, RENDERER_VERSION } from '@/lib/domain/markdown';
import { parseWikiLink } from '@/lib/domain/wikilinks';
import { categorySortKey, groupCategoryMembers } from '@/lib/domain/categories';

function anchors(html: string): { href: string | null; className: string | null; target: string | null; text: string }[] {
  const result = [];
  for (const match of html.matchAll(/<a ([^>]*)>([^<]*)<\/a>/gu)) {
    const attr = (name: string) => new RegExp(`${name}="([^"]*)"`, 'u').exec(match[1]!)?.[1] ?? null;
    result.push({ href: attr('href'), className: attr('class'), target: attr('data-wiki-target'), text: match[2]! });
  }
  return result;
}

describe('wikilinks: targets and labels', () => {
  it('renders [[Title]] as a wikilink labelled with the title as written', () => {
    const { html, links } = renderMarkdown('See [[foo bar]].');
    expect(html).toBe('<p>See <a href="/wiki/Foo_bar" class="wikilink" data-wiki-target="Foo_bar">foo bar</a>.</p>');
    expect(links).toEqual([{ namespace: 0, dbKey: 'Foo_bar' }]);
  });

  it('uses the label after the pipe', () => {
    expect(anchors(renderMarkdown('[[Foo|the foo]]').html)).toEqual([{ href: '/wiki/Foo', className: 'wikilink', target: 'Foo', text: 'the foo' }]);
  });

  it('links sections to the heading id the renderer assigns, and records the title without fragment', () => {
    const { html, links } = renderMarkdown('[[Foo#Early life]] [[Foo#Early life|life]]');
    expect(anchors(html)).toEqual([
      { href: '/wiki/Foo#early-life', className: 'wikilink', target: 'Foo', text: 'Foo#Early life' },
      { href: '/wiki/Foo#early-life', className: 'wikilink', target: 'Foo', text: 'life' },
    ]);
    expect(links).toEqual([{ namespace: 0, dbKey: 'Foo' }]);
  });

  it('links [[#Section]] to a section of the same page without recording a link', () => {
    const { html, links } = renderMarkdown('[[#Storia]]');
    expect(anchors(html)).toEqual([{ href: '#storia', className: 'wikilink', target: null, text: '#Storia' }]);
    expect(links).toEqual([]);
  });

  it('resolves namespaces and records each target once', () => {
    const { html, links } = renderMarkdown('[[talk:Foo]] [[User:Jane|Jane]] [[Talk:Foo]] [[Special:RecentChanges]]');
    expect(anchors(html).map((a) => [a.href, a.target])).toEqual([
      ['/wiki/Talk:Foo', 'Talk:Foo'],
      ['/wiki/User:Jane', 'User:Jane'],
      ['/wiki/Talk:Foo', 'Talk:Foo'],
      ['/wiki/Special:RecentChanges', null],
    ]);
    expect(links).toEqual([
      { namespace: 1, dbKey: 'Foo' },
      { namespace: 2, dbKey: 'Jane' },
    ]);
  });

  it('treats extra pipes as part of the label, and an empty label as none', () => {
    expect(anchors(renderMarkdown('[[a|b|c]]').html)).toEqual([{ href: '/wiki/A', className: 'wikilink', target: 'A', text: 'b|c' }]);
    expect(anchors(renderMarkdown('[[a|]]').html)[0]!.text).toBe('a');
  });

  it('escapes titles with markup characters', () => {
    const { html } = renderMarkdown('[[Tom & "Jerry"]]');
    expect(html).toContain('href="/wiki/Tom_%26_%22Jerry%22"');
    expect(html).toContain('data-wiki-target="Tom_&#x26;_&#x22;Jerry&#x22;"');
    expect(html).toContain('>Tom &#x26; "Jerry"</a>');
  });

  it('leaves code, and the text of Markdown links, alone', () => {
    const { html, links } = renderMarkdown('`[[Foo]]`\n\n    [[Bar]]\n\n[see [[Baz]]](https://example.org)');
    expect(html).toContain('<code>[[Foo]]</code>');
    expect(html).toContain('<pre><code>[[Bar]]\n</code></pre>');
    expect(html).toContain('>see [[Baz]]</a>');
    expect(links).toEqual([]);
  });

  it('bumps the renderer version', () => {
    expect(RENDERER_VERSION).toBeGreaterThanOrEqual(3);
  });
});

describe('wikilinks: categories', () => {
  it('records [[Category:Name]] and renders nothing in its place', () => {
    const { html, categories, links } = renderMarkdown('Text.\n\n[[Category:Fictional cats]]\n[[category:dogs|Rex]]');
    expect(html).toBe('<p>Text.</p>');
    expect(categories).toEqual([
      { name: 'Fictional_cats', sortKey: null },
      { name: 'Dogs', sortKey: 'Rex' },
    ]);
    expect(links).toEqual([]);
  });

  it('keeps the surrounding text of an inline category', () => {
    expect(renderMarkdown('a [[Category:X]] b').html).toBe('<p>a  b</p>');
  });

  it('keeps one membership per category, the last sort key winning', () => {
    expect(renderMarkdown('[[Category:X|one]] [[Category:X|two]]').categories).toEqual([{ name: 'X', sortKey: 'two' }]);
  });

  it('makes [[:Category:Name]] an ordinary link to the category page', () => {
    const { html, categories, links } = renderMarkdown('[[:Category:Cats]]');
    expect(anchors(html)).toEqual([{ href: '/wiki/Category:Cats', className: 'wikilink', target: 'Category:Cats', text: 'Category:Cats' }]);
    expect(categories).toEqual([]);
    expect(links).toEqual([{ namespace: 14, dbKey: 'Cats' }]);
  });

  it('upper-cases sort keys and groups members by first letter in order', () => {
    expect(categorySortKey('apple pie')).toBe('APPLE PIE');
    const groups = groupCategoryMembers([{ sortKey: 'ANT' }, { sortKey: 'APE' }, { sortKey: 'BEE' }]);
    expect(groups.map((g) => [g.letter, g.members.length])).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
  });
});

describe('wikilinks: malformed input stays literal text', () => {
  it.each([
    ['[[', '<p>[[</p>'],
    ['[[]]', '<p>[[]]</p>'],
    ['[[ ]]', '<p>[[ ]]</p>'],
    ['[[|label]]', '<p>[[|label]]</p>'],
    ['[[#]]', '<p>[[#]]</p>'],
    ['[[Foo<bar]]', '<p>[[Foo&#x3C;bar]]</p>'],
    ['[[Foo%41]]', '<p>[[Foo%41]]</p>'],
    ['[[Category:]]', '<p>[[Category:]]</p>'],
    ['[[Foo]', '<p>[[Foo]</p>'],
  ])('%j', (source, expected) => {
    const rendered = renderMarkdown(source);
    expect(rendered.html).toBe(expected);
    expect(rendered.links).toEqual([]);
    expect(rendered.categories).toEqual([]);
  });

  it('links only the innermost of nested brackets, as MediaWiki', () => {
    const { html } = renderMarkdown('[[a[[b]]]]');
    expect(html).toBe('<p>[[a<a href="/wiki/B" class="wikilink" data-wiki-target="B">b</a>]]</p>');
  });

  it('rejects a bad target through parseWikiLink', () => {
    expect(parseWikiLink('a|b', (s) => s)).toMatchObject({ kind: 'link', label: 'b' });
    expect(parseWikiLink('', (s) => s)).toBeNull();
    expect(parseWikiLink('Talk:Category:X', (s) => s)).toBeNull();
  });

  it('renders 100,000 "[" in a row, and other bracket floods, and keeps them as text', { timeout: 120_000 }, () => {
    const floods = ['['.repeat(100_000), '[['.repeat(50_000) + 'x', '[[a'.repeat(50_000) + ']]', '[[a]]'.repeat(20_000)];
    const started = performance.now();
    const rendered = floods.map((source) => renderMarkdown(source));
    console.log(`bracket floods: ${(performance.now() - started).toFixed(0)} ms`);
    expect(rendered[0]!.html).toBe(`<p>${'['.repeat(100_000)}</p>`);
    expect(rendered[0]!.links).toEqual([]);
    expect(rendered[2]!.links).toEqual([{ namespace: 0, dbKey: 'A' }]);
    expect(rendered[3]!.links).toEqual([{ namespace: 0, dbKey: 'A' }]);
  });
});
