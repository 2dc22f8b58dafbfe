import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MissingPage } from '@/components/MissingPage';
import { CategoryMembers } from '@/components/CategoryMembers';
import { RedirectPageView } from '@/components/RedirectPageView';
import { renderWithIntl } from '../support/intl';

const members = ['Alpha', 'Beta', 'Bravo'].map((text) => ({ href: `/wiki/${text}`, text, sortKey: text }));

describe('MissingPage', () => {
  it('offers to create a missing page, and says so in Italian', () => {
    const { unmount } = renderWithIntl(<MissingPage title="Nuova voce" />);
    expect(screen.getByRole('article').textContent).toContain('This page does not exist yet. You can create this page, or go back to the Main Page.');
    expect(screen.getByRole('link', { name: 'create this page' }).getAttribute('href')).toBe('/wiki/Nuova_voce?action=edit');
    unmount();

    renderWithIntl(<MissingPage title="Nuova voce" />, { locale: 'it' });
    expect(screen.getByText('Questa pagina non esiste ancora.').tagName).toBe('STRONG');
    expect(screen.getByRole('link', { name: 'crearla' }).getAttribute('href')).toBe('/wiki/Nuova_voce?action=edit');
    expect(screen.getByRole('link', { name: 'Pagina principale' }).getAttribute('href')).toBe('/wiki/Main_Page');
  });

  it('explains a missing revision and an unknown special page in Italian', () => {
    const { unmount } = renderWithIntl(<MissingPage title="ECPAT" revision="999" />, { locale: 'it' });
    expect(screen.getByRole('heading', { level: 1, name: 'Versione non trovata' })).toBeTruthy();
    expect(screen.getByText(/Non esiste la versione 999 di “ECPAT”/)).toBeTruthy();
    unmount();
    renderWithIntl(<MissingPage title="Special:Nessuna" />, { locale: 'it' });
    expect(screen.getByRole('heading', { level: 1, name: 'Pagina speciale inesistente' })).toBeTruthy();
    expect(screen.getByText(/chiamata “Nessuna”/)).toBeTruthy();
  });
});

describe('CategoryMembers', () => {
  it('counts and groups the pages of a category, in English and Italian', () => {
    const { unmount } = renderWithIntl(<CategoryMembers categoryText="Associazioni" members={members} />);
    const region = screen.getByRole('region', { name: 'Pages in category "Associazioni"' });
    expect(within(region).getByText('The following 3 pages are in this category.')).toBeTruthy();
    unmount();

    renderWithIntl(<CategoryMembers categoryText="Associazioni" members={members} />, { locale: 'it' });
    const italian = screen.getByRole('region', { name: 'Pagine nella categoria "Associazioni"' });
    expect(within(italian).getByRole('heading', { level: 2 }).textContent).toBe('Pagine nella categoria “Associazioni”');
    expect(within(italian).getByText('Questa categoria contiene le 3 pagine indicate di seguito.')).toBeTruthy();
    expect(
      within(italian)
        .getAllByRole('heading', { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(['A', 'B']);
  });

  it('says when a category is empty', () => {
    renderWithIntl(<CategoryMembers categoryText="Vuota" members={[]} />, { locale: 'it' });
    expect(screen.getByText('Questa categoria al momento non contiene pagine.')).toBeTruthy();
  });
});

/** A redirect page whose target redirects back to it, reached through that target. */
const loop = {
  path: '/wiki/Loop_B',
  displayTitle: 'Loop B',
  target: { text: 'Loop A', href: '/wiki/Loop_A' },
  warning: 'loop',
  redirectedFrom: { text: 'Loop A', href: '/wiki/Loop_A?redirect=no' },
} as const;

describe('RedirectPageView', () => {
  it('shows "Redirect page", the target and a loop warning', () => {
    renderWithIntl(<RedirectPageView {...loop} />);
    expect(screen.getByText('Redirect page')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/redirect loop/);
    expect(screen.getAllByRole('link', { name: 'Loop A' }).map((a) => a.getAttribute('href'))).toEqual(['/wiki/Loop_A?redirect=no', '/wiki/Loop_A']);
  });

  it('in Italian, labels the redirect page and explains why it was not followed', () => {
    renderWithIntl(<RedirectPageView {...loop} />, { locale: 'it' });
    expect(screen.getByText('Pagina di reindirizzamento')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/ciclo di reindirizzamenti/);
    expect(screen.getByText(/Reindirizzamento da/).textContent).toBe('(Reindirizzamento da Loop A)');
  });
});
