'use client';

import { useTranslations } from 'next-intl';

/**
 * "Log out". next-auth's client (12 KB compressed) is fetched on the click, not with every page:
 * the header is in every reader's first download, and only a signed-in user ever presses this.
 */
export function SignOutButton() {
  const t = useTranslations('common.header');
  async function signOutHere() {
    const { signOut } = await import('next-auth/react');
    await signOut({ callbackUrl: window.location.pathname });
  }
  return (
    <button type="button" className="link-button" onClick={() => void signOutHere()}>
      {t('logOut')}
    </button>
  );
}
