'use client';

import { useState, type FormEvent } from 'react';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';

/** Signs in through next-auth's credentials endpoint, then returns to the page the user came from. */
export function SignInForm({ returnTo, initialError }: { returnTo: string; initialError?: string }) {
  const t = useTranslations('account.signIn');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(initialError ?? '');
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError('');
    const result = await signIn('credentials', { username, password, redirect: false });
    setPending(false);
    if (result?.ok && !result.error) {
      window.location.assign(returnTo);
      return;
    }
    setError(result?.error && result.error !== 'CredentialsSignin' ? result.error : t('wrongCredentials'));
  }

  return (
    <form onSubmit={onSubmit} className="account-form" noValidate>
      {error && (
        <div role="alert" className="notice notice-error">
          {error}
        </div>
      )}
      <label htmlFor="wpName1">{t('username')}</label>
      <input id="wpName1" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
      <label htmlFor="wpPassword1">{t('password')}</label>
      <input
        id="wpPassword1"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      <button type="submit" className="button-primary" disabled={pending}>
        {t('submit')}
      </button>
    </form>
  );
}
