'use client';

import { useActionState, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { EditFormState, EditFormValues } from '@/lib/domain/edit-form';
import { DiffTable } from '@/components/DiffTable';
import { PreviewLayoutToggle, PreviewPane } from '@/components/edit/PreviewPane';
import { usePreviewLayout } from '@/components/edit/usePreviewLayout';
import { usePreviewFollow } from '@/components/edit/usePreviewFollow';
import { takeEarlyTyping } from '@/components/early-typing';
import { useEditSession } from '@/components/edit/useEditSession';
import { DraftNotice } from '@/components/edit/DraftNotice';
import { SummaryExtras } from '@/components/edit/SummaryExtras';
import { EditChanges, ShowChangesButton } from '@/components/edit/ShowChanges';
import type { EditorHandle } from '@/components/editor/CodeEditor';
import { CodeEditor } from '@/components/editor/LazyCodeEditor';
import { TemplatesUsed } from '@/components/edit/TemplatesUsed';
import { TemplateSandboxField, TemplateSandboxPreview } from '@/components/edit/TemplateSandbox';

export interface EditFormProps {
  initial: EditFormValues;
  /** Where Cancel goes (the article). */
  cancelHref: string;
  /** The Server Actions (passed in by the page, so the form stays a plain component). */
  action: (state: EditFormState, formData: FormData) => Promise<EditFormState>;
  preview: (content: string, title?: string) => Promise<string>;
  /** Editing a template (the whole page): offer "Preview a page with this template". */
  templateSandbox?: boolean;
}

const LIVE_PREVIEW_DELAY_MS = 400;

/**
 * The edit form. Without JavaScript it posts to the Server Action (preview is a server round
 * trip); with JavaScript the preview also follows typing. Values come back from the server on
 * every error, so the editor never loses text.
 */
export function EditForm({ initial, cancelHref, action, preview, templateSandbox = false }: EditFormProps) {
  const t = useTranslations('edit.form');
  const [state, formAction, pending] = useActionState(action, { values: initial });
  // The fields are uncontrolled, so React does not write over them: each new form state (an error
  // hands back what was typed; a conflict brings the current text) arrives as their default values,
  // which React's reset after a form action puts in the fields. Text typed before the page's scripts
  // ran is restored once (components/early-typing.ts). `content` mirrors the text for the preview.
  const [content, setContent] = useState(state.values.content);
  const [livePreview, setLivePreview] = useState<string | null>(null);
  const [liveEnabled, setLiveEnabled] = useState(false);
  const contentField = useRef<HTMLTextAreaElement>(null);
  const shownState = useRef<EditFormState | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const editor = useRef<EditorHandle>(null);
  // Preview below or beside the text (components/edit/usePreviewLayout.ts); beside means live.
  const layout = usePreviewLayout();
  const live = liveEnabled || layout.layout === 'beside';
  const previewPane = useRef<HTMLElement>(null);
  // Drafts, leaving-page protection and the loaded text (components/edit/useEditSession.ts).
  const session = useEditSession({
    form: formRef,
    state,
    content,
    replaceText: (text) => {
      if (editor.current) return editor.current.replaceText(text);
      if (contentField.current) contentField.current.value = text;
      setContent(text);
    },
  });

  useLayoutEffect(() => {
    const first = shownState.current === null;
    shownState.current = state;
    const field = contentField.current;
    if (!first || !field) return setContent(state.values.content);
    const typedEarly = takeEarlyTyping(field.id);
    if (typedEarly !== undefined) field.value = typedEarly;
    setContent(field.value);
  }, [state]);

  useEffect(() => {
    if (!live) return;
    const timer = setTimeout(() => {
      // The page's title: templates expand as on that page ({{PAGENAME}}).
      preview(content, state.values.title).then(setLivePreview, () => setLivePreview(null));
    }, LIVE_PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [content, live, preview, state.values.title]);

  const previewHtml = live && livePreview !== null ? livePreview : state.previewHtml;
  usePreviewFollow({ enabled: layout.beside, text: content, html: previewHtml, pane: previewPane, cursor: () => editor.current?.cursor() ?? null });
  const errors = state.fieldErrors ?? {};

  return (
    <form ref={formRef} action={formAction} className={layout.beside ? 'edit-form edit-form-beside' : 'edit-form'} noValidate>
      <DraftNotice session={session} formBaseRevisionId={state.values.baseRevisionId} />
      {state.formError && (
        <div role="alert" className={`notice ${state.conflict ? 'notice-warning' : 'notice-error'}`}>
          {state.formError}
        </div>
      )}
      <input type="hidden" name="title" value={state.values.title} />
      <input type="hidden" name="baseRevisionId" value={session.baseRevisionId} />
      <input type="hidden" name="section" value={state.values.section ?? ''} />
      {state.values.undo !== undefined && (
        <>
          <input type="hidden" name="undo" value={state.values.undo} />
          <input type="hidden" name="undoAfter" value={state.values.undoAfter ?? ''} />
        </>
      )}
      {errors.title && <p className="field-error">{errors.title}</p>}

      <div className={layout.beside ? 'edit-panes edit-panes-beside' : 'edit-panes'}>
        <div className="edit-text">
          <label htmlFor="wpTextbox1">{t('content')}</label>
          <textarea
            id="wpTextbox1"
            ref={contentField}
            name="content"
            rows={22}
            defaultValue={state.values.content}
            onChange={(event) => setContent(event.target.value)}
            aria-invalid={errors.content ? true : undefined}
            aria-describedby={errors.content ? 'content-error' : undefined}
            spellCheck
          />
          <CodeEditor field={contentField} formState={state} onText={setContent} title={state.values.title} handle={editor} />
          {errors.content && (
            <p id="content-error" className="field-error">
              {errors.content}
            </p>
          )}
        </div>
        {layout.beside && <PreviewPane html={previewHtml ?? ''} beside paneRef={previewPane} />}
      </div>

      {state.conflict && (
        <section className="conflict" aria-labelledby="conflict-heading">
          <h2 id="conflict-heading">{t('conflict.yourText')}</h2>
          <label htmlFor="wpTextbox2">{t('conflict.yourVersion')}</label>
          <textarea id="wpTextbox2" readOnly rows={12} value={state.conflict.yourText} />
          <h2>{t('conflict.diffHeading')}</h2>
          <DiffTable lines={state.conflict.diff} oldLabel={t('conflict.currentVersion')} newLabel={t('conflict.yourText')} />
        </section>
      )}

      <label htmlFor="wpSummary">{t('summary')}</label>
      <input id="wpSummary" name="summary" type="text" maxLength={500} defaultValue={state.values.summary} aria-invalid={errors.summary ? true : undefined} />
      {errors.summary && <p className="field-error">{errors.summary}</p>}
      <SummaryExtras text={content} loadedText={session.loadedText} reminder={state.summaryReminder} />

      <div className="edit-options">
        <input id="wpMinoredit" name="minor" type="checkbox" defaultChecked={state.values.minor} />
        <label htmlFor="wpMinoredit">{t('minor')}</label>
        <input id="wpLivePreview" type="checkbox" checked={live} disabled={layout.layout === 'beside'} onChange={(event) => setLiveEnabled(event.target.checked)} />
        <label htmlFor="wpLivePreview">{t('livePreview')}</label>
        <PreviewLayoutToggle choice={layout} />
      </div>

      <div className="edit-buttons">
        <button type="submit" name="intent" value="save" disabled={pending} className="button-primary" accessKey="s">
          {t('save')}
        </button>
        <button type="submit" name="intent" value="preview" disabled={pending} accessKey="p">
          {t('showPreview')}
        </button>
        <ShowChangesButton disabled={pending} />
        <a href={cancelHref}>{t('cancel')}</a>
      </div>

      {templateSandbox && <TemplateSandboxField sandbox={state.sandbox} error={errors.templateSandboxPage} disabled={pending} />}

      <EditChanges diff={state.changes} />
      {!layout.beside && previewHtml !== undefined && <PreviewPane html={previewHtml} />}
      {state.previewTemplates && <TemplatesUsed templates={state.previewTemplates} preview />}
      <TemplateSandboxPreview sandbox={state.sandbox} />
    </form>
  );
}
