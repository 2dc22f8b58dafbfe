import { useTranslations } from 'next-intl';
import { localizeFootnotes } from '@/lib/domain/footnote-labels';
import { localizeMissingImages } from '@/lib/domain/missing-images';
import { localizeFileEmbeds } from '@/lib/domain/files/embeds';
import { addSectionEditLinks } from '@/lib/domain/section-links';
import { SplicedArticleBody } from '@/components/SplicedArticleBody';

/**
 * A revision's rendered HTML, as the article, a permalink, a diff and the edit preview show it.
 * The HTML comes from lib/domain/markdown.ts, which sanitizes it (no raw HTML, no scripts), with
 * file embeds resolved by the data layer (lib/domain/files/embeds.ts); only the renderer's own
 * footnote labels, missing-image notices and upload links of missing files are put in the
 * reader's language.
 *
 * `deferTo` (lib/server/article-body-delivery.ts, given by server views for a document request)
 * takes the body out of the React tree: the production server inserts it into the HTML, so that it
 * is not sent a second time in the RSC payload.
 */
export function ArticleBody({
  html,
  sectionEditPath,
  deferTo,
}: {
  html: string;
  /** The page's path: its headings get "edit" links (given only for readers who may edit). */
  sectionEditPath?: string;
  deferTo?: (html: string) => string;
}) {
  const t = useTranslations('article');
  const withNotes = localizeFootnotes(html, { heading: t('footnotes.heading'), backTo: (reference) => t('footnotes.backTo', { reference }) });
  const withImages = localizeMissingImages(withNotes, t('images.missing'));
  const localized = localizeFileEmbeds(withImages, {
    missing: (name) => t('images.fileMissing', { name }),
    missingTitle: (name) => t('images.fileMissingTitle', { name }),
  });
  const withSectionLinks =
    sectionEditPath === undefined
      ? localized
      : addSectionEditLinks(localized, sectionEditPath, { text: t('view.editSection'), label: (title) => t('view.editSectionLabel', { title }) });
  if (deferTo) return <SplicedArticleBody digest={deferTo(withSectionLinks)} />;
  return <div className="article-body" dangerouslySetInnerHTML={{ __html: withSectionLinks }} />;
}
