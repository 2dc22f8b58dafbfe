import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ArticleView } from '@/components/ArticleView';
import { articleShowing } from '../support/article-fixture';
import { renderWithIntl } from '../support/intl';

describe('ArticleView', () => {
  it('shows the title, the rendered text and who edited it last, and when', () => {
    renderWithIntl(<ArticleView article={articleShowing('Awarded the 1998 **Rafto Prize**.')} />);
    expect(screen.getByRole('heading', { level: 1, name: 'ECPAT' })).toBeTruthy();
    expect(screen.getByText('Rafto Prize').tagName).toBe('STRONG');
    const footer = screen.getByText(/last edited on/);
    // Day-first (en-GB) or month-first (en-US) is the formatter's choice; the wording is the view's.
    expect(footer.textContent).toMatch(/last edited on (28 November 2026|November 28, 2026), at 09:05 by Wiki import\./);
    expect(within(footer).getByRole('link', { name: 'Wiki import' }).getAttribute('href')).toBe('/wiki/User:Wiki_import');
  });

  it('shows a table of contents linking to each section once there are three headings', () => {
    renderWithIntl(<ArticleView article={articleShowing('## One\n\ntext\n\n## Two\n\n### Two a\n\nmore')} />);
    const toc = screen.getByRole('navigation', { name: 'Contents' });
    const links = within(toc).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['1 One', '2 Two', '2.1 Two a']);
    for (const link of links) {
      const target = link.getAttribute('href')!.slice(1);
      expect(document.getElementById(target)).not.toBeNull();
    }
  });

  it('has no table of contents for short articles', () => {
    renderWithIntl(<ArticleView article={articleShowing('## Only\n\ntext\n\n## Two\n\ntext')} />);
    expect(screen.queryByRole('navigation', { name: 'Contents' })).toBeNull();
  });

  it('links footnote references to their notes and back', () => {
    renderWithIntl(<ArticleView article={articleShowing('Established in 1990.[^1]\n\n[^1]: A source.')} />);
    const reference = screen.getByRole('link', { name: '1' });
    const note = document.getElementById(reference.getAttribute('href')!.slice(1));
    expect(note?.textContent).toContain('A source.');
    const back = note!.querySelector('a[href^="#"]:last-of-type')!;
    expect(document.getElementById(back.getAttribute('href')!.slice(1))).toBe(reference.parentElement?.querySelector('a') ?? reference);
  });

  it('reads in Italian: notice, redirect line, table of contents, categories and the last edit', () => {
    const view = {
      ...articleShowing('## Uno\n\ntesto\n\n## Due\n\n### Due a\n\naltro'),
      categories: [
        { name: 'Associazioni', href: '/wiki/Category:Associazioni', exists: true, label: 'Associazioni' },
        { name: 'Infanzia', href: '/wiki/Category:Infanzia', exists: false, label: 'Infanzia' },
      ],
    };
    renderWithIntl(<ArticleView article={view} notice="merged" redirectedFrom={{ text: 'Ecpat', href: '/wiki/Ecpat?redirect=no' }} />, { locale: 'it' });
    expect(screen.getByRole('status').textContent).toMatch(/^La modifica è stata salvata/);
    expect(screen.getByText(/Reindirizzamento da/).textContent).toBe('(Reindirizzamento da Ecpat)');
    expect(screen.getByRole('link', { name: 'Ecpat' }).getAttribute('href')).toBe('/wiki/Ecpat?redirect=no');
    expect(within(screen.getByRole('navigation', { name: 'Indice' })).getAllByRole('link')).toHaveLength(3);
    const categories = screen.getByRole('navigation', { name: 'Categorie' });
    expect(categories.textContent).toMatch(/^Categorie:/);
    expect(within(categories).getByRole('link', { name: 'Infanzia' }).getAttribute('title')).toBe('Category:Infanzia (la pagina non esiste)');
    expect(screen.getByText(/modificata per l'ultima volta/).textContent).toBe(
      "Questa pagina è stata modificata per l'ultima volta il 28 novembre 2026 alle 09:05 da Wiki import.",
    );
  });

  it('gives the notes heading and the back links in Italian, not the article text', () => {
    renderWithIntl(<ArticleView article={articleShowing('## Storia\n\nFondata nel 1990.[^1]\n\n## References\n\ntesto\n\n[^1]: Una fonte.')} />, { locale: 'it' });
    const toc = screen.getByRole('navigation', { name: 'Indice' });
    expect(
      within(toc)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['1 Storia', '2 References', '3 Note']);
    expect(screen.getByRole('heading', { level: 2, name: 'Note' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Torna al richiamo 1' }).getAttribute('href')).toBe('#user-content-fnref-1');
  });
});
