'use client';

import { useState, type FormEvent } from 'react';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useValueTypedEarly } from '@/components/use-value-typed-early';

/**
 * What the `?error=` of the address (next-auth's error codes, as it redirects here) may make the
 * form say. The address is anyone's to write (a link in a phishing mail), so its text is never
 * shown: a known code gets its message, anything else the generic one.
 */
const ADDRESS_ERRORS: Readonly<Record<string, 'wrongCredentials' | 'sessionRequired'>> = {
  CredentialsSignin: 'wrongCredentials',
  SessionRequired: 'sessionRequired',
};

function addressErrorKey(code: string): 'wrongCredentials' | 'sessionRequired' | 'failed' {
  return Object.hasOwn(ADDRESS_ERRORS, code) ? ADDRESS_ERRORS[code]! : 'failed';
}

/**
 * Signs in through next-auth's credentials endpoint, then returns to the page the user came from.
 * `addressError`: the `?error=` of the page's address, if any.
 */
export function SignInForm({ returnTo, addressError }: { returnTo: string; addressError?: string }) {
  const t = useTranslations('account.signIn');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // The refusals of a sign-in attempt below (result.error) are the server's own answer to this
  // form's request, so they are shown as they are.
  const [error, setError] = useState(addressError ? t(addressErrorKey(addressError)) : '');
  const [pending, setPending] = useState(false);
  // A password manager may fill both fields before this script runs.
  const usernameInput = useValueTypedEarly(username, setUsername);
  const passwordInput = useValueTypedEarly(password, setPassword);

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
    // method="post": submitted before this script has loaded (or without JavaScript), a GET would
    // write the password into the address, the browser history and the server's logs.
    <form method="post" onSubmit={onSubmit} className="account-form" noValidate>
      {error && (
        <div role="alert" className="notice notice-error">
          {error}
        </div>
      )}
      <label htmlFor="wpName1">{t('username')}</label>
      <input ref={usernameInput} id="wpName1" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
      <label htmlFor="wpPassword1">{t('password')}</label>
      <input
        ref={passwordInput}
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
