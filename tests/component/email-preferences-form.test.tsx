// Special:Preferences' e-mail section (components/notifications/EmailPreferencesForm.tsx): the
// address with its confirmation state, a refused address kept as typed, and the settings posted.
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { EmailPreferencesForm } from '@/components/notifications/EmailPreferencesForm';
import type { EmailAddressFormState, EmailSettingsFormState } from '@/components/notifications/email-form-state';
import { DEFAULT_PREFERENCES } from '@/lib/domain/preferences';
import { renderWithIntl } from '../support/intl';

const noSettings = vi.fn(async (state: EmailSettingsFormState) => state);

describe('the e-mail section', () => {
  it('shows a confirmed address and keeps a refused one (a form-valid address without a domain dot) as typed, with its message', async () => {
    const addressAction = vi.fn(async (_state: EmailAddressFormState, formData: FormData): Promise<EmailAddressFormState> => ({
      values: { email: String(formData.get('email')) },
      fieldErrors: { email: 'Please enter a valid e-mail address.' },
    }));
    renderWithIntl(
      <EmailPreferencesForm
        status={{ email: 'anna@example.org', verifiedAt: '2026-12-06T14:05:00.000Z' }}
        preferences={DEFAULT_PREFERENCES}
        addressAction={addressAction}
        settingsAction={noSettings}
      />,
    );
    expect(screen.getByText(/anna@example\.org was confirmed on December 6, 2026/u)).toBeTruthy();
    const field = screen.getByLabelText('Email address:') as HTMLInputElement;
    expect(field.value).toBe('anna@example.org');
    fireEvent.change(field, { target: { value: 'anna@example' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save and send confirmation' })));
    expect(addressAction).toHaveBeenCalledOnce();
    expect((screen.getByLabelText('Email address:') as HTMLInputElement).value).toBe('anna@example');
    expect(screen.getByText('Please enter a valid e-mail address.')).toBeTruthy();
  });

  it('says an address is waiting for confirmation, in Italian too', () => {
    renderWithIntl(
      <EmailPreferencesForm status={{ email: 'anna@example.org', verifiedAt: null }} preferences={DEFAULT_PREFERENCES} addressAction={vi.fn()} settingsAction={noSettings} />,
      { locale: 'it' },
    );
    expect(screen.getByText(/non è ancora stato confermato/u)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Salva e invia la conferma' })).toBeTruthy();
  });

  it('posts how often and which kinds, ticked as saved', async () => {
    const settingsAction = vi.fn(async (_state: EmailSettingsFormState, formData: FormData): Promise<EmailSettingsFormState> => ({
      values: Object.fromEntries(formData) as EmailSettingsFormState['values'],
      saved: true,
    }));
    renderWithIntl(
      <EmailPreferencesForm status={{ email: null, verifiedAt: null }} preferences={DEFAULT_PREFERENCES} addressAction={vi.fn()} settingsAction={settingsAction} />,
    );
    expect(screen.getByText('You have not set an e-mail address.')).toBeTruthy();
    expect((screen.getByLabelText('Individual notifications as they come in') as HTMLInputElement).checked).toBe(true);
    const kinds = screen.getByRole('group', { name: 'Notify me by e-mail about:' });
    expect(within(kinds).getAllByRole('checkbox')).toHaveLength(7);
    expect((screen.getByLabelText('Messages on my talk page') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Thanks') as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByLabelText('A daily summary of notifications'));
    fireEvent.click(screen.getByLabelText('Thanks'));
    const watched = screen.getByLabelText('E-mail me when a page or a file on my watchlist is changed') as HTMLInputElement;
    expect(watched.checked).toBe(true);
    fireEvent.click(watched);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    const posted = settingsAction.mock.calls[0]![1];
    expect(posted.get('emailNotifications')).toBe('daily');
    expect(posted.get('emailThanks')).toBe('on');
    expect(posted.get('emailReverted')).toBeNull();
    expect(posted.get('emailWatchlist')).toBeNull();
    expect(await screen.findByText('Your preferences have been saved.')).toBeTruthy();
  });
});
