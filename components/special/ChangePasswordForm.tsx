'use client';

import { useActionState, useEffect, useState } from 'react';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/domain/form-state';
import type { ChangePasswordState } from '@/lib/domain/form-fields';

/** Special:ChangePassword. Passwords are never sent back by the server, so the typed values live here. */
export function ChangePasswordForm({ action }: { action: FormAction<ChangePasswordState> }) {
  const t = useTranslations('account.changePassword');
  const [state, formAction, pending] = useActionState(action, { values: {} });
  const [currentPassword, setCurrentPassword] = useState('');
  const [password, setPassword] = useState('');
  const [passwordConfirm, setPasswordConfirm] = useState('');
  const errors = state.fieldErrors ?? {};

  // The change ended every session, this one too: sign in again with the new password.
  useEffect(() => {
    if (!state.changed) return;
    signIn('credentials', { username: state.changed.username, password, redirect: false }).then(() => {
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load: the layout (the header's user) must render for the new session, which a client navigation would not do
      window.location.assign('/wiki/Main_Page');
    });
  }, [state.changed, password]);

  return (
    <form action={formAction} className="account-form" noValidate>
      {state.formError && (
        <div role="alert" className="notice notice-error">
          {state.formError}
        </div>
      )}
      {state.changed && <p role="status">{t('changed')}</p>}
      <label htmlFor="wpPassword">{t('current')}</label>
      <input
        id="wpPassword"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
        aria-invalid={errors.currentPassword ? true : undefined}
      />
      {errors.currentPassword && <p className="field-error">{errors.currentPassword}</p>}
      <label htmlFor="wpNewPassword">{t('new')}</label>
      <input
        id="wpNewPassword"
        name="password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        aria-invalid={errors.password ? true : undefined}
        aria-describedby="new-password-hint"
      />
      <p id="new-password-hint" className="field-hint">
        {errors.password ?? t('newHint')}
      </p>
      <label htmlFor="wpRetype">{t('confirm')}</label>
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
