'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { DeleteFormState, DeleteFormValues } from '@/lib/domain/form-fields';
import { CheckboxField, FormError, ReasonField } from '@/components/AdminFormParts';

/** action=delete's confirmation form: reason, "Also delete the talk page", the latest revision seen. */
export function DeletePageForm({
  initial,
  hasTalkPage,
  action,
}: {
  initial: DeleteFormValues;
  hasTalkPage: boolean;
  action: (state: DeleteFormState, formData: FormData) => Promise<DeleteFormState>;
}) {
  const t = useTranslations('admin.delete');
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const { values, fieldErrors } = state;
  // key: a returned state remounts the inputs so they show the values handed back.
  return (
    <form action={formAction} className="admin-form delete-form" key={JSON.stringify(values)}>
      <input type="hidden" name="title" value={values.title} />
      <input type="hidden" name="latestRevisionId" value={values.latestRevisionId} />
      <FormError message={state.formError} />
      <ReasonField id="delete-reason" value={values.reason} error={fieldErrors?.reason} />
      {hasTalkPage && <CheckboxField name="deleteTalk" label={t('alsoTalk')} checked={values.deleteTalk === 'on'} />}
      <p>
        <button type="submit" className="button-destructive" disabled={pending}>
          {t('submit')}
        </button>
      </p>
    </form>
  );
}
