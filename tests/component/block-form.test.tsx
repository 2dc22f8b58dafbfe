import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BlockForm } from '@/components/BlockForm';
import { formValues, invalidInput } from '@/lib/domain/form-state';
import type { BlockFormState } from '@/lib/domain/form-fields';
import { blockFormSchema } from '@/lib/domain/blocks';
import { renderWithIntl } from '../support/intl';

/** The real action's validation step (the server call is what the integration tests cover). */
async function validateOnly(state: BlockFormState, formData: FormData): Promise<BlockFormState> {
  const values = formValues(formData, ['target', 'expiry', 'reason', 'scope', 'pages'] as const);
  const parsed = blockFormSchema.safeParse(values);
  return parsed.success ? { values } : invalidInput(values, parsed.error);
}

const INITIAL = { target: 'Bob', expiry: '1 week', reason: '', scope: 'sitewide', pages: '' };

describe('BlockForm', () => {
  it('keeps everything typed and marks the fields to fix when the input is refused', async () => {
    renderWithIntl(<BlockForm action={validateOnly} maxPages={10} initial={INITIAL} />);
    fireEvent.change(screen.getByLabelText('Expiry'), { target: { value: '2001-01-01' } });
    fireEvent.click(screen.getByLabelText('Only these pages'));
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'Edit warring on <b>Foo</b>' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Block this user' }));
    });

    expect(screen.getByRole('alert').textContent).toMatch(/Nothing was changed/);
    expect(screen.getByText('The expiry must be in the future.')).toBeTruthy();
    expect(screen.getByText(/List the pages the user may not edit/)).toBeTruthy();
    expect((screen.getByLabelText('User') as HTMLInputElement).value).toBe('Bob');
    expect((screen.getByLabelText('Expiry') as HTMLInputElement).value).toBe('2001-01-01');
    expect((screen.getByLabelText('Reason') as HTMLInputElement).value).toBe('Edit warring on <b>Foo</b>');
    expect((screen.getByLabelText('Only these pages') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByLabelText('Expiry').getAttribute('aria-invalid')).toBe('true');
  });

  it('speaks Italian, while the expiry suggestions still submit what the server reads', () => {
    const { container } = renderWithIntl(<BlockForm action={validateOnly} maxPages={10} initial={INITIAL} />, { locale: 'it' });
    expect((screen.getByLabelText('Utente') as HTMLInputElement).value).toBe('Bob');
    expect((screen.getByLabelText('Scadenza') as HTMLInputElement).value).toBe('1 week');
    expect(screen.getByLabelText('Motivo')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Modifica' })).toBeTruthy();
    expect((screen.getByLabelText('Su tutto il sito (ogni pagina)') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByLabelText('Solo queste pagine')).toBeTruthy();
    expect(screen.getByLabelText('Pagine (un titolo per riga, al massimo 10)')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Blocca questo utente' })).toBeTruthy();
    expect(screen.getByText(/^Una durata/)).toBeTruthy();

    const suggestions = [...container.querySelectorAll('datalist option')].map((option) => [option.getAttribute('value'), option.textContent]);
    expect(suggestions).toContainEqual(['infinite', 'infinito']);
    expect(suggestions).toContainEqual(['1 week', '1 settimana']);
    expect(suggestions).toContainEqual(['3 months', '3 mesi']);
    expect(screen.queryByText(/Block|Reason|Expiry/)).toBeNull();
  });
});
