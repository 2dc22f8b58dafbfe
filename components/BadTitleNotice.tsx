import type { ReactNode } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { englishText, errorMessage, type ErrorMessage } from '@/lib/domain/error-messages';
import { tryParseTitle } from '@/lib/domain/titles';
import { errorText } from '@/lib/i18n/error-text';

const INVALID_PERCENT_ENCODING = errorMessage('title.invalidPercentEncoding');

/**
 * The rule the title breaks, found again from the title itself: the address is anyone's to write
 * (a link in a phishing mail), so its `reason` is never shown, only used to recognize the one
 * problem the title alone cannot show (proxy.ts could not decode it). Null: no rule is broken.
 */
function ruleBroken(title: string, reason: string | undefined): ErrorMessage | null {
  if (reason === englishText(INVALID_PERCENT_ENCODING)) return INVALID_PERCENT_ENCODING;
  const parsed = tryParseTitle(title);
  return parsed.ok ? null : parsed.message;
}

const code = (chunks: ReactNode) => <code>{chunks}</code>;

/** The text of the 400 page proxy.ts shows for /wiki/ addresses whose title breaks a naming rule. */
export function BadTitleNotice({ title, reason }: { title: string | undefined; reason: string | undefined }) {
  const t = useTranslations('errors.badTitle');
  const locale = useLocale();
  const rule = title === undefined ? null : ruleBroken(title, reason);
  return (
    <article className="article">
      <h1 className="article-title">{t('title')}</h1>
      <p className="notice notice-error">
        {rule && title ? t.rich('invalidWithTitle', { title, reason: errorText(rule, locale), code }) : t('invalid', { reason: t('defaultReason') })}
      </p>
      <p>{t.rich('rules', { characters: '# < > [ ] | { }', code, link: (chunks) => <a href="/wiki/Main_Page">{chunks}</a> })}</p>
    </article>
  );
}
