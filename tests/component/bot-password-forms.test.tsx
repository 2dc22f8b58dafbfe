import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BotPasswordCreateForm, BotPasswordDeleteForm } from '@/components/special/BotPasswordForms';
import { botPasswordValues, type BotPasswordFormState } from '@/components/special/bot-password-state';
import { botPasswordDeleteSchema, botPasswordSchema, botLoginName } from '@/lib/domain/bot-passwords';
import { invalidInput } from '@/lib/domain/form-state';
import { renderWithIntl } from '../support/intl';

/*
 * The real actions' validation step, then what the server call answers (the integration tests
 * cover the call itself): a fixed password, so the test can look for it.
 */
const PASSWORD = 'abcdefghijklmnopqrstuv0123456789';

async function createValidated(_state: BotPasswordFormState, formData: FormData): Promise<BotPasswordFormState> {
  const values = botPasswordValues(formData);
  const parsed = botPasswordSchema.safeParse(values);
  if (!parsed.success) return invalidInput(values, parsed.error);
  return { values: { appId: '', grants: [] }, issued: { appId: parsed.data.appId, loginName: botLoginName('Jane', parsed.data.appId), password: PASSWORD } };
}

async function deleteValidated(_state: BotPasswordFormState, formData: FormData): Promise<BotPasswordFormState> {
  const values = botPasswordValues(formData);
  const parsed = botPasswordDeleteSchema.safeParse({ appId: values.appId, confirm: formData.get('confirm') });
  return parsed.success ? { values, deleted: true } : invalidInput(values, parsed.error, { summary: 'first-problem' });
}

async function submit(name: string) {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
  });
}

describe('BotPasswordCreateForm', () => {
  it('shows the new password once with the exact login name, and a warning to copy it now', async () => {
    renderWithIntl(<BotPasswordCreateForm userName="Jane" action={createValidated} />);
    fireEvent.change(screen.getByLabelText('Bot name'), { target: { value: 'mwn' } });
    fireEvent.click(screen.getByLabelText('Edit existing pages'));
    await submit('Create');
    const status = screen.getByRole('status');
    expect(status.textContent).toMatch(/The bot password "mwn" was created/);
    expect((screen.getByLabelText('Login name') as HTMLInputElement).value).toBe('Jane@mwn');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe(PASSWORD);
    expect(screen.getByText(/Copy the password now: it will not be shown again/)).toBeTruthy();
    // Ready for another one.
    expect((screen.getByLabelText('Bot name') as HTMLInputElement).value).toBe('');
  });

  it('keeps what was typed and says what to fix when the bot name is refused', async () => {
    renderWithIntl(<BotPasswordCreateForm userName="Jane" action={createValidated} />);
    fireEvent.change(screen.getByLabelText('Bot name'), { target: { value: 'a/b' } });
    fireEvent.click(screen.getByLabelText('Upload new files'));
    await submit('Create');
    expect(screen.getByRole('alert').textContent).toMatch(/Nothing was changed/);
    expect(screen.getByText(/"a\/b" cannot be a bot name/)).toBeTruthy();
    expect((screen.getByLabelText('Bot name') as HTMLInputElement).value).toBe('a/b');
    expect((screen.getByLabelText('Upload new files') as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows basic rights as always included, and every grant as a labelled checkbox, in Italian too', () => {
    renderWithIntl(<BotPasswordCreateForm userName="Jane" action={createValidated} />, { locale: 'it' });
    const basic = screen.getByLabelText('Diritti di base') as HTMLInputElement;
    expect(basic.checked).toBe(true);
    expect(basic.disabled).toBe(true);
    expect(screen.getByRole('group', { name: 'Permessi' })).toBeTruthy();
    expect(screen.getByLabelText('Caricare, sostituire e spostare file')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Crea' })).toBeTruthy();
  });
});

describe('BotPasswordDeleteForm', () => {
  it('asks for the confirmation box before deleting', async () => {
    renderWithIntl(<BotPasswordDeleteForm appId="mwn" action={deleteValidated} />);
    const box = screen.getByLabelText('Yes, delete the bot password "mwn"') as HTMLInputElement;
    expect(box.required).toBe(true);
    // Without the browser's check (no JavaScript, or an old browser), the server refuses it too.
    box.required = false;
    await submit('Delete');
    expect(screen.getByRole('alert').textContent).toBe('Tick the box to confirm that this bot password should be deleted.');
    fireEvent.click(screen.getByLabelText('Yes, delete the bot password "mwn"'));
    await submit('Delete');
    expect(screen.getByRole('status').textContent).toMatch(/The bot password "mwn" was deleted/);
  });
});
