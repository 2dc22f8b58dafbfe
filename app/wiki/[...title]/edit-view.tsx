import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { errorText } from '@/lib/i18n/error-text';
import { PermissionNotice } from '@/components/PermissionNotice';
import { PageTabs } from '@/components/PageTabs';
import { submitWatch } from '@/app/actions/watchlist';
import { EditForm } from '@/components/LazyForms';
import { KeepEarlyTyping } from '@/components/KeepEarlyTyping';
import { RecreationWarning } from '@/components/RecreationWarning';
import { ViewSource } from '@/components/ViewSource';
import { TemplatesUsed } from '@/components/edit/TemplatesUsed';
import { previewMarkdown, submitEdit } from '@/app/actions/edit';
import { loadEditScreen, type UndoRequest } from '@/lib/server/screens/edit';
import { NS, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/** Dates the text labels "(UTC)" (expiries, as typed in UTC in the forms) stay in UTC whatever the reader's time zone. */
const UTC = { timeZone: 'UTC' } as const;

/** /wiki/<Title>?action=edit: the edit form, or why the reader cannot edit and the read-only source (View source). */
export async function EditView({ title, undo, section }: { title: ParsedTitle; undo?: UndoRequest; section?: string }) {
  const [screen, t, format, locale] = await Promise.all([loadEditScreen(title, undo, section), getTranslations('edit.view'), getFormatter(), getLocale()]);
  const editingSection = screen.kind === 'form' && screen.section !== null;
  const heading = t(editingSection ? 'editingSection' : screen.exists ? 'editing' : 'creating', { title: title.prefixedText });
  const articlePath = titleToUrlPath(title);
  const tabs = (
    <PageTabs watchAction={submitWatch} path={articlePath} current="edit" access={screen.access} discussion={screen.discussion ?? undefined} exists={screen.exists} />
  );

  if (screen.kind === 'denied') {
    const { restriction } = screen;
    return (
      <article className="article">
        {tabs}
        <h1 className="article-title">{screen.exists ? t('viewSourceFor', { title: title.prefixedText }) : heading}</h1>
        <PermissionNotice decision={screen.decision} returnTo={`${articlePath}?action=edit`} />
        {restriction && (
          <p className="notice protection-details">
            {t('protection', {
              expiry: restriction.expiresAt
                ? t('until', { time: format.dateTime(restriction.expiresAt, 'time', UTC), date: format.dateTime(restriction.expiresAt, 'date', UTC) })
                : t('indefinitely'),
              hasBy: restriction.byName ? 'yes' : 'no',
              by: restriction.byName ?? '',
              hasReason: restriction.reason ? 'yes' : 'no',
              reason: restriction.reason ?? '',
            })}
          </p>
        )}
        {screen.source !== null && <ViewSource text={screen.source} />}
        <TemplatesUsed templates={screen.templates} />
      </article>
    );
  }
  if (screen.kind === 'bad-section') {
    // A page cannot set its status code: the problem is a clear notice instead of a 500 or an empty editor.
    return (
      <article className="article">
        {tabs}
        <h1 className="article-title">{heading}</h1>
        <p className="notice notice-error" role="alert">
          {t.rich('noSuchSection', { section: screen.requested, link: (chunks) => <a href={`${articlePath}?action=edit`}>{chunks}</a> })}
        </p>
      </article>
    );
  }
  const { undo: undone, deletion } = screen;
  return (
    <article className="article">
      {tabs}
      <h1 className="article-title">{heading}</h1>
      {!screen.exists && !deletion && <p className="notice">{t('newPage')}</p>}
      {deletion && <RecreationWarning notice={deletion} />}
      {undone?.status === 'ready' && (
        <p className="notice" role="status">
          {t('undoReady')}
        </p>
      )}
      {undone?.status === 'failed' && (
        <p className="notice notice-error" role="alert">
          {errorText(undone.text, locale)}
        </p>
      )}
      {undone?.status === 'conflict' && (
        <p className="notice notice-warning" role="alert">
          {errorText(undone.text, locale)}
        </p>
      )}
      <KeepEarlyTyping nonce={screen.nonce} />
      <EditForm
        cancelHref={articlePath}
        action={submitEdit}
        preview={previewMarkdown}
        initial={screen.initial}
        templateSandbox={title.namespace === NS.TEMPLATE && screen.section === null}
      />
      <TemplatesUsed templates={screen.templates} />
    </article>
  );
}
