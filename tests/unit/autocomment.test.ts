import { describe, expect, it } from 'vitest';
import { parseAutocomment, sectionSummary } from '@/lib/domain/autocomment';
import { renderMarkdown } from '@/lib/domain/markdown';
import { addSectionEditLinks } from '@/lib/domain/section-links';
import { editPageSchema } from '@/lib/domain/schemas';

describe('autocomments', () => {
  it('splits "/* Section */ rest" into the section, its anchor and the rest', () => {
    expect(parseAutocomment('/* ECPAT Philippines */ fixed a typo')).toEqual({ section: 'ECPAT Philippines', anchor: 'ecpat-philippines', rest: 'fixed a typo' });
    expect(parseAutocomment('/* ECPAT Philippines */')).toEqual({ section: 'ECPAT Philippines', anchor: 'ecpat-philippines', rest: '' });
    expect(parseAutocomment('/*Storia*/ ok')).toMatchObject({ section: 'Storia', rest: 'ok' });
  });

  it('gives the anchor the renderer gives the heading (slugs, accents, the "h-" prefix)', () => {
    for (const title of ['Perché è nata', 'C++ & C#', '__next_f', '2024: anno']) {
      const id = /id="([^"]*)"/.exec(renderMarkdown(`## ${title}`).html)![1];
      expect(parseAutocomment(`/* ${title} */ x`)!.anchor).toBe(id);
    }
  });

  it('leaves other summaries alone', () => {
    expect(parseAutocomment('fixed /* not at the start */')).toBeNull();
    expect(parseAutocomment('/* */ empty')).toBeNull();
    expect(parseAutocomment('/* unclosed')).toBeNull();
    expect(parseAutocomment('')).toBeNull();
  });

  it('prefills a section edit so that the summary parses back to the section, after the schema trims it', () => {
    const summary = editPageSchema.parse({ title: 'ECPAT', content: 'x', summary: sectionSummary('A */ B'), baseRevisionId: '1' }).summary;
    expect(parseAutocomment(summary)).toMatchObject({ section: 'A * / B', rest: '' });
    expect(sectionSummary('')).toBe('');
  });
});

describe('section edit links', () => {
  const links = (markdown: string) => addSectionEditLinks(renderMarkdown(markdown).html, '/wiki/A_%26_B', { text: 'edit', label: (title) => `Edit section: ${title}` });

  it('sit beside each top-level heading, the heading wrapped as MediaWiki does', () => {
    expect(links('## One\n\n> ## quoted\n')).toBe(
      '<div class="mw-heading mw-heading2"><h2 data-section="1" id="one">One</h2><span class="mw-editsection"><span class="mw-editsection-bracket">[</span>' +
        '<a href="/wiki/A_%26_B?action=edit&#38;section=1" aria-label="Edit section: One">edit</a><span class="mw-editsection-bracket">]</span></span></div>\n' +
        '<blockquote>\n<h2 id="quoted">quoted</h2>\n</blockquote>',
    );
  });

  it('name the heading as text, markup and footnote markers left out, escaped in the attribute', () => {
    const html = links('## "Quotes" & <b>tags</b> *em*[^1]\n\n[^1]: n');
    expect(html).toContain('aria-label="Edit section: &#34;Quotes&#34; &#38; tags em"');
    expect(html).not.toContain('<b>');
  });

  it('leave the References heading and untitled headings readable', () => {
    const html = links('##\n\ntext[^1]\n\n[^1]: n');
    expect(html).toContain('aria-label="Edit section: 1"');
    expect(html).toMatch(/<h2 id="footnote-label">References<\/h2>/);
  });
});
