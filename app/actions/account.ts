'use server';

import { headers } from 'next/headers';
import { changePasswordSchema, signUpSchema, safeReturnTo } from '@/lib/domain/accounts';
import { fieldErrorsOf } from '@/lib/domain/schemas';
import { toPublicError } from '@/lib/domain/errors';
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
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return { username, fieldErrors: fieldErrorsOf(parsed.error), formError: 'The account was not created. Please correct the marked fields.' };
  try {
    const account = await createAccount({ username: parsed.data.username, password: parsed.data.password }, clientIpFromHeaders(await headers()));
    return { username: account.name, created: { username: account.name, returnTo: safeReturnTo(parsed.data.returnTo) } };
  } catch (error) {
    const publicError = toPublicError(error);
    if (publicError.code === 'INTERNAL') console.error(error);
    return { username, fieldErrors: publicError.fieldErrors, formError: publicError.message };
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
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), formError: 'The password was not changed. Please correct the marked fields.' };
  try {
    const actor = await getActor();
    if (actor.userId === null) return { formError: 'Log in to change your password.' };
    const account = await changeOwnPassword(actor.userId, parsed.data.currentPassword, parsed.data.password, clientIpFromHeaders(await headers()));
    return { changed: { username: account.name } };
  } catch (error) {
    const publicError = toPublicError(error);
    if (publicError.code === 'INTERNAL') console.error(error);
    return { fieldErrors: publicError.fieldErrors, formError: publicError.message };
  }
}
