'use client';

import { useTranslations } from 'next-intl';
import type { DeleteFormState, DeleteFormValues } from '@/lib/domain/form-fields';
import { AdminForm, CheckboxField, ReasonField, useAdminForm } from '@/components/AdminFormParts';

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
  const { values, errors, form } = useAdminForm(action, initial);
  return (
    <AdminForm
      form={form}
      className="admin-form delete-form"
      hidden={{ title: values.title, latestRevisionId: values.latestRevisionId }}
      submit={{ label: t('submit'), className: 'button-destructive' }}
    >
      <ReasonField id="delete-reason" value={values.reason} error={errors.reason} />
      {hasTalkPage && <CheckboxField name="deleteTalk" label={t('alsoTalk')} checked={values.deleteTalk === 'on'} />}
    </AdminForm>
  );
}
