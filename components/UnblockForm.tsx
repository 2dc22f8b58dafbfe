'use client';

import { useTranslations } from 'next-intl';
import type { UnblockFormState, UnblockFormValues } from '@/lib/domain/form-fields';
import { AdminForm, ReasonField, TargetUserField, useAdminForm } from '@/components/AdminFormParts';

/** Special:Unblock's form: user and reason. */
export function UnblockForm({ initial, action }: { initial: UnblockFormValues; action: (state: UnblockFormState, formData: FormData) => Promise<UnblockFormState> }) {
  const t = useTranslations('admin.unblock');
  const { values, errors, form } = useAdminForm(action, initial);
  return (
    <AdminForm form={form} className="admin-form" noValidate submit={{ label: t('submit'), className: 'button-primary' }}>
      <TargetUserField id="unblock-target" label={t('user')} value={values.target} error={errors.target} />
      <ReasonField id="unblock-reason" value={values.reason} error={errors.reason} />
    </AdminForm>
  );
}
