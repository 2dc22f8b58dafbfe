'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { FileRevertState, FileRevertValues } from '@/lib/domain/files/revert-input';
import type { FormAction } from '@/lib/domain/form-state';

/** MediaWiki's file revert confirmation: the reason (prefilled), Revert and Cancel. */
export function FileRevertForm({ action, initial, cancelHref }: { action: FormAction<FileRevertState>; initial: FileRevertValues; cancelHref: string }) {
  const t = useTranslations('files.revert');
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="file-revert-form">
      {state.formError && (
        <div role="alert" className="notice notice-error">
          {state.formError}
        </div>
      )}
      <input type="hidden" name="title" value={state.values.title} />
      <input type="hidden" name="versionId" value={state.values.versionId} />
      <input type="hidden" name="expect" value={state.values.expect} />
      <label htmlFor="wpComment">{t('comment')}</label>
      <input
        id="wpComment"
        name="comment"
        type="text"
        maxLength={500}
        defaultValue={state.values.comment}
        aria-invalid={errors.comment ? true : undefined}
        aria-describedby={errors.comment ? 'wpComment-error' : undefined}
      />
      {errors.comment && (
        <p id="wpComment-error" className="field-error">
          {errors.comment}
        </p>
      )}
      <div className="edit-buttons">
        <button type="submit" className="button-primary" disabled={pending}>
          {t('submit')}
        </button>
        <a href={cancelHref}>{t('cancel')}</a>
      </div>
    </form>
  );
}
