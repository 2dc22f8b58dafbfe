'use client';

import { useActionState, useEffect, useState } from 'react';
import { signIn } from 'next-auth/react';
import { createAccountAction, type CreateAccountState } from '@/app/actions/account';

export function CreateAccountForm({ returnTo }: { returnTo: string }) {
  const [state, formAction, pending] = useActionState<CreateAccountState, FormData>(createAccountAction, { username: '' });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [passwordConfirm, setPasswordConfirm] = useState('');
  const errors = state.fieldErrors ?? {};

  // MediaWiki signs new users in straight away.
  useEffect(() => {
    if (!state.created) return;
    signIn('credentials', { username: state.created.username, password, redirect: false }).then(() =>
      window.location.assign(state.created!.returnTo),
    );
  }, [state.created, password]);

  return (
    <form action={formAction} className="account-form" noValidate>
      {state.formError && (
        <div role="alert" className="notice notice-error">
          {state.formError}
        </div>
      )}
      {state.created && <p role="status">Account “{state.created.username}” created. Signing you in…</p>}
      <input type="hidden" name="returnTo" value={returnTo} />
      <label htmlFor="wpName2">Username</label>
      <input id="wpName2" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} aria-invalid={errors.username ? true : undefined} aria-describedby="username-hint" />
      <p id="username-hint" className="field-hint">
        {errors.username ?? 'Up to 85 characters; not @ : / # < > [ ] | { }.'}
      </p>
      <label htmlFor="wpPassword2">Password</label>
      <input id="wpPassword2" name="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={errors.password ? true : undefined} aria-describedby="password-hint" />
      <p id="password-hint" className="field-hint">
        {errors.password ?? 'At least 12 characters, not a common password.'}
      </p>
      <label htmlFor="wpRetype">Confirm password</label>
      <input id="wpRetype" name="passwordConfirm" type="password" autoComplete="new-password" value={passwordConfirm} onChange={(e) => setPasswordConfirm(e.target.value)} aria-invalid={errors.passwordConfirm ? true : undefined} />
      {errors.passwordConfirm && <p className="field-error">{errors.passwordConfirm}</p>}
      <button type="submit" className="button-primary" disabled={pending}>
        Create your account
      </button>
    </form>
  );
}
