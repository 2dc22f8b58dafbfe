import { getTranslations } from 'next-intl/server';
import { PermissionNotice } from '@/components/PermissionNotice';
import { FileVersionHideForm } from '@/components/LazyForms';
import { FileVersionSummary } from '@/components/files/FileVersionSummary';
import { submitFileVersionVisibility } from '@/app/actions/file-version-hide';
import { loadFileVersionHideScreen } from '@/lib/server/screens/file-version-hide';
import { fileHistoryRows } from '@/lib/domain/files/file-page-view';
import type { SearchParams } from '@/lib/domain/query-params';

/** Special:RevisionDelete?type=oldimage&target=File:<Name>&ids=<version id>: which parts of one file version others see. */
export async function FileVersionHideView({ query }: { query: SearchParams }) {
  const [screen, t] = await Promise.all([loadFileVersionHideScreen(query), getTranslations('files.hideVersion')]);
  if (screen.kind === 'no-version') return <p className="notice notice-error">{t.rich('noVersion', { i: (chunks) => <i>{chunks}</i> })}</p>;
  if (screen.kind === 'denied') return <PermissionNotice decision={screen.decision} returnTo={screen.returnTo} />;
  if (screen.kind === 'unknown-version')
    return <p className="notice notice-error">{t('unknownVersion', { title: screen.title.prefixedText, id: String(screen.versionId) })}</p>;
  const { title, version } = screen;
  return (
    <>
      {/* The history table's own row: the same addresses, thumbnail and uploader link as the File page. */}
      <FileVersionSummary title={title} row={fileHistoryRows([version], title.dbKey, null)[0]!} />
      {screen.isCurrent && <p className="notice">{t('current')}</p>}
      <p>{t('explanation')}</p>
      <FileVersionHideForm action={submitFileVersionVisibility} isCurrent={screen.isCurrent} initial={screen.initial} />
    </>
  );
}
