'use client';

import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';

export function SignOutButton() {
  const t = useTranslations('common.header');
  return (
    <button type="button" className="link-button" onClick={() => signOut({ callbackUrl: window.location.pathname })}>
      {t('logOut')}
    </button>
  );
}
