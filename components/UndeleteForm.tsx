'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { UndeleteFormState, UndeleteFormValues } from '@/lib/domain/form-fields';
import { FormError, ReasonField } from '@/components/AdminFormParts';

/** Special:Undelete's form: a reason and the restore button; the newest deleted revision seen is carried. */
export function UndeleteForm({ initial, action }: { initial: UndeleteFormValues; action: (state: UndeleteFormState, formData: FormData) => Promise<UndeleteFormState> }) {
  const t = useTranslations('admin.undelete');
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const { values, fieldErrors } = state;
  return (
    <form action={formAction} className="admin-form undelete-form" key={JSON.stringify(values)}>
      <input type="hidden" name="title" value={values.title} />
      <input type="hidden" name="newestArchivedId" value={values.newestArchivedId} />
      <FormError message={state.formError} />
      <ReasonField id="undelete-reason" value={values.reason} error={fieldErrors?.reason} />
      <p>
        <button type="submit" disabled={pending}>
          {t('submit')}
        </button>
      </p>
    </form>
  );
}
