'use client';

import { useActionState, useEffect, useState } from 'react';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/domain/form-state';
import type { ChangePasswordState } from '@/lib/domain/form-fields';
import { AccountField, AccountForm, NewPasswordFields } from '@/components/special/AccountFormParts';

/** Special:ChangePassword. Passwords are never sent back by the server, so the typed values live here. */
export function ChangePasswordForm({ action }: { action: FormAction<ChangePasswordState> }) {
  const t = useTranslations('account.changePassword');
  const [state, formAction, pending] = useActionState(action, { values: {} });
  const [currentPassword, setCurrentPassword] = useState('');
  const [password, setPassword] = useState('');
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
    <AccountForm action={formAction} error={state.formError} pending={pending} submitLabel={t('submit')}>
      {state.changed && <p role="status">{t('changed')}</p>}
      <AccountField
        id="wpPassword"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        label={t('current')}
        value={currentPassword}
        onChange={setCurrentPassword}
        error={errors.currentPassword}
      />
      <NewPasswordFields
        id="wpNewPassword"
        hintId="new-password-hint"
        labels={{ password: t('new'), hint: t('newHint'), confirm: t('confirm') }}
        password={password}
        onPassword={setPassword}
        errors={errors}
      />
    </AccountForm>
  );
}
