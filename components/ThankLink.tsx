import Link from '@/components/Link';
import { useTranslations } from 'next-intl';
import { thanksHref } from '@/lib/domain/thanks';

/**
 * "(thank)" beside an edit, as MediaWiki's Thanks extension: a plain link to Special:Thanks/<id>,
 * whose page asks for confirmation, so it works without JavaScript and a stray click sends nothing.
 * Whether to show it is the loader's decision (lib/domain/thanks.ts, mayThankFor).
 */
export function ThankLink({ revisionId }: { revisionId: number }) {
  const t = useTranslations('history.list');
  return (
    <span className="mw-thanks-thank-link">
      (
      <Link href={thanksHref(revisionId)} title={t('thankTitle')} rel="nofollow">
        {t('thank')}
      </Link>
      )
    </span>
  );
}
