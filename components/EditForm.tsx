'use client';

import { useActionState, useEffect, useState } from 'react';
import type { EditFormState, EditFormValues } from '@/lib/domain/edit-form';
import { DiffTable } from '@/components/DiffTable';

export interface EditFormProps {
  initial: EditFormValues;
  /** Where Cancel goes (the article). */
  cancelHref: string;
  /** The Server Actions (passed in by the page, so the form stays a plain component). */
  action: (state: EditFormState, formData: FormData) => Promise<EditFormState>;
  preview: (content: string) => Promise<string>;
}

const LIVE_PREVIEW_DELAY_MS = 400;

/**
 * The edit form. Without JavaScript it posts to the Server Action (preview is a server round
 * trip); with JavaScript the preview also follows typing. Values come back from the server on
 * every error, so the editor never loses text.
 */
export function EditForm({ initial, cancelHref, action, preview }: EditFormProps) {
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const [content, setContent] = useState(state.values.content);
  const [summary, setSummary] = useState(state.values.summary);
  const [minor, setMinor] = useState(state.values.minor);
  const [livePreview, setLivePreview] = useState<string | null>(null);
  const [liveEnabled, setLiveEnabled] = useState(false);

  // A conflict replaces the text with the current version; other states hand back what was typed.
  useEffect(() => {
    setContent(state.values.content);
    setSummary(state.values.summary);
    setMinor(state.values.minor);
  }, [state]);

  useEffect(() => {
    if (!liveEnabled) return;
    const timer = setTimeout(() => {
      preview(content).then(setLivePreview, () => setLivePreview(null));
    }, LIVE_PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [content, liveEnabled, preview]);

  const previewHtml = liveEnabled && livePreview !== null ? livePreview : state.previewHtml;
  const errors = state.fieldErrors ?? {};

  return (
    <form action={formAction} className="edit-form" noValidate>
      {state.formError && (
        <div role="alert" className={`notice ${state.conflict ? 'notice-warning' : 'notice-error'}`}>
          {state.formError}
        </div>
      )}
      <input type="hidden" name="title" value={state.values.title} />
      <input type="hidden" name="baseRevisionId" value={state.values.baseRevisionId} />
      {errors.title && <p className="field-error">{errors.title}</p>}

      <label htmlFor="wpTextbox1">Content</label>
      <textarea
        id="wpTextbox1"
        name="content"
        rows={22}
        value={content}
        onChange={(event) => setContent(event.target.value)}
        aria-invalid={errors.content ? true : undefined}
        aria-describedby={errors.content ? 'content-error' : undefined}
        spellCheck
      />
      {errors.content && (
        <p id="content-error" className="field-error">
          {errors.content}
        </p>
      )}

      {state.conflict && (
        <section className="conflict" aria-labelledby="conflict-heading">
          <h2 id="conflict-heading">Your text</h2>
          <label htmlFor="wpTextbox2">Your version (not saved)</label>
          <textarea id="wpTextbox2" readOnly rows={12} value={state.conflict.yourText} />
          <h2>Differences between the current version and yours</h2>
          <DiffTable lines={state.conflict.diff} oldLabel="Current version" newLabel="Your text" />
        </section>
      )}

      <label htmlFor="wpSummary">Summary</label>
      <input
        id="wpSummary"
        name="summary"
        type="text"
        maxLength={500}
        value={summary}
        onChange={(event) => setSummary(event.target.value)}
        aria-invalid={errors.summary ? true : undefined}
      />
      {errors.summary && <p className="field-error">{errors.summary}</p>}

      <div className="edit-options">
        <input id="wpMinoredit" name="minor" type="checkbox" checked={minor} onChange={(event) => setMinor(event.target.checked)} />
        <label htmlFor="wpMinoredit">This is a minor edit</label>
        <input id="wpLivePreview" type="checkbox" checked={liveEnabled} onChange={(event) => setLiveEnabled(event.target.checked)} />
        <label htmlFor="wpLivePreview">Live preview</label>
      </div>

      <div className="edit-buttons">
        <button type="submit" name="intent" value="save" disabled={pending} className="button-primary">
          Save page
        </button>
        <button type="submit" name="intent" value="preview" disabled={pending}>
          Show preview
        </button>
        <a href={cancelHref}>Cancel</a>
      </div>

      {previewHtml !== undefined && (
        <section className="preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          <p className="preview-note">Remember that this is only a preview; your changes have not been saved yet.</p>
          <div className="article-body" dangerouslySetInnerHTML={{ __html: previewHtml }} />
        </section>
      )}
    </form>
  );
}
