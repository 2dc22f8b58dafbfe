'use client';

import { useActionState, useEffect, useState } from 'react';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/domain/form-state';
import type { CreateAccountState } from '@/lib/domain/form-fields';
import { AccountField, AccountForm, NewPasswordFields } from '@/components/special/AccountFormParts';

/** The characters a username may not contain (lib/domain/accounts.ts, not imported: it bundles the common-password list). */
const FORBIDDEN_IN_USERNAME = '@ : / # < > [ ] | { }';

export function CreateAccountForm({ returnTo, action }: { returnTo: string; action: FormAction<CreateAccountState> }) {
  const t = useTranslations('account.createAccount');
  const [state, formAction, pending] = useActionState(action, { values: { username: '' } });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const errors = state.fieldErrors ?? {};

  // MediaWiki signs new users in straight away.
  useEffect(() => {
    if (!state.created) return;
    signIn('credentials', { username: state.created.username, password, redirect: false }).then(() => window.location.assign(state.created!.returnTo));
  }, [state.created, password]);

  return (
    <AccountForm action={formAction} error={state.formError} pending={pending} submitLabel={t('submit')}>
      {state.created && <p role="status">{t('created', { user: state.created.username })}</p>}
      <input type="hidden" name="returnTo" value={returnTo} />
      <AccountField
        id="wpName2"
        name="username"
        autoComplete="username"
        label={t('username')}
        value={username}
        onChange={setUsername}
        error={errors.username}
        hint={{ id: 'username-hint', text: t('usernameHint', { forbidden: FORBIDDEN_IN_USERNAME }) }}
      />
      <NewPasswordFields
        id="wpPassword2"
        hintId="password-hint"
        labels={{ password: t('password'), hint: t('passwordHint'), confirm: t('passwordConfirm') }}
        password={password}
        onPassword={setPassword}
        errors={errors}
      />
    </AccountForm>
  );
}
