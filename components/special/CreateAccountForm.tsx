'use client';

import { useActionState, useEffect, useState } from 'react';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/domain/form-state';
import type { CreateAccountState } from '@/lib/domain/form-fields';

/** The characters a username may not contain (lib/domain/accounts.ts, not imported: it bundles the common-password list). */
const FORBIDDEN_IN_USERNAME = '@ : / # < > [ ] | { }';

export function CreateAccountForm({ returnTo, action }: { returnTo: string; action: FormAction<CreateAccountState> }) {
  const t = useTranslations('account.createAccount');
  const [state, formAction, pending] = useActionState(action, { values: { username: '' } });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [passwordConfirm, setPasswordConfirm] = useState('');
  const errors = state.fieldErrors ?? {};

  // MediaWiki signs new users in straight away.
  useEffect(() => {
    if (!state.created) return;
    signIn('credentials', { username: state.created.username, password, redirect: false }).then(() => window.location.assign(state.created!.returnTo));
  }, [state.created, password]);

  return (
    <form action={formAction} className="account-form" noValidate>
      {state.formError && (
        <div role="alert" className="notice notice-error">
          {state.formError}
        </div>
      )}
      {state.created && <p role="status">{t('created', { user: state.created.username })}</p>}
      <input type="hidden" name="returnTo" value={returnTo} />
      <label htmlFor="wpName2">{t('username')}</label>
      <input
        id="wpName2"
        name="username"
        autoComplete="username"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        aria-invalid={errors.username ? true : undefined}
        aria-describedby="username-hint"
      />
      <p id="username-hint" className="field-hint">
        {errors.username ?? t('usernameHint', { forbidden: FORBIDDEN_IN_USERNAME })}
      </p>
      <label htmlFor="wpPassword2">{t('password')}</label>
      <input
        id="wpPassword2"
        name="password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        aria-invalid={errors.password ? true : undefined}
        aria-describedby="password-hint"
      />
      <p id="password-hint" className="field-hint">
        {errors.password ?? t('passwordHint')}
      </p>
      <label htmlFor="wpRetype">{t('passwordConfirm')}</label>
      <input
        id="wpRetype"
        name="passwordConfirm"
        type="password"
        autoComplete="new-password"
        value={passwordConfirm}
        onChange={(e) => setPasswordConfirm(e.target.value)}
        aria-invalid={errors.passwordConfirm ? true : undefined}
      />
      {errors.passwordConfirm && <p className="field-error">{errors.passwordConfirm}</p>}
      <button type="submit" className="button-primary" disabled={pending}>
        {t('submit')}
      </button>
    </form>
  );
}
