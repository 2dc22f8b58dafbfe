import Link from '@/components/Link';
import { getTranslations } from 'next-intl/server';
import { confirmEmail } from '@/lib/server/notifications/email-address';
import { specialPageHref } from '@/lib/domain/wiki-hrefs';

/**
 * Special:ConfirmEmail/<token> (MediaWiki's): following the link in the confirmation message
 * confirms the address, signed in or not. An expired or unknown token gets its own notice, never
 * an error page.
 */
export async function ConfirmEmailView({ subpage }: { subpage: string | null }) {
  const [outcome, t] = await Promise.all([subpage === null ? Promise.resolve('unknown' as const) : confirmEmail(subpage), getTranslations('watchlist.email')]);
  if (outcome === 'confirmed') {
    return (
      <p role="status" className="notice">
        {t('confirmSuccess')} <Link href={specialPageHref('Preferences')}>{t('preferencesLink')}</Link>
      </p>
    );
  }
  return (
    <p role="alert" className="notice notice-error">
      {outcome === 'expired' ? t('confirmExpired') : t('confirmInvalid')} <Link href={specialPageHref('Preferences')}>{t('preferencesLink')}</Link>
    </p>
  );
}
