import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wikitextPlainText, wikitextToMarkdown } from '@/lib/domain/wikitext/convert';
import { renderMarkdown } from '@/lib/domain/markdown';
import { renderedPlainText, sameWordsInOrder } from '../support/plain-words';

const md = (wikitext: string, title = 'Foo') => wikitextToMarkdown(wikitext, { title }).markdown;
const constructs = (wikitext: string, title = 'Foo') => wikitextToMarkdown(wikitext, { title }).issues.map((issue) => `${issue.line}:${issue.construct}`);

describe('wikitextToMarkdown: constructs', () => {
  it.each([
    ['== H ==', '## H\n'],
    ['=== Sub ===', '### Sub\n'],
    ["''i'' '''b''' '''''x'''''", '*i* **b** ***x***\n'],
    ["'''bold ''both''''' after", '**bold *both*** after\n'],
    ["''unclosed\nnext", '*unclosed*\nnext\n'],
    ['[[Target#anchor|label]]', '[[Target#anchor|label]]\n'],
    ['[[cat]]s and more', '[[cat|cats]] and more\n'],
    ['[[File:X.png|thumb|200px|cap]]', '[[File:X.png|thumb|200px|cap]]\n'],
    ["[[Image:X.png|thumb|cap ''x'']]", '[[Image:X.png|thumb|cap *x*]]\n'],
    ['[[Category:X|sort]] [[:Category:Y]]', '[[Category:X|sort]] [[:Category:Y]]\n'],
    ['#REDIRECT [[X]]', '#REDIRECT [[X]]\n'],
    ["{{Name|a|b=''c''}} {{{param|def}}}", '{{Name|a|b=*c*}} {{{param|def}}}\n'],
    ["{{#if: x | '''y''' | z}}", '{{#if: x | **y** | z}}\n'],
    ['[http://x.org label] [http://y.org] http://z.org', '[label](http://x.org) [http\\://y.org](http://y.org) http://z.org\n'],
    ['* a\n*# b\n*#* c\n* d', '- a\n  1. b\n     - c\n- d\n'],
    ['#* fresh', '1. - fresh\n'],
    [':reply\n::deeper\n:back', '> reply\n>\n> > deeper\n>\n> back\n'],
    ["<nowiki>''x'' *y*</nowiki>", "''x'' \\*y\\*\n"],
    ["<pre>a ''b''</pre>", "```\na ''b''\n```\n"],
    ['<syntaxhighlight lang="js">a<b</syntaxhighlight>', '```js\na<b\n```\n'],
    ['a<br>b', 'a\\\nb\n'],
    ['<s>x</s> <del>y</del> <b>z</b> <i>w</i>', '~~x~~ ~~y~~ **z** *w*\n'],
    ['a\n----\nb', 'a\n\n---\n\nb\n'],
    ['<poem>x\ny</poem>', 'x\\\ny\n'],
    ['a*b_c `d` <e> \\f _x', 'a\\*b_c \\`d\\` \\<e> \\\\f \\_x\n'],
    ['- not a list\n# numbered', '1. numbered\n'.replace('1. numbered', '\\- not a list\n\n1. numbered')],
    ['&amp; &lt;', '&amp; &lt;\n'],
  ])('%j', (wikitext, expected) => {
    expect(md(wikitext)).toBe(expected);
  });

  it.each([
    ["[[a|'''b''']] [[a|x ''y'']]", '**[[a|b]]** [[a|x y]]\n', ['link: formatted label']],
    ['[[Media:X.png|the file]]', '[[:File:X.png|the file]]\n', ['media link']],
    ['<gallery>\nA.png|cap\nFile:B.jpg\n</gallery>', '[[File:A.png|thumb|cap]]\n\n[[File:B.jpg|thumb]]\n', ['gallery: shown as thumbnails']],
    ['<blockquote>q\n\nr</blockquote>\nafter', '> q\n>\n> r\n\nafter\n', []],
    ['<poem>\nRoses\n  violets\n</poem>', 'Roses\\\n&nbsp;&nbsp;violets\n', []],
    ['a <span style="color:red">b</span> <small>c</small>', 'a b c\n', ['html: <span>', 'html: <small>']],
    ['<math>x^2</math> <tabber>t</tabber> <foo>c</foo>', '`x^2` t \\<foo>c\\</foo>\n', ['extension: <math>', 'extension: <tabber>']],
    ["<code>''x''</code> <code>a</code>", "`''x''` `a`\n", ['html: <code>']],
    ['<syntaxhighlight lang="py" inline>x = 1</syntaxhighlight>', '`x = 1`\n', []],
    ['== A # ==', '## A \\#\n', []],
    ['a<ref group="n">x</ref>', 'a[^1]\n\n[^1]: x\n', ['reference: group']],
    ['a<ref name="u"/>', 'a[^u]\n\n[^u]:\n', ['reference: no text']],
    ['snake_case _x_ {{Box|image=Aria_Vel.png}}', 'snake_case \\_x\\_ {{Box|image=Aria_Vel.png}}\n', []],
    ["{{#switch: {{{t}}} | foo_bar = '''x''' | #default = y}}", '{{#switch: {{{t}}} | foo_bar = **x** | #default = y}}\n', []],
    ['* a\n*: more\n* b', '- a\n\n  more\n- b\n', []],
    ['x\n<div>\nblock\n</div>\ny', 'x\n\nblock\n\ny\n', ['html: <div>']],
    ['__TOC__ __NOEDITSECTION__ text', 'text\n', ['behaviour switch: __TOC__', 'behaviour switch: __NOEDITSECTION__']],
  ])('%j with its report', (wikitext, expected, reported) => {
    const result = wikitextToMarkdown(wikitext, { title: 'Foo' });
    expect(result.markdown).toBe(expected);
    expect(result.issues.map((issue) => issue.construct)).toEqual(reported);
  });

  it('tables: cells are one line (lists become bullets, <br> a space, nested tables flattened)', () => {
    const result = wikitextToMarkdown('{|\n| a<br>b || \n* x\n* y\n|-\n|\n{|\n| in 1 || in 2\n|}\n|}', { title: 'Foo' });
    expect(result.markdown).toBe('| | |\n| --- | --- |\n| a b | • x • y |\n| in 1 in 2 | |\n');
    expect(result.issues.map((issue) => issue.construct)).toEqual(['html: <br>', 'table: multi-line cell', 'table: nested table']);
  });

  it('tables: GFM when they fit, header row from ! cells, caption before, | escaped', () => {
    expect(md('{| class="wikitable"\n|+ Cap\n! A !! B\n|-\n| [[x|y]] || {{T|a}}\n|}')).toBe('Cap\n\n| A | B |\n| --- | --- |\n| [[x\\|y]] | {{T|a}} |\n');
    expect(md('{|\n| a || b\n|}')).toBe('| | |\n| --- | --- |\n| a | b |\n');
  });

  it('tables: spans and multi-line cells are approximated and reported', () => {
    const result = wikitextToMarkdown('{|\n! rowspan=2 | h !! x\n|-\n| y\n|-\n| colspan=2 | a\nb\n|}', { title: 'Foo' });
    expect(result.markdown).toBe('| h | x |\n| --- | --- |\n|  | y |\n| a b | |\n'.replace('|  |', '| |'));
    expect(result.issues.map((issue) => issue.construct)).toEqual(['table: rowspan/colspan', 'table: multi-line cell']);
  });

  it('references become footnotes, a named one defined once', () => {
    expect(md('a<ref name="s">Src</ref> b<ref name="s"/> c<ref>Other \'\'x\'\'</ref>\n<references/>')).toBe('a[^s] b[^s] c[^1]\n\n[^s]: Src\n[^1]: Other *x*\n');
    expect(md('a<ref name="l"/>\n<references>\n<ref name="l">Listed</ref>\n</references>')).toBe('a[^l]\n\n[^l]: Listed\n');
    expect(md('a<ref name="two words">x</ref>{{reflist}}')).toBe('a[^1]\n\n[^1]: x\n');
  });

  it('drops a references heading left empty (GFM lists the footnotes under its own)', () => {
    const result = wikitextToMarkdown('a<ref>x</ref>\n== References ==\n{{reflist}}\n[[Category:C]]', { title: 'Foo' });
    expect(result.markdown).toBe('a[^1]\n\n[[Category:C]]\n\n[^1]: x\n');
    expect(result.issues).toEqual([{ construct: 'references heading', line: 2, detail: 'dropped: the footnotes are listed at the end under their own heading' }]);
    expect(md('a<ref>x</ref>\n== References ==\n<references/>\n=== More ===\nt')).toBe('a[^1]\n\n## References\n\n### More\n\nt\n\n[^1]: x\n');
  });

  it('reports what it cannot keep', () => {
    expect(constructs('__NOTOC__\n[[fr:Page]]\n<span>x</span> {{#expr: 1+1}} {{CURRENTYEAR}} {{PAGENAME}}\n;term : def\n a [[b]]')).toEqual([
      '1:behaviour switch: __NOTOC__',
      '2:interlanguage link',
      '3:html: <span>',
      '3:parser function: #expr',
      '3:magic word: CURRENTYEAR',
      '4:definition list',
      '5:preformatted text',
    ]);
    expect(md('[[fr:Page]]')).toBe('');
  });

  it('converts the inside of template pages, keeping the include tags', () => {
    expect(md("<includeonly>'''{{{1}}}'''</includeonly><noinclude>{{Documentation}}</noinclude>", 'Template:Box')).toBe(
      '<includeonly>**{{{1}}}**</includeonly><noinclude>{{Documentation}}</noinclude>\n',
    );
  });
});

