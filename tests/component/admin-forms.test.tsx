import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DeletePageForm } from '@/components/DeletePageForm';
import { DeletedPageNotice } from '@/components/DeletedPageNotice';
import { MovePageForm } from '@/components/MovePageForm';
import { RevisionDeleteForm } from '@/components/RevisionDeleteForm';
import { UnblockForm } from '@/components/UnblockForm';
import { UndeleteForm } from '@/components/UndeleteForm';
import { UserRightsForm } from '@/components/UserRightsForm';
import { parseTitle } from '@/lib/domain/titles';
import { renderWithIntl } from '../support/intl';

// The forms only render here; submitting is covered by the block and protect form tests and by e2e.
const neverCalled = async <S,>(state: S) => state;

describe('the administrators’ forms in Italian', () => {
  it('delete, undelete and unblock', () => {
    renderWithIntl(
      <>
        <DeletePageForm action={neverCalled} hasTalkPage initial={{ title: 'ECPAT', reason: '', deleteTalk: 'on', latestRevisionId: '3' }} />
        <UndeleteForm action={neverCalled} initial={{ title: 'ECPAT', reason: '', newestArchivedId: '2' }} />
        <UnblockForm action={neverCalled} initial={{ target: 'Bob', reason: '' }} />
      </>,
      { locale: 'it' },
    );
    expect((screen.getByLabelText('Cancella anche la pagina di discussione associata') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('button', { name: 'Cancella la pagina' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Recupera tutte le versioni' })).toBeTruthy();
    expect((screen.getByLabelText('Utente') as HTMLInputElement).value).toBe('Bob');
    expect(screen.getByRole('button', { name: 'Sblocca' })).toBeTruthy();
    expect(screen.getAllByLabelText('Motivo')).toHaveLength(3);
  });

  it('user rights: the group names the page gives, in a labelled group', () => {
    const roles = [
      { value: 'registered', label: 'utente registrato' },
      { value: 'admin', label: 'amministratore' },
    ];
    renderWithIntl(<UserRightsForm action={neverCalled} roles={roles} initial={{ target: 'Bob', role: 'admin', bot: '', reason: '' }} />, { locale: 'it' });
    expect(screen.getByRole('group', { name: 'Gruppo' })).toBeTruthy();
    expect((screen.getByLabelText('amministratore') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Bot') as HTMLInputElement).checked).toBe(false);
    expect(screen.getByRole('button', { name: 'Salva i gruppi utente' })).toBeTruthy();
  });

  it('user rights: a bot account has the Bot box ticked beside its role', () => {
    const roles = [{ value: 'registered', label: 'registered user' }];
    renderWithIntl(<UserRightsForm action={neverCalled} roles={roles} initial={{ target: 'Bob', role: 'registered', bot: 'on', reason: '' }} />);
    const box = screen.getByLabelText('Bot') as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(box.name).toBe('bot');
  });

  it('revision visibility: one box per part, and why the current text cannot be hidden', () => {
    const initial = { target: 'ECPAT', revisionId: '7', hideText: '', hideSummary: 'on', hideAuthor: '', reason: '', seenHidden: '2', latestRevisionId: '7' };
    renderWithIntl(<RevisionDeleteForm action={neverCalled} isCurrent initial={initial} />, { locale: 'it' });
    expect(screen.getByRole('group', { name: 'Visibilità per gli utenti che non sono amministratori' })).toBeTruthy();
    expect((screen.getByLabelText('Nascondi il testo della versione') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText(/il testo della versione attuale non può essere nascosto/)).toBeTruthy();
    expect((screen.getByLabelText('Nascondi l’oggetto della modifica') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByLabelText('Nascondi il nome utente dell’autore')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Applica alla versione selezionata' })).toBeTruthy();
  });

  it('move: new title, redirect and talk page boxes', () => {
    const initial = { from: 'ECPAT', to: 'ECPAT', reason: '', leaveRedirect: true, moveTalk: true, baseRevisionId: '7' };
    renderWithIntl(<MovePageForm action={neverCalled} hasTalkPage initial={initial} />, { locale: 'it' });
    expect((screen.getByLabelText('Nuovo titolo') as HTMLInputElement).value).toBe('ECPAT');
    expect(screen.getByLabelText('Motivo')).toBeTruthy();
    expect((screen.getByLabelText('Lascia un redirect') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByLabelText('Sposta anche la pagina di discussione associata')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sposta la pagina' })).toBeTruthy();
  });
});

describe('DeletedPageNotice', () => {
  const notice = {
    title: parseTitle('Fan meetup'),
    lastDeletion: { by: 'Site steward', at: new Date('2026-11-28T20:38:00Z'), reason: 'Duplicate' },
    archivedRevisions: 2,
  };

  it('says who deleted the page and why, and offers the deleted revisions to an administrator', () => {
    renderWithIntl(<DeletedPageNotice notice={notice} />);
    expect(screen.getByText('This page has been deleted.')).toBeTruthy();
    expect(screen.getByRole('listitem').textContent).toMatch(/Site steward deleted page Fan meetup \(Duplicate\)$/);
    expect(screen.getByRole('link', { name: 'Site steward' }).getAttribute('href')).toBe('/wiki/Special:Contributions/Site_steward');
    expect(screen.getByRole('link', { name: 'View or undelete 2 deleted revisions' }).getAttribute('href')).toBe('/wiki/Special:Undelete/Fan_meetup');
    expect(screen.getByRole('link', { name: 'create this page again' }).getAttribute('href')).toBe('/wiki/Fan_meetup?action=edit');
  });

  it('in Italian', () => {
    renderWithIntl(<DeletedPageNotice notice={{ ...notice, lastDeletion: { ...notice.lastDeletion, by: null }, archivedRevisions: 1 }} />, { locale: 'it' });
    expect(screen.getByText('Questa pagina è stata cancellata.')).toBeTruthy();
    expect(screen.getByRole('listitem').textContent).toMatch(/Uno script di manutenzione ha cancellato la pagina Fan meetup \(Duplicate\)$/);
    expect(screen.getByRole('link', { name: 'Visualizzare o recuperare 1 versione cancellata' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Pagina principale' }).getAttribute('href')).toBe('/wiki/Main_Page');
  });
});
