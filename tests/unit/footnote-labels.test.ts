import { describe, expect, it } from 'vitest';
import { localizeFootnotes } from '@/lib/domain/footnote-labels';
import { renderMarkdown } from '@/lib/domain/markdown';

const italian = { heading: 'Note', backTo: (reference: string) => `Torna al richiamo ${reference}` };

describe('the footnote labels of a rendering, in the reader’s language', () => {
  it('translates the renderer’s notes heading and back links, keeping their ids and targets', () => {
    const { html } = renderMarkdown('Founded in 1987.[^1] Helpline.[^1]\n\n[^1]: Source & "notes".');
    const localized = localizeFootnotes(html, italian);
    expect(localized).toContain('<h2 id="footnote-label">Note</h2>');
    expect(localized).toContain('aria-label="Torna al richiamo 1"');
    expect(localized).toContain('aria-label="Torna al richiamo 1-2"');
    expect(localized).not.toContain('References');
    expect(localized.replace('Note', 'References').replaceAll('Torna al richiamo', 'Back to reference')).toBe(html);
  });

  it('leaves an author’s own "References" heading and text without notes alone, and escapes the labels', () => {
    const own = renderMarkdown('## References\n\nBack to reference 1, said the text.').html;
    expect(localizeFootnotes(own, italian)).toBe(own);
    const html = renderMarkdown('A.[^1]\n\n[^1]: B.').html;
    expect(localizeFootnotes(html, { heading: '<b>"x"</b>', backTo: () => '"' })).toContain('<h2 id="footnote-label">&#60;b&#62;&#34;x&#34;&#60;/b&#62;</h2>');
  });
});
