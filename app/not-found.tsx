import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('errors.notFound');
  return (
    <article className="article">
      <h1 className="article-title">{t('title')}</h1>
      <p className="notice">{t.rich('text', { link: (chunks) => <a href="/wiki/Main_Page">{chunks}</a> })}</p>
    </article>
  );
}
