import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Sidebar } from '@/components/Sidebar';
import { SpecialPagesListView } from '@/components/SpecialPagesListView';
import { listedGroups, resolveSpecialPage } from '@/app/wiki/[...title]/special-pages';
import { renderWithIntl } from '../support/intl';

function linksOf(container: HTMLElement): [string, string | null][] {
  return within(container)
    .getAllByRole('link')
    .map((link) => [link.textContent ?? '', link.getAttribute('href')]);
}

describe('the sidebar', () => {
  it('links the main places of the wiki, in MediaWiki order', () => {
    renderWithIntl(<Sidebar />);
    expect(linksOf(screen.getByRole('navigation', { name: 'Wiki navigation' }))).toEqual([
      ['Main Page', '/wiki/Main_Page'],
      ['Recent changes', '/wiki/Special:RecentChanges'],
      ['Random page', '/wiki/Special:Random'],
      ['All pages', '/wiki/Special:AllPages'],
      ['Upload file', '/wiki/Special:Upload'],
      ['Special pages', '/wiki/Special:SpecialPages'],
    ]);
  });

  it('is in Italian for Italian readers', () => {
    renderWithIntl(<Sidebar />, { locale: 'it' });
    const nav = screen.getByRole('navigation', { name: 'Navigazione del wiki' });
    expect(within(nav).getByRole('link', { name: 'Ultime modifiche' }).getAttribute('href')).toBe('/wiki/Special:RecentChanges');
  });
});

describe('Special:SpecialPages', () => {
  it('lists the special pages under MediaWiki’s group headings', () => {
    renderWithIntl(<SpecialPagesListView groups={listedGroups()} />);
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Recent changes and logs',
      'Lists of pages',
      'Media reports and uploads',
      'Users and rights',
      'Page tools',
      'Redirecting special pages',
    ]);
    expect(linksOf(screen.getByRole('region', { name: 'Recent changes and logs' }))).toEqual([
      ['Logs', '/wiki/Special:Log'],
      ['Recent changes', '/wiki/Special:RecentChanges'],
      ['Watchlist', '/wiki/Special:Watchlist'],
    ]);
    expect(linksOf(screen.getByRole('region', { name: 'Redirecting special pages' }))).toEqual([['Random page', '/wiki/Special:Random']]);
    expect(linksOf(screen.getByRole('region', { name: 'Media reports and uploads' }))).toEqual([
      ['File list', '/wiki/Special:ListFiles'],
      ['Upload file', '/wiki/Special:Upload'],
    ]);
    // Wanted and unused files and templates sit with the wanted and orphaned pages.
    expect(linksOf(screen.getByRole('region', { name: 'Lists of pages' }))).toEqual(
      expect.arrayContaining([
        ['Unused files', '/wiki/Special:UnusedFiles'],
        ['Wanted files', '/wiki/Special:WantedFiles'],
        ['Unused templates', '/wiki/Special:UnusedTemplates'],
        ['Wanted templates', '/wiki/Special:WantedTemplates'],
      ]),
    );
  });

  it('links only special pages that exist', () => {
    renderWithIntl(<SpecialPagesListView groups={listedGroups()} />);
    const hrefs = screen.getAllByRole('link').map((link) => link.getAttribute('href')!);
    expect(hrefs.length).toBeGreaterThan(10);
    for (const href of hrefs) expect(resolveSpecialPage(href.slice('/wiki/Special:'.length)), href).toBeDefined();
    expect(hrefs).not.toContain('/wiki/Special:SpecialPages');
  });

  it('sorts each group by the titles the reader sees', () => {
    renderWithIntl(<SpecialPagesListView groups={listedGroups()} />, { locale: 'it' });
    const titles = linksOf(screen.getByRole('region', { name: 'Elenchi di pagine' })).map(([text]) => text);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'it')));
    expect(titles).toContain('Tutte le pagine');
  });
});
