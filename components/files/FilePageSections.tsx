import type { ReactNode } from 'react';
import Link from '@/components/Link';
import { useTranslations } from 'next-intl';
import type { FileLead, FileTrail } from '@/lib/domain/files/file-page-view';
import { FilePreview } from '@/components/files/FilePreview';
import { FileHistoryTable } from '@/components/files/FileHistoryTable';
import { FileUsage } from '@/components/files/FileUsage';

/** Above the File page's description: the preview and info line, or a notice. */
export function FilePageLead({ lead, name }: { lead: FileLead; name: string }) {
  const t = useTranslations('files.page');
  if (lead.kind === 'preview') return <FilePreview preview={lead.preview} name={name} />;
  if (lead.kind === 'none') return <NoFileNotice uploadHref={lead.uploadHref} />;
  return <p className="notice">{t(lead.kind === 'hidden' ? 'fileHidden' : 'deleted')}</p>;
}

/** "No file by this name exists, but you can upload it." */
export function NoFileNotice({ uploadHref }: { uploadHref: string }) {
  const t = useTranslations('files.page');
  return <p className="notice file-page-nofile">{t.rich('noFile', { upload: (chunks: ReactNode) => <Link href={uploadHref}>{chunks}</Link> })}</p>;
}

/** Below the description: the file history, the new-version link and the file usage. */
export function FilePageTrail({ trail }: { trail: FileTrail }) {
  const t = useTranslations('files.page');
  return (
    <div className="file-page-sections">
      {trail.history.length > 0 && <FileHistoryTable rows={trail.history} />}
      {trail.uploadNewVersionHref && (
        <p className="file-upload-new-version">
          <Link href={trail.uploadNewVersionHref}>{t('uploadNewVersion')}</Link>
        </p>
      )}
      <FileUsage pages={trail.usage} nextHref={trail.usageNextHref} duplicates={trail.duplicates} />
    </div>
  );
}
