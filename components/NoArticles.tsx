import { useTranslations } from 'next-intl';

/** Special:Random on a wiki without articles. */
export function NoArticles() {
  const t = useTranslations('special.random');
  return <p>{t('none')}</p>;
}