describe('wikitextToMarkdown: what a reader sees', () => {
  it('renders links, footnotes, tables, code and lists', () => {
    const sample =
      "== Intro ==\nThe '''fox''' [[Fox|jumps]] over [http://example.org the dog].<ref>Book.</ref>\n* one\n*# two\n{|\n! A !! B\n|-\n| c || d\n|}\n<code>x</code>";
    const html = renderMarkdown(md(sample)).html;
    expect(html).toContain('<h2');
    expect(html).toContain('<strong>fox</strong>');
    expect(html).toContain('class="wikilink"');
    expect(html).toContain('href="http://example.org"');
    expect(html).toContain('data-footnote-ref');
    expect(html).toContain('<table>');
    expect(html).toContain('<code>x</code>');
    expect(html).toMatch(/<ul>\s*<li>one\s*<ol>/u);
    expect(sameWordsInOrder(wikitextPlainText(sample), renderedPlainText(md(sample)), ['1', 'References', '↩'])).toBeNull();
  });

  it('never throws and always returns a string', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("'", '[', ']', '{', '}', '|', '<', '>', '/', '=', '*', '#', ':', ';', '!', '-', ' ', '\n', 'a', 'ref', 'nowiki', '&', 'http://x') }),
        (text) => {
          const result = wikitextToMarkdown(text, { title: 'Foo' });
          expect(typeof result.markdown).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => typeof wikitextToMarkdown(text, { title: 'Template:X' }).markdown === 'string'),
      { numRuns: 200 },
    );
  });
});
