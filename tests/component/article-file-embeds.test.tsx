import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ArticleView } from '@/components/ArticleView';
import { resolveFileEmbeds, type FileEmbedMap } from '@/lib/domain/files/embeds';
import { articleShowing } from '../support/article-fixture';
import { renderWithIntl } from '../support/intl';

const SHA1 = '0123456789abcdef0123456789abcdef01234567';
const SOURCE = [
  '[[File:ECPAT logo.png|thumb|Logo della **ECPAT**]]',
  'ECPAT was awarded the 1998 Rafto Prize.',
  '[[File:ECPAT member states map.png|thumb|left|States with organizations connected to ECPAT]]',
].join('\n\n');

/** The ECPAT article as the data layer hands it out: embeds resolved against `files`. */
function articleWith(files: FileEmbedMap) {
  const article = articleShowing(SOURCE);
  return { ...article, html: resolveFileEmbeds(article.html, files) };
}

describe('ArticleView with file embeds', () => {
  it('shows an uploaded file as a thumbnail linking to its File page, with its caption, and a missing one as an upload link', () => {
    renderWithIntl(<ArticleView article={articleWith(new Map([['ECPAT_logo.png', { sha1: SHA1, width: 800, height: 600, mime: 'image/png' }]]))} />);
    const logo = screen.getByRole('img', { name: 'Logo della ECPAT' });
    expect(logo.getAttribute('src')).toBe(`/images/thumb/${SHA1}/250px-ECPAT_logo.png`);
    expect(logo.getAttribute('srcset')).toContain(' 2x');
    expect([logo.getAttribute('width'), logo.getAttribute('height')]).toEqual(['250', '188']);
    expect(logo.getAttribute('loading')).toBe('lazy');
    expect(screen.getByRole('link', { name: 'Logo della ECPAT' }).getAttribute('href')).toBe('/wiki/File:ECPAT_logo.png');
    const figure = logo.closest('figure')!;
    expect(within(figure).getByText('ECPAT').tagName).toBe('STRONG');
    expect(figure.querySelector('figcaption')?.textContent).toBe('Logo della ECPAT');

    const upload = screen.getByRole('link', { name: 'Upload File:ECPAT member states map.png' });
    expect(upload.getAttribute('href')).toBe('/wiki/Special:Upload?wpDestFile=ECPAT_member_states_map.png');
    expect(upload.className).toBe('new');
    expect(upload.closest('figure')?.className).toBe('wiki-file wiki-file-thumb wiki-file-left wiki-file-missing');
    expect(upload.closest('figure')?.querySelector('figcaption')?.textContent).toBe('States with organizations connected to ECPAT');
    expect(screen.queryByRole('img', { name: /States with/ })).toBeNull();
  });

  it('words the upload links in Italian for an Italian reader', () => {
    renderWithIntl(<ArticleView article={articleWith(new Map())} />, { locale: 'it' });
    const links = screen.getAllByRole('link', { name: /^Carica File:/ });
    expect(links.map((link) => link.textContent)).toEqual(['Carica File:ECPAT logo.png', 'Carica File:ECPAT member states map.png']);
    expect(links[0]!.getAttribute('title')).toBe('File:ECPAT logo.png non è ancora stato caricato: caricalo');
    expect(document.body.textContent).not.toContain('Upload');
  });
});
