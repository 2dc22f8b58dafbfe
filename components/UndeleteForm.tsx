'use client';

import { useTranslations } from 'next-intl';
import type { UndeleteFormState, UndeleteFormValues } from '@/lib/domain/form-fields';
import { AdminForm, ReasonField, useAdminForm } from '@/components/AdminFormParts';

/** Special:Undelete's form: a reason and the restore button; the newest deleted revision seen is carried. */
export function UndeleteForm({ initial, action }: { initial: UndeleteFormValues; action: (state: UndeleteFormState, formData: FormData) => Promise<UndeleteFormState> }) {
  const t = useTranslations('admin.undelete');
  const { values, errors, form } = useAdminForm(action, initial);
  return (
    <AdminForm form={form} className="admin-form undelete-form" hidden={{ title: values.title, newestArchivedId: values.newestArchivedId }} submit={{ label: t('submit') }}>
      <ReasonField id="undelete-reason" value={values.reason} error={errors.reason} />
    </AdminForm>
  );
}
