'use server';

import { headers } from 'next/headers';
import { signUpSchema, safeReturnTo } from '@/lib/domain/accounts';
import { fieldErrorsOf } from '@/lib/domain/schemas';
import { toPublicError } from '@/lib/domain/errors';
import { createAccount } from '@/lib/server/accounts';
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
