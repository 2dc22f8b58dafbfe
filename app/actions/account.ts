'use server';

import { headers } from 'next/headers';
import { changePasswordSchema, signUpSchema, safeReturnTo } from '@/lib/domain/accounts';
import { CHANGE_PASSWORD_FIELDS, CREATE_ACCOUNT_FIELDS, type ChangePasswordState, type CreateAccountState } from '@/lib/domain/form-fields';
import { formValues } from '@/lib/domain/form-state';
import { changeOwnPassword, createAccount } from '@/lib/server/accounts';
import { getActor } from '@/lib/server/session';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { runFormAction } from '@/app/actions/form-action';

// Passwords are checked but never handed back: only the username returns to the form.

export async function createAccountAction(_previous: CreateAccountState, formData: FormData): Promise<CreateAccountState> {
  const input = formValues(formData, CREATE_ACCOUNT_FIELDS);
  return runFormAction({
    values: { username: input.username },
    input,
    schema: signUpSchema,
    refused: 'form.accountNotCreated',
    async run(signUp) {
      const account = await createAccount({ username: signUp.username, password: signUp.password }, clientIpFromHeaders(await headers()));
      return { values: { username: account.name }, created: { username: account.name, returnTo: safeReturnTo(signUp.returnTo) } };
    },
  });
}

export async function changePasswordAction(_previous: ChangePasswordState, formData: FormData): Promise<ChangePasswordState> {
  return runFormAction({
    values: {},
    input: formValues(formData, CHANGE_PASSWORD_FIELDS),
    schema: changePasswordSchema,
    refused: 'form.passwordNotChanged',
    async run(change, { values, errors }) {
      const actor = await getActor();
      if (actor.userId === null) return { values, formError: errors.t('account.signInToChangePassword') };
      const account = await changeOwnPassword(actor.userId, change.currentPassword, change.password, clientIpFromHeaders(await headers()));
      return { values, changed: { username: account.name } };
    },
  });
}
