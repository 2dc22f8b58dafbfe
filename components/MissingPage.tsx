import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { encodeTitleForUrl } from '@/lib/domain/titles';
import { NoFileNotice } from '@/components/files/FilePageSections';

const mainPageLink = (chunks: ReactNode) => <a href="/wiki/Main_Page">{chunks}</a>;

/**
 * `tabs`: the page's tabs (components/PageTabs), as every view of a page has them. `uploadHref`:
 * a missing File: page offers to upload the file first.
 */
export function MissingPage({ title, revision, tabs, uploadHref }: { title: string | null; revision?: string | null; tabs?: ReactNode; uploadHref?: string | null }) {
  const t = useTranslations('article.missing');
  if (revision && /^\d+$/.test(revision)) {
    return (
      <article className="article missing-page">
        <h1 className="article-title">{t('revisionTitle')}</h1>
        <p className="notice">{title ? t('noRevisionOf', { revision, title }) : t('noRevision', { revision })}</p>
      </article>
    );
  }
  if (title?.startsWith('Special:')) {
    return (
      <article className="article missing-page">
        <h1 className="article-title">{t('specialTitle')}</h1>
        <p className="notice">{t.rich('noSpecialPage', { name: title.slice('Special:'.length), main: mainPageLink })}</p>
      </article>
    );
  }
  const editHref = title ? `/wiki/${encodeTitleForUrl(title.replaceAll(' ', '_'))}?action=edit` : null;
  const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;
  return (
    <article className="article missing-page">
      {tabs}
      <h1 className="article-title">{title ?? t('pageNotFound')}</h1>
      {uploadHref && <NoFileNotice uploadHref={uploadHref} />}
      <p className="notice">
        {editHref
          ? t.rich('createOrGoBack', { strong, main: mainPageLink, create: (chunks) => <a href={editHref}>{chunks}</a> })
          : t.rich('goBack', { strong, main: mainPageLink })}
      </p>
    </article>
  );
}
