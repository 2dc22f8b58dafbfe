import { getFormatter, getTranslations } from 'next-intl/server';
import { PermissionNotice } from '@/components/PermissionNotice';
import { FileRevertForm } from '@/components/LazyForms';
import { revertFileAction } from '@/app/actions/file';
import { loadFileRevertScreen } from '@/lib/server/screens/file-revert';
import type { SearchParams } from '@/lib/domain/query-params';
import type { ParsedTitle } from '@/lib/domain/titles';

/** /wiki/File:Name?action=revert&oldimage=<id>: confirm reverting the file to that version. */
export async function FileRevertView({ title, query }: { title: ParsedTitle; query: SearchParams }) {
  const [screen, t, format] = await Promise.all([loadFileRevertScreen(title, query), getTranslations('files.revert'), getFormatter()]);
  const body = () => {
    if (screen.kind === 'no-file') return <p className="notice notice-error">{t('noFile')}</p>;
    if (screen.kind === 'no-version') return <p className="notice notice-error">{t('noSuchVersion', { id: screen.id })}</p>;
    if (screen.kind === 'current') return <p className="notice">{t('current')}</p>;
    if (screen.kind === 'denied') return <PermissionNotice decision={screen.decision} returnTo={screen.returnTo} />;
    const when = { date: format.dateTime(screen.createdAt, 'date'), time: format.dateTime(screen.createdAt, 'time') };
    return (
      <>
        <p>
          {t.rich('intro', {
            name: title.text,
            ...when,
            strong: (chunks) => <strong>{chunks}</strong>,
            version: (chunks) => <a href={screen.originalHref}>{chunks}</a>,
          })}
        </p>
        <FileRevertForm
          action={revertFileAction}
          cancelHref={screen.cancelHref}
          initial={{ title: title.prefixedText, versionId: String(screen.versionId), expect: String(screen.latestVersionId), comment: t('defaultComment', when) }}
        />
      </>
    );
  };
  return (
    <article className="article">
      <h1 className="article-title">{t('title', { name: title.prefixedText })}</h1>
      {body()}
    </article>
  );
}
