'use client';

import Link from '@/components/Link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';

/** "Create account" and "Log in", remembering the page to come back to afterwards. */
export function LoginLinks() {
  const t = useTranslations('common.header');
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const here = pathname.startsWith('/wiki/Special:') ? null : `${pathname}${query ? `?${query}` : ''}`;
  const suffix = here ? `?returnto=${encodeURIComponent(here)}` : '';
  return (
    <ul className="site-nav">
      <li>
        <Link href={`/wiki/Special:CreateAccount${suffix}`}>{t('createAccount')}</Link>
      </li>
      <li>
        <Link href={`/wiki/Special:UserLogin${suffix}`}>{t('logIn')}</Link>
      </li>
    </ul>
  );
}
