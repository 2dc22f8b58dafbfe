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
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/** /wiki/<Title>?action=edit: the edit form, or why the reader cannot edit. */
export async function EditView({ title, undo }: { title: ParsedTitle; undo?: { undoId: number; undoAfterId: number | null } }) {
  const [source, actor] = await Promise.all([getEditableSource(title), getActor()]);
  const decision = can(actor, source ? 'edit' : 'create', { id: source?.pageId ?? null }, policySettings());
  const heading = source ? `Editing ${title.prefixedText}` : `Creating ${title.prefixedText}`;
  const articlePath = titleToUrlPath(title);

  if (!decision.allowed) {
    const returnTo = `${articlePath}?action=edit`;
    return (
      <article className="article">
        <h1 className="article-title">{heading}</h1>
        <PermissionNotice decision={decision} returnTo={returnTo} />
      </article>
    );
  }
  let prepared: UndoPreparation | null = null;
  let undoError: string | null = null;
  if (undo && source) {
    try {
      prepared = await prepareUndo(title, undo.undoId, undo.undoAfterId);
    } catch (error) {
      if (!isAppError(error)) throw error;
      undoError = error.message;
    }
  }
  const initial = {
    title: title.prefixedText,
    content: prepared ? (prepared.clean ? prepared.text : prepared.currentText) : (source?.text ?? ''),
    summary: prepared?.clean ? prepared.summary : '',
    minor: false,
    baseRevisionId: prepared ? String(prepared.baseRevisionId) : source ? String(source.revisionId) : '',
  };
  return (
    <article className="article">
      <PageTabs path={articlePath} current="edit" />
      <h1 className="article-title">{heading}</h1>
      {!source && <p className="notice">This page does not exist yet. Write its first version below.</p>}
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
