import type { Ref } from 'react';
import Link from '@/components/Link';
import { useTranslations } from 'next-intl';
import type { UploadWarning } from '@/lib/domain/files/types';
import { encodeTitleForUrl } from '@/lib/domain/titles';

const pageHref = (title: string) => `/wiki/${encodeTitleForUrl(title.replaceAll(' ', '_'))}`;

/**
 * The server's upload warnings (MediaWiki's): the name exists (the upload becomes its new version)
 * or the same bytes are already other files. Nothing was written; the button resends the upload
 * with the warnings confirmed.
 */
export function UploadWarnings({
  title,
  warnings,
  disabled,
  onConfirm,
  ref,
}: {
  /** The destination, "File:Logo.png". */
  title: string;
  warnings: UploadWarning[];
  disabled: boolean;
  onConfirm: () => void;
  /** Where the form moves the focus when the warnings come (the section takes it). */
  ref?: Ref<HTMLElement>;
}) {
  const t = useTranslations('files.upload');
  const exists = warnings.some((warning) => warning.code === 'exists');
  return (
    <section className="notice notice-warning upload-warnings" role="alert" aria-labelledby="upload-warning-heading" ref={ref} tabIndex={-1}>
      <h2 id="upload-warning-heading">{t('warningHeading')}</h2>
      {warnings.map((warning) =>
        warning.code === 'exists' ? (
          <p key="exists">{t.rich('exists', { title, link: (chunks) => <Link href={pageHref(title)}>{chunks}</Link> })}</p>
        ) : (
          <div key="duplicate">
            <p>{t('duplicate', { count: warning.titles.length })}</p>
            <ul>
              {warning.titles.map((title) => (
                <li key={title}>
                  <Link href={pageHref(title)}>{title}</Link>
                </li>
              ))}
            </ul>
          </div>
        ),
      )}
      <button type="button" onClick={onConfirm} disabled={disabled}>
        {exists ? t('confirmVersion') : t('confirm')}
      </button>
    </section>
  );
}
