import { useTranslations } from 'next-intl';
import { localizeFootnotes } from '@/lib/domain/footnote-labels';

/**
 * A revision's rendered HTML, as the article, a permalink, a diff and the edit preview show it.
 * The HTML comes from lib/domain/markdown.ts, which sanitizes it (no raw HTML, no scripts); only
 * the renderer's own footnote labels are put in the reader's language.
 */
export function ArticleBody({ html }: { html: string }) {
  const t = useTranslations('article.footnotes');
  const localized = localizeFootnotes(html, { heading: t('heading'), backTo: (reference) => t('backTo', { reference }) });
  return <div className="article-body" dangerouslySetInnerHTML={{ __html: localized }} />;
}
