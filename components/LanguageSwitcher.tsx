import { useLocale, useTranslations } from 'next-intl';
import { LOCALES } from '@/lib/i18n/negotiate-locale.mjs';

/** Each language is named in itself ("Italiano"), so that a reader who can't read the current one finds theirs. */
const ENDONYMS = { en: 'English', it: 'Italiano' } as const;

/** `action`: the Server Action that remembers the choice (app/actions/language.ts), passed in by the layout. */
export function LanguageSwitcher({ action }: { action: (formData: FormData) => Promise<void> }) {
  const t = useTranslations('common.language');
  const current = useLocale();
  return (
    <form action={action} className="language-switcher" aria-label={t('label')}>
      <span className="language-switcher-label">{t('label')}:</span>
      {LOCALES.map((locale) => (
        <button key={locale} type="submit" name="language" value={locale} lang={locale} aria-pressed={locale === current} disabled={locale === current}>
          {ENDONYMS[locale]}
        </button>
      ))}
    </form>
  );
}
