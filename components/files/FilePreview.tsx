import { useFormatter, useTranslations } from 'next-intl';
import type { FilePreview as FilePreviewModel } from '@/lib/domain/files/file-page-view';
import { useFileSize } from '@/components/files/file-size';

/**
 * The File page's screen-sized image, linking to the original, and its info line (MediaWiki's
 * "Original file (800 × 600 pixels, file size: 245 KB, MIME type: image/png)").
 */
export function FilePreview({ preview, name }: { preview: FilePreviewModel; name: string }) {
  const t = useTranslations('files.page');
  const format = useFormatter();
  const size = useFileSize();
  return (
    <div className="file-page-preview">
      <a href={preview.originalHref} className="file-preview-link">
        <img src={preview.src} srcSet={preview.srcSet} width={preview.width} height={preview.height} alt={t('previewAlt', { name })} decoding="async" />
      </a>
      <p className="file-info">
        <a href={preview.originalHref}>{t('original')}</a> (
        {t('info', { width: format.number(preview.fullWidth), height: format.number(preview.fullHeight), size: size(preview.size), mime: preview.mime })})
      </p>
    </div>
  );
}
