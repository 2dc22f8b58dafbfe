'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { UndeleteFormState, UndeleteFormValues } from '@/lib/domain/form-fields';
import { AdminForm, ReasonField } from '@/components/AdminFormParts';

/** Special:Undelete's form: a reason and the restore button; the newest deleted revision seen is carried. */
export function UndeleteForm({ initial, action }: { initial: UndeleteFormValues; action: (state: UndeleteFormState, formData: FormData) => Promise<UndeleteFormState> }) {
  const t = useTranslations('admin.undelete');
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const { values, fieldErrors } = state;
  return (
    <AdminForm
      action={formAction}
      className="admin-form undelete-form"
      key={JSON.stringify(values)}
      hidden={{ title: values.title, newestArchivedId: values.newestArchivedId }}
      error={state.formError}
      submit={{ label: t('submit'), pending }}
    >
      <ReasonField id="undelete-reason" value={values.reason} error={fieldErrors?.reason} />
    </AdminForm>
  );
}
