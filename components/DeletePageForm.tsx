'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { DeleteFormState, DeleteFormValues } from '@/lib/domain/form-fields';
import { AdminForm, CheckboxField, ReasonField } from '@/components/AdminFormParts';

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
    <AdminForm
      action={formAction}
      className="admin-form delete-form"
      key={JSON.stringify(values)}
      hidden={{ title: values.title, latestRevisionId: values.latestRevisionId }}
      error={state.formError}
      submit={{ label: t('submit'), pending, className: 'button-destructive' }}
    >
      <ReasonField id="delete-reason" value={values.reason} error={fieldErrors?.reason} />
      {hasTalkPage && <CheckboxField name="deleteTalk" label={t('alsoTalk')} checked={values.deleteTalk === 'on'} />}
    </AdminForm>
  );
}
