import { useTranslations } from 'next-intl';
import { localizeFootnotes } from '@/lib/domain/footnote-labels';
import { localizeMissingImages } from '@/lib/domain/missing-images';

/**
 * A revision's rendered HTML, as the article, a permalink, a diff and the edit preview show it.
 * The HTML comes from lib/domain/markdown.ts, which sanitizes it (no raw HTML, no scripts); only
 * the renderer's own footnote labels and missing-image notices are put in the reader's language.
 */
export function ArticleBody({ html }: { html: string }) {
  const t = useTranslations('article');
  const withNotes = localizeFootnotes(html, { heading: t('footnotes.heading'), backTo: (reference) => t('footnotes.backTo', { reference }) });
  const localized = localizeMissingImages(withNotes, t('images.missing'));
  return <div className="article-body" dangerouslySetInnerHTML={{ __html: localized }} />;
}
