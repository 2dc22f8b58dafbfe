import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { queryProblemFromText } from '@/lib/domain/query-params';
import { errorText } from '@/lib/i18n/error-text';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('errors.badRequest');
  return { title: t('title'), robots: { index: false } };
}

/** Shown with status 400 by proxy.ts when a /wiki/ address has a malformed parameter. */
export default async function BadRequestPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const [{ reason }, t, locale] = await Promise.all([searchParams, getTranslations('errors.badRequest'), getLocale()]);
  // proxy.ts words the problem in English (queryProblem); a known one is shown in the reader's language.
  const problem = reason === undefined ? null : queryProblemFromText(reason);
  const shown = problem ? errorText(problem, locale) : (reason ?? t('defaultReason'));
  return (
    <article className="article">
      <h1 className="article-title">{t('title')}</h1>
      <p className="notice notice-error">{t('text', { reason: shown })}</p>
      <p>{t.rich('mainPage', { link: (chunks) => <a href="/wiki/Main_Page">{chunks}</a> })}</p>
    </article>
  );
}
