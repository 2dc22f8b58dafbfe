import Link from '@/components/Link';
import { useLocale, useTranslations } from 'next-intl';
import { errorText } from '@/lib/i18n/error-text';
import type { Decision } from '@/lib/domain/policy';

/** Why the reader may not do something, with sign-in links (returning here) when that would help. */
export function PermissionNotice({ decision, returnTo }: { decision: Extract<Decision, { allowed: false }>; returnTo: string }) {
  const t = useTranslations('edit.permission');
  const locale = useLocale();
  const back = encodeURIComponent(returnTo);
  return (
    <p className="notice">
      {errorText(decision.text, locale)}{' '}
      {decision.reason === 'not-signed-in' &&
        t.rich('signIn', {
          login: (chunks) => <Link href={`/wiki/Special:UserLogin?returnto=${back}`}>{chunks}</Link>,
          create: (chunks) => <Link href={`/wiki/Special:CreateAccount?returnto=${back}`}>{chunks}</Link>,
        })}
    </p>
  );
}
