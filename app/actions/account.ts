'use server';

import { headers } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { changePasswordSchema, signUpSchema, safeReturnTo } from '@/lib/domain/accounts';
import { errorTexts } from '@/lib/i18n/error-text';
import { changeOwnPassword, createAccount } from '@/lib/server/accounts';
import { getActor } from '@/lib/server/session';
import { clientIpFromHeaders } from '@/lib/server/client-ip';

export interface CreateAccountState {
  username: string;
  fieldErrors?: Record<string, string>;
  formError?: string;
  /** Set once the account exists; the form then signs in with the typed password. */
  created?: { username: string; returnTo: string };
}

export async function createAccountAction(_previous: CreateAccountState, formData: FormData): Promise<CreateAccountState> {
  const input = Object.fromEntries(['username', 'password', 'passwordConfirm', 'returnTo'].map((key) => [key, String(formData.get(key) ?? '')]));
  const username = input.username ?? '';
  const errors = errorTexts(await getLocale());
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return { username, fieldErrors: errors.fieldErrors(parsed.error), formError: errors.t('form.accountNotCreated') };
  try {
    const account = await createAccount({ username: parsed.data.username, password: parsed.data.password }, clientIpFromHeaders(await headers()));
    return { username: account.name, created: { username: account.name, returnTo: safeReturnTo(parsed.data.returnTo) } };
  } catch (error) {
    const { formError, fieldErrors } = errors.failure(error);
    return { username, fieldErrors, formError };
  }
}

export interface ChangePasswordState {
  fieldErrors?: Record<string, string>;
  formError?: string;
  /** Set once the password changed: every session ended, so the form signs in again with the new one. */
  changed?: { username: string };
}

export async function changePasswordAction(_previous: ChangePasswordState, formData: FormData): Promise<ChangePasswordState> {
  const input = Object.fromEntries(['currentPassword', 'password', 'passwordConfirm'].map((key) => [key, String(formData.get(key) ?? '')]));
  const errors = errorTexts(await getLocale());
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) return { fieldErrors: errors.fieldErrors(parsed.error), formError: errors.t('form.passwordNotChanged') };
  try {
    const actor = await getActor();
    if (actor.userId === null) return { formError: errors.t('account.signInToChangePassword') };
    const account = await changeOwnPassword(actor.userId, parsed.data.currentPassword, parsed.data.password, clientIpFromHeaders(await headers()));
    return { changed: { username: account.name } };
  } catch (error) {
    const { formError, fieldErrors } = errors.failure(error);
    return { fieldErrors, formError };
  }
}
