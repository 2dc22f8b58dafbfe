import Link from '@/components/Link';
import { getTranslations } from 'next-intl/server';
import { PermissionNotice } from '@/components/PermissionNotice';
import { UploadForm } from '@/components/LazyForms';
import { loadUploadScreen } from '@/lib/server/screens/upload';
import type { SearchParams } from '@/lib/domain/query-params';

/** Special:Upload: the upload form, or why the reader cannot upload (with sign-in links). */
export async function UploadView({ query }: { query: SearchParams }) {
  const [screen, t] = await Promise.all([loadUploadScreen(query), getTranslations('files.upload')]);
  if (screen.kind === 'denied') return <PermissionNotice decision={screen.decision} returnTo={screen.returnTo} />;
  const { reupload } = screen;
  return (
    <>
      <p>{t('intro', { types: screen.typeLabels, size: Math.floor(screen.maxBytes / (1024 * 1024)) })}</p>
      {reupload && <p>{t.rich('reupload', { title: reupload.title, link: (chunks) => <Link href={reupload.href}>{chunks}</Link> })}</p>}
      <UploadForm initial={screen.initial} forReUpload={reupload !== null} maxBytes={screen.maxBytes} accept={screen.accept} />
    </>
  );
}
