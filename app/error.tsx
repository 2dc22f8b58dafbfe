'use client';

import { useTranslations } from 'next-intl';

/**
 * Last-resort boundary: never shows a stack trace, only what the reader can do. When the cause was
 * the database being unavailable the response status is 503 (runtime/server.mjs); the page cannot
 * tell, so the wording fits both that and a bug.
 */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors.boundary');
  return (
    <article className="article">
      <h1 className="article-title">{t('title')}</h1>
      <p className="notice notice-error">{t('message')}</p>
      <button type="button" onClick={reset}>
        {t('tryAgain')}
      </button>
    </article>
  );
}
