import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AddTopicForm } from '@/components/AddTopicForm';
import { PermissionNotice } from '@/components/PermissionNotice';
import { ViewSource } from '@/components/ViewSource';
import { errorMessage } from '@/lib/domain/error-messages';
import { renderWithIntl } from '../support/intl';

describe('PermissionNotice', () => {
  const text = errorMessage('policy.signIn', { action: errorMessage('policy.action.edit') });
  const decision = { allowed: false as const, reason: 'not-signed-in' as const, message: 'English, for the API', text };

  it('offers to log in or create an account, returning to the page', () => {
    renderWithIntl(<PermissionNotice decision={decision} returnTo="/wiki/ECPAT?action=edit" />);
    expect(screen.getByText(/You must sign in/).textContent).toBe('You must sign in to edit pages. Log in or create an account.');
    expect(screen.getByRole('link', { name: 'Log in' }).getAttribute('href')).toBe('/wiki/Special:UserLogin?returnto=%2Fwiki%2FECPAT%3Faction%3Dedit');
  });

  it('says it in Italian', () => {
    renderWithIntl(<PermissionNotice decision={decision} returnTo="/wiki/ECPAT" />, { locale: 'it' });
    expect(screen.getByText(/^Devi entrare/).textContent).toBe('Devi entrare per modificare le pagine. Entra o registrati.');
    expect(screen.getByRole('link', { name: 'Entra' }).getAttribute('href')).toBe('/wiki/Special:UserLogin?returnto=%2Fwiki%2FECPAT');
    expect(screen.getByRole('link', { name: 'registrati' }).getAttribute('href')).toBe('/wiki/Special:CreateAccount?returnto=%2Fwiki%2FECPAT');
  });
});

describe('ViewSource in Italian', () => {
  it('labels the read-only source', () => {
    renderWithIntl(<ViewSource text="Testo" />, { locale: 'it' });
    expect((screen.getByLabelText('Sorgente di questa pagina (sola lettura)') as HTMLTextAreaElement).readOnly).toBe(true);
  });
});

describe('AddTopicForm', () => {
  const action = async <S,>(state: S) => state;

  it('has a subject, a message and the signature hint, in English and Italian', () => {
    const { unmount } = renderWithIntl(<AddTopicForm title="Talk:ECPAT" cancelHref="/wiki/Talk:ECPAT" action={action} />);
    expect(screen.getByLabelText('Subject')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save' })).toBeTruthy();
    unmount();

    renderWithIntl(<AddTopicForm title="Talk:ECPAT" cancelHref="/wiki/Talk:ECPAT" action={action} />, { locale: 'it' });
    expect(screen.getByLabelText('Oggetto')).toBeTruthy();
    expect(screen.getByLabelText('Testo')).toBeTruthy();
    expect(screen.getByText(/La tua firma \(~~~~\) viene aggiunta/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Salva' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Annulla' }).getAttribute('href')).toBe('/wiki/Talk:ECPAT');
  });
});
