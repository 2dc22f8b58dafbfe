import type { ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignInForm } from '@/components/special/SignInForm';
import { CreateAccountForm } from '@/components/special/CreateAccountForm';
import { ChangePasswordForm } from '@/components/special/ChangePasswordForm';
import { IntlProvider, renderWithIntl } from '../support/intl';

const signIn = vi.hoisted(() => vi.fn(async () => ({ ok: false, error: 'CredentialsSignin', status: 401, url: null })));
vi.mock('next-auth/react', () => ({ signIn }));
// The Server Actions are not called here: only what the forms show before a submission is checked.
const notCalled = vi.fn();

afterEach(() => signIn.mockClear());

async function submitWrongPassword(button: string) {
  fireEvent.change(screen.getByLabelText(/Username|Nome utente/), { target: { value: 'Jane' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'not her password' } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: button }));
  });
}

describe('SignInForm', () => {
  it('says the credentials were refused, without telling which one was wrong', async () => {
    renderWithIntl(<SignInForm returnTo="/wiki/ECPAT" />);
    await submitWrongPassword('Log in');
    expect(signIn).toHaveBeenCalledWith('credentials', { username: 'Jane', password: 'not her password', redirect: false });
    expect(screen.getByRole('alert').textContent).toBe('Incorrect username or password entered. Please try again.');
  });

  it('never puts the password in an address: the form posts, even before its script has loaded', () => {
    renderWithIntl(<SignInForm returnTo="/wiki/ECPAT" />);
    const form = screen.getByLabelText('Password').closest('form')!;
    // A form without method="post" submitted before hydration (or without JavaScript) is a GET
    // that writes the password into the URL, the browser history and the server's logs.
    expect(form.method).toBe('post');
  });

  it('speaks Italian', async () => {
    renderWithIntl(<SignInForm returnTo="/wiki/ECPAT" />, { locale: 'it' });
    expect(screen.getByLabelText('Nome utente')).toBeTruthy();
    await submitWrongPassword('Entra');
    expect(screen.getByRole('alert').textContent).toBe('Il nome utente o la password non sono corretti. Riprova.');
  });

  it('shows what the server answered to a sign-in attempt (e.g. too many attempts) as it is', async () => {
    signIn.mockResolvedValueOnce({ ok: false, status: 429, error: 'Troppi tentativi.', url: null });
    renderWithIntl(<SignInForm returnTo="/wiki/ECPAT" />, { locale: 'it' });
    await submitWrongPassword('Entra');
    expect(screen.getByRole('alert').textContent).toBe('Troppi tentativi.');
  });
});

describe('CreateAccountForm and ChangePasswordForm in Italian', () => {
  it('label every field and explain the rules', () => {
    renderWithIntl(<CreateAccountForm returnTo="/wiki/ECPAT" action={notCalled} />, { locale: 'it' });
    expect(screen.getByLabelText('Nome utente').getAttribute('aria-describedby')).toBe('username-hint');
    expect(screen.getByText('Al massimo 85 caratteri; non sono ammessi @ : / # < > [ ] | { }.')).toBeTruthy();
    expect(screen.getByLabelText('Password').getAttribute('autocomplete')).toBe('new-password');
    expect(screen.getByText('Almeno 12 caratteri, e non una password comune.')).toBeTruthy();
    expect(screen.getByLabelText('Conferma password')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Crea la tua utenza' })).toBeTruthy();
  });

  it('change password: current, new and confirmation', () => {
    renderWithIntl(<ChangePasswordForm action={notCalled} />, { locale: 'it' });
    expect(screen.getByLabelText('Password attuale')).toBeTruthy();
    expect(screen.getByLabelText('Nuova password')).toBeTruthy();
    expect(screen.getByLabelText('Conferma la nuova password')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cambia password' })).toBeTruthy();
  });

  it('keep the English wording in English', () => {
    renderWithIntl(<CreateAccountForm returnTo="/wiki/ECPAT" action={notCalled} />);
    expect(screen.getByText('Up to 85 characters; not @ : / # < > [ ] | { }.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create your account' })).toBeTruthy();
  });
});

/**
 * A slow connection, or a password manager, fills the server-rendered form before React's
 * scripts have run. What was typed must survive hydration and the next re-render (typing in
 * another field), and must reach the submission: the inputs are controlled, and a re-render once
 * reset a field typed before hydration to its empty state (Special:ChangePassword then answered
 * "Please enter your current password." with the field visibly filled a moment before).
 */
describe('account forms typed into before their scripts ran', () => {
  function serverRendered(ui: ReactElement): HTMLElement {
    const container = document.createElement('div');
    container.innerHTML = renderToString(<IntlProvider>{ui}</IntlProvider>);
    document.body.appendChild(container);
    return container;
  }

  function typeBeforeHydration(container: HTMLElement, id: string, value: string) {
    (container.querySelector(`#${id}`) as HTMLInputElement).value = value;
  }

  it('change password: the current password typed early is kept after typing the new one, and submitted', async () => {
    const submitted = vi.fn(async (_previous: unknown, _formData: FormData) => ({ values: {} }));
    const ui = <ChangePasswordForm action={submitted} />;
    const container = serverRendered(ui);
    typeBeforeHydration(container, 'wpPassword', 'my current passphrase');
    render(ui, { container, hydrate: true, wrapper: IntlProvider });
    await act(async () => {});
    fireEvent.change(screen.getByLabelText('New password', { exact: true }), { target: { value: 'brand new fan passphrase 2026' } });
    fireEvent.change(screen.getByLabelText('Confirm new password'), { target: { value: 'brand new fan passphrase 2026' } });
    expect((screen.getByLabelText('Current password') as HTMLInputElement).value).toBe('my current passphrase');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    });
    expect(submitted).toHaveBeenCalledTimes(1);
    expect(submitted.mock.calls[0]![1].get('currentPassword')).toBe('my current passphrase');
  });

  it('sign in: a name and password filled early (a password manager) are what it signs in with', async () => {
    const ui = <SignInForm returnTo="/wiki/ECPAT" />;
    const container = serverRendered(ui);
    typeBeforeHydration(container, 'wpName1', 'Jane');
    typeBeforeHydration(container, 'wpPassword1', 'her saved password');
    render(ui, { container, hydrate: true, wrapper: IntlProvider });
    await act(async () => {});
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    });
    expect(signIn).toHaveBeenCalledWith('credentials', { username: 'Jane', password: 'her saved password', redirect: false });
  });

  it('create account: the name typed early is kept after typing the password', async () => {
    const ui = <CreateAccountForm returnTo="/wiki/ECPAT" action={notCalled} />;
    const container = serverRendered(ui);
    typeBeforeHydration(container, 'wpName2', 'Early Fan');
    render(ui, { container, hydrate: true, wrapper: IntlProvider });
    await act(async () => {});
    fireEvent.change(screen.getByLabelText('Password', { exact: true }), { target: { value: 'telefono azzurro fan since 1987' } });
    expect((screen.getByLabelText('Username') as HTMLInputElement).value).toBe('Early Fan');
  });
});
