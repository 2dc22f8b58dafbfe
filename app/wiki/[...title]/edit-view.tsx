import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { errorText } from '@/lib/i18n/error-text';
import { PermissionNotice } from '@/components/PermissionNotice';
import { PageTabs } from '@/components/PageTabs';
import { EditForm } from '@/components/EditForm';
import { KeepEarlyTyping } from '@/components/KeepEarlyTyping';
import { previewMarkdown, submitEdit } from '@/app/actions/edit';
import { discussionTabsFor, getEditableSource } from '@/lib/server/pages';
import { prepareUndo, type UndoPreparation } from '@/lib/server/revert';
import { isAppError } from '@/lib/domain/errors';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { can } from '@/lib/domain/policy';
import { pageAccess, pageContext } from '@/lib/domain/protection';
import { getPageProtection } from '@/lib/server/protection';
import { getDeletionNotice } from '@/lib/server/deletion';
import type { DeletionNotice } from '@/lib/domain/deletion';
import { ViewSource } from '@/components/ViewSource';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/** /wiki/<Title>?action=edit: the edit form, or why the reader cannot edit and the read-only source (View source). */
export async function EditView({ title, undo }: { title: ParsedTitle; undo?: { undoId: number; undoAfterId: number | null } }) {
  const [source, actor, t, format, discussion] = await Promise.all([
    getEditableSource(title),
    getActor(),
    getTranslations('edit.view'),
    getFormatter(),
    discussionTabsFor(title),
  ]);
  const pageId = source?.pageId ?? null;
  const protection = pageId === null ? {} : await getPageProtection(pageId);
  const decision = can(actor, source ? 'edit' : 'create', pageContext(pageId, protection), policySettings());
  const access = pageAccess(actor, pageId, protection, policySettings());
  const heading = t(source ? 'editing' : 'creating', { title: title.prefixedText });
  const articlePath = titleToUrlPath(title);

  if (!decision.allowed) {
    const restriction = protection.edit;
    return (
      <article className="article">
        <PageTabs path={articlePath} current="edit" access={access} discussion={discussion ?? undefined} exists={source !== null} />
        <h1 className="article-title">{source ? t('viewSourceFor', { title: title.prefixedText }) : heading}</h1>
        <PermissionNotice decision={decision} returnTo={`${articlePath}?action=edit`} />
        {decision.reason === 'protected' && restriction && (
          <p className="notice protection-details">
            {t('protection', {
              expiry: restriction.expiresAt
                ? t('until', { time: format.dateTime(restriction.expiresAt, 'time'), date: format.dateTime(restriction.expiresAt, 'date') })
                : t('indefinitely'),
              hasBy: restriction.byName ? 'yes' : 'no',
              by: restriction.byName ?? '',
              hasReason: restriction.reason ? 'yes' : 'no',
              reason: restriction.reason ?? '',
            })}
          </p>
        )}
        {source && <ViewSource text={source.text} />}
      </article>
    );
  }
  let prepared: UndoPreparation | null = null;
  let undoError: string | null = null;
  if (undo && source) {
    try {
      prepared = await prepareUndo(title, undo.undoId, undo.undoAfterId, actor);
    } catch (error) {
      if (!isAppError(error)) throw error;
      undoError = errorText(error.text, await getLocale());
    }
  }
  // MediaWiki warns before a deleted page is written again, with the deletion's who, when and why.
  const deletion = source ? null : await getDeletionNotice(title, actor);
  const initial = {
    title: title.prefixedText,
    content: prepared ? (prepared.clean ? prepared.text : prepared.currentText) : (source?.text ?? ''),
    summary: prepared?.clean ? prepared.summary : '',
    minor: false,
    baseRevisionId: prepared ? String(prepared.baseRevisionId) : source ? String(source.revisionId) : '',
  };
  return (
    <article className="article">
      <PageTabs path={articlePath} current="edit" access={access} discussion={discussion ?? undefined} exists={source !== null} />
      <h1 className="article-title">{heading}</h1>
      {!source && !deletion && <p className="notice">{t('newPage')}</p>}
      {deletion && <RecreationWarning notice={deletion} />}
      {prepared?.clean && (
        <p className="notice" role="status">
          {t('undoReady')}
        </p>
      )}
      {undoError && (
        <p className="notice notice-error" role="alert">
          {undoError}
        </p>
      )}
      {prepared && !prepared.clean && (
        <p className="notice notice-warning" role="alert">
          {errorText(prepared.text, await getLocale())}
        </p>
      )}
      <KeepEarlyTyping />
      <EditForm
        cancelHref={articlePath}
        action={submitEdit}
        preview={previewMarkdown}
        initial={initial}
      />
    </article>
  );
}

async function RecreationWarning({ notice }: { notice: DeletionNotice }) {
  const [t, format] = await Promise.all([getTranslations('edit.view'), getFormatter()]);
  const last = notice.lastDeletion;
  return (
    <p className="notice notice-warning" role="alert">
      {t('recreating', {
        hasLast: last ? 'yes' : 'no',
        by: last ? (last.by ?? t('maintenanceScript')) : '',
        time: last ? format.dateTime(last.at, 'time') : '',
        date: last ? format.dateTime(last.at, 'date') : '',
        hasReason: last?.reason ? 'yes' : 'no',
        reason: last?.reason ?? '',
      })}
    </p>
  );
}
