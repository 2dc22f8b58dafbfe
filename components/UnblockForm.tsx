'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { UnblockFormState, UnblockFormValues } from '@/lib/domain/form-fields';
import { AdminForm, ReasonField, TargetUserField } from '@/components/AdminFormParts';

/** Special:Unblock's form: user and reason. */
export function UnblockForm({ initial, action }: { initial: UnblockFormValues; action: (state: UnblockFormState, formData: FormData) => Promise<UnblockFormState> }) {
  const t = useTranslations('admin.unblock');
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const { values } = state;
  const errors = state.fieldErrors ?? {};
  return (
    <AdminForm
      action={formAction}
      className="admin-form"
      key={JSON.stringify(values)}
      noValidate
      error={state.formError}
      submit={{ label: t('submit'), pending, className: 'button-primary' }}
    >
      <TargetUserField id="unblock-target" label={t('user')} value={values.target} error={errors.target} />
      <ReasonField id="unblock-reason" value={values.reason} error={errors.reason} />
    </AdminForm>
  );
}
