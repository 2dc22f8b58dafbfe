import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DisplayPreferencesForm } from '@/components/preferences/DisplayPreferencesForm';
import { DISPLAY_PREFERENCES_FORM_FIELDS, type DisplayPreferencesFormState } from '@/components/preferences/display-form-state';
import { formValues, invalidInput } from '@/lib/domain/form-state';
import { DEFAULT_PREFERENCES } from '@/lib/domain/preferences';
import { displayPreferencesFormSchema, timeZoneGroups } from '@/lib/domain/display-preferences';
import { renderWithIntl } from '../support/intl';

/** The action's check without the server call (tests/integration/preferences-display.test.ts covers the save). */
async function validateOnly(_state: DisplayPreferencesFormState, formData: FormData): Promise<DisplayPreferencesFormState> {
  const values = formValues(formData, DISPLAY_PREFERENCES_FORM_FIELDS);
  const parsed = displayPreferencesFormSchema.safeParse(values);
  return parsed.success ? { values, saved: true } : invalidInput(values, parsed.error, { summary: 'first-problem' });
}

const examples = { default: 'Jan 15, 2001, 16:12', iso: '2001-01-15, 16:12' };
const menu = (label: string) => screen.getByLabelText(label) as HTMLSelectElement;

describe('DisplayPreferencesForm', () => {
  it('shows the saved choices, the zones grouped by region and the date examples', () => {
    renderWithIntl(
      <DisplayPreferencesForm
        action={validateOnly}
        zones={timeZoneGroups()}
        examples={examples}
        initial={{ ...DEFAULT_PREFERENCES, interfaceLanguage: 'it', theme: 'dark', dateFormat: 'iso', timeZone: 'Asia/Tokyo' }}
      />,
    );
    expect(menu('Language').value).toBe('it');
    expect(menu('Color').value).toBe('dark');
    expect(menu('Date format').value).toBe('iso');
    expect(menu('Time zone').value).toBe('Asia/Tokyo');
    expect(screen.getByRole('option', { name: 'ISO 8601 (2001-01-15, 16:12)' })).toBeTruthy();
    expect(screen.getByRole('option', { name: 'Use wiki default (UTC)' })).toBeTruthy();
    const asia = menu('Time zone').querySelector('optgroup[label="Asia"]')!;
    expect(asia.querySelector('option[value="Asia/Tokyo"]')!.textContent).toBe('Tokyo');
    expect(menu('Time zone').querySelector('optgroup[label="Pacific Ocean"]')).toBeTruthy();
  });

  it('fills the zone in from the browser, once scripts run, and reads in Italian', async () => {
    renderWithIntl(<DisplayPreferencesForm action={validateOnly} zones={timeZoneGroups()} examples={examples} initial={DEFAULT_PREFERENCES} />, { locale: 'it' });
    expect(menu('Fuso orario').value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: "Usa l'ora del browser" }));
    expect(menu('Fuso orario').value).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Salva' })));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Le preferenze sono state salvate.');
  });
});
