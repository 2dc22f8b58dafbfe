import { PermissionNotice } from '@/components/PermissionNotice';
import { PageTabs } from '@/components/PageTabs';
import { EditForm } from '@/components/EditForm';
import { previewMarkdown, submitEdit } from '@/app/actions/edit';
import { getEditableSource } from '@/lib/server/pages';
import { prepareUndo, type UndoPreparation } from '@/lib/server/revert';
import { isAppError } from '@/lib/domain/errors';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { can } from '@/lib/domain/policy';
import { describeExpiry, pageAccess, pageContext } from '@/lib/domain/protection';
import { getPageProtection } from '@/lib/server/protection';
import { getDeletionNotice } from '@/lib/server/deletion';
import type { DeletionNotice } from '@/lib/domain/deletion';
import { formatTimestamp } from '@/lib/domain/format';
import { ViewSource } from '@/components/ViewSource';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/** /wiki/<Title>?action=edit: the edit form, or why the reader cannot edit and the read-only source (View source). */
export async function EditView({ title, undo }: { title: ParsedTitle; undo?: { undoId: number; undoAfterId: number | null } }) {
  const [source, actor] = await Promise.all([getEditableSource(title), getActor()]);
  const pageId = source?.pageId ?? null;
  const protection = pageId === null ? {} : await getPageProtection(pageId);
  const decision = can(actor, source ? 'edit' : 'create', pageContext(pageId, protection), policySettings());
  const access = pageAccess(actor, pageId, protection, policySettings());
  const heading = source ? `Editing ${title.prefixedText}` : `Creating ${title.prefixedText}`;
  const articlePath = titleToUrlPath(title);

  if (!decision.allowed) {
    const restriction = protection.edit;
    return (
      <article className="article">
        {source && <PageTabs path={articlePath} current="edit" access={access} />}
        <h1 className="article-title">{source ? `View source for ${title.prefixedText}` : heading}</h1>
        <PermissionNotice decision={decision} returnTo={`${articlePath}?action=edit`} />
        {decision.reason === 'protected' && restriction && (
          <p className="notice protection-details">
            The protection applies {describeExpiry(restriction.expiresAt)}
            {restriction.byName && <> and was set by {restriction.byName}</>}
            {restriction.reason && <>. Reason: {restriction.reason}</>}.
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
      undoError = error.message;
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
      <PageTabs path={articlePath} current="edit" access={access} />
      <h1 className="article-title">{heading}</h1>
      {!source && !deletion && <p className="notice">This page does not exist yet. Write its first version below.</p>}
      {deletion && <RecreationWarning notice={deletion} />}
      {prepared?.clean && (
        <p className="notice" role="status">
          The edit can be undone. Please check the text below and save to finish undoing it.
        </p>
      )}
      {undoError && (
        <p className="notice notice-error" role="alert">
          {undoError}
        </p>
      )}
      {prepared && !prepared.clean && (
        <p className="notice notice-warning" role="alert">
          {prepared.message}
        </p>
      )}
      <EditForm
        cancelHref={articlePath}
        action={submitEdit}
        preview={previewMarkdown}
        initial={initial}
      />
    </article>
  );
}

function RecreationWarning({ notice }: { notice: DeletionNotice }) {
  const last = notice.lastDeletion;
  const when = last ? formatTimestamp(last.at) : null;
  return (
    <p className="notice notice-warning" role="alert">
      Warning: you are recreating a page that was deleted
      {last && when && (
        <>
          {' '}
          by {last.by ?? 'a maintenance script'} at {when.time} (UTC) on {when.date}
          {last.reason && <> (reason: {last.reason})</>}
        </>
      )}
      . Please check that writing it again is appropriate.
    </p>
  );
}
