import { useLocale, useTranslations } from 'next-intl';
import { queryProblemFromText } from '@/lib/domain/query-params';
import { errorText } from '@/lib/i18n/error-text';

/**
 * The 400 page's text. proxy.ts hands over the problem as queryProblem's English wording in
 * `?reason=`; only a wording it can produce is shown (in the reader's language). The address is
 * anyone's to write (a link in a phishing mail), so any other text gets the generic reason
 * instead of being shown as the wiki's own message.
 */
export function BadRequestNotice({ reason }: { reason: string | undefined }) {
  const t = useTranslations('errors.badRequest');
  const locale = useLocale();
  const problem = reason === undefined ? null : queryProblemFromText(reason);
  return (
    <article className="article">
      <h1 className="article-title">{t('title')}</h1>
      <p className="notice notice-error">{t('text', { reason: problem ? errorText(problem, locale) : t('defaultReason') })}</p>
      <p>{t.rich('mainPage', { link: (chunks) => <a href="/wiki/Main_Page">{chunks}</a> })}</p>
    </article>
  );
}
