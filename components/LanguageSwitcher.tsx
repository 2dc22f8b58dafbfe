import { useLocale, useTranslations } from 'next-intl';
import { chooseLanguage } from '@/app/actions/language';
import { LOCALES } from '@/lib/i18n/negotiate-locale.mjs';

/** Each language is named in itself ("Italiano"), so that a reader who can't read the current one finds theirs. */
const ENDONYMS = { en: 'English', it: 'Italiano' } as const;

export function LanguageSwitcher() {
  const t = useTranslations('common.language');
  const current = useLocale();
  return (
    <form action={chooseLanguage} className="language-switcher" aria-label={t('label')}>
      <span className="language-switcher-label">{t('label')}:</span>
      {LOCALES.map((locale) => (
        <button key={locale} type="submit" name="language" value={locale} lang={locale} aria-pressed={locale === current} disabled={locale === current}>
          {ENDONYMS[locale]}
        </button>
      ))}
    </form>
  );
}
