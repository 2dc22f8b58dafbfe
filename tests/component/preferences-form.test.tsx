import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PreferencesForm } from '@/components/watchlist/PreferencesForm';
import { FeedTokenForm } from '@/components/watchlist/FeedTokenForm';
import { PREFERENCES_FORM_FIELDS, type FeedTokenState, type PreferencesFormState } from '@/components/watchlist/preferences-form-state';
import { formValues, invalidInput } from '@/lib/domain/form-state';
import { DEFAULT_PREFERENCES, watchlistPreferencesFormSchema } from '@/lib/domain/preferences';
import { renderWithIntl } from '../support/intl';

/** The action's check without the server call (tests/integration/preferences.test.ts covers the save). */
async function validateOnly(_state: PreferencesFormState, formData: FormData): Promise<PreferencesFormState> {
  const values = formValues(formData, PREFERENCES_FORM_FIELDS);
  const parsed = watchlistPreferencesFormSchema.safeParse(values);
  return parsed.success ? { values, saved: true } : invalidInput(values, parsed.error, { summary: 'first-problem' });
}

const checked = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).checked;
const select = () => screen.getByLabelText('Days to show in watchlist') as HTMLSelectElement;

describe('PreferencesForm', () => {
  it('shows the saved preferences: the boxes ticked as stored and the days chosen', () => {
    renderWithIntl(
      <PreferencesForm action={validateOnly} initial={{ ...DEFAULT_PREFERENCES, watchEdits: false, watchMoves: true, watchlistDays: 30, watchlistHideOwn: true }} />,
    );
    expect(screen.getByRole('group', { name: 'Add pages and files to my watchlist' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Watchlist defaults' })).toBeTruthy();
    expect(checked('Pages I create')).toBe(true);
    expect(checked('Pages I edit')).toBe(false);
    expect(checked('Pages and files I move')).toBe(true);
    expect(checked('Files I upload')).toBe(true);
    expect(checked('Hide minor edits from the watchlist')).toBe(false);
    expect(checked('Hide my edits from the watchlist')).toBe(true);
    expect(checked('Expand the watchlist to show all changes, not just the most recent')).toBe(false);
    expect(select().value).toBe('30');
    expect([...select().options].map((option) => option.textContent)).toEqual(['1 day', '3 days', '7 days', '14 days', '30 days']);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says the preferences were saved and keeps what was chosen', async () => {
    renderWithIntl(<PreferencesForm action={validateOnly} initial={DEFAULT_PREFERENCES} />);
    fireEvent.click(screen.getByLabelText('Hide minor edits from the watchlist'));
    fireEvent.change(select(), { target: { value: '14' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    });
    expect(screen.getByRole('status').textContent).toBe('Your preferences have been saved.');
    expect(checked('Hide minor edits from the watchlist')).toBe(true);
    expect(select().value).toBe('14');
  });

  it('keeps the values as submitted and names the choices when the days are refused', async () => {
    const refuse = async (_state: PreferencesFormState, formData: FormData) => {
      formData.set('watchlistDays', '99');
      return validateOnly(_state, formData);
    };
    renderWithIntl(<PreferencesForm action={refuse} initial={DEFAULT_PREFERENCES} />);
    fireEvent.click(screen.getByLabelText('Pages I create'));
    fireEvent.click(screen.getByLabelText('Pages and files I move'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    });
    expect(screen.getByRole('alert').textContent).toBe('days must be one of 1, 3, 7, 14, 30');
    expect(select().value).toBe('99');
    expect(select().getAttribute('aria-invalid')).toBe('true');
    expect(checked('Pages I create')).toBe(false);
    expect(checked('Pages and files I move')).toBe(true);
    expect(checked('Pages I edit')).toBe(true);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('speaks Italian', () => {
    renderWithIntl(<PreferencesForm action={validateOnly} initial={DEFAULT_PREFERENCES} />, { locale: 'it' });
    expect(screen.getByRole('group', { name: 'Aggiungi pagine e file ai miei osservati speciali' })).toBeTruthy();
    expect(checked('Le pagine che creo')).toBe(true);
    expect((screen.getByLabelText('Giorni da mostrare negli osservati speciali') as HTMLSelectElement).value).toBe('7');
    expect(screen.getByRole('button', { name: 'Salva' })).toBeTruthy();
  });
});

describe('FeedTokenForm', () => {
  it('offers to create an address, then shows the new one once with the warning', async () => {
    const feedUrl = 'https://wiki.example/wiki/Special:Watchlist?feed=atom&token=wlt_secret';
    const reset = async (state: FeedTokenState): Promise<FeedTokenState> => ({ ...state, feedUrl });
    renderWithIntl(<FeedTokenForm hasToken={false} action={reset} />);
    expect(screen.getByText('You have no feed address yet.')).toBeTruthy();
    expect(screen.getByText(/works like a password/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Create feed address' }));
    });
    expect((screen.getByLabelText('Your feed address') as HTMLInputElement).value).toBe(feedUrl);
    expect(screen.getByText('Copy it now: it will not be shown again.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reset feed address' })).toBeTruthy();
  });

  it('offers a reset when an address exists, and shows a refusal', async () => {
    const refuse = async (): Promise<FeedTokenState> => ({ values: {}, formError: 'You must sign in to view your watchlist.' });
    renderWithIntl(<FeedTokenForm hasToken action={refuse} />);
    expect(screen.getByText(/You have a feed address/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Reset feed address' }));
    });
    expect(screen.getByRole('alert').textContent).toBe('You must sign in to view your watchlist.');
    expect(screen.queryByLabelText('Your feed address')).toBeNull();
  });
});
