import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BlockForm } from '@/components/BlockForm';
import { formValues, invalidInput } from '@/app/actions/admin-form';
import type { BlockFormState } from '@/app/actions/block';
import { blockFormSchema } from '@/lib/domain/blocks';

/** The real action's validation step (the server call is what the integration tests cover). */
async function validateOnly(state: BlockFormState, formData: FormData): Promise<BlockFormState> {
  const values = formValues(formData, ['target', 'expiry', 'reason', 'scope', 'pages'] as const);
  const parsed = blockFormSchema.safeParse(values);
  return parsed.success ? { values } : invalidInput(values, parsed.error);
}

describe('BlockForm', () => {
  it('keeps everything typed and marks the fields to fix when the input is refused', async () => {
    render(<BlockForm action={validateOnly} maxPages={10} initial={{ target: 'Bob', expiry: '1 week', reason: '', scope: 'sitewide', pages: '' }} />);
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
});
