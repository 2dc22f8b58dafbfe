import Link from '@/components/Link';
import { useTranslations } from 'next-intl';

/** Under the sign-in form: "No account? Join the wiki", keeping where the reader was going. */
export function JoinTheWiki({ returnTo }: { returnTo: string }) {
  const t = useTranslations('common.specialPages');
  return <p>{t.rich('noAccount', { link: (text) => <Link href={`/wiki/Special:CreateAccount?returnto=${encodeURIComponent(returnTo)}`}>{text}</Link> })}</p>;
}
