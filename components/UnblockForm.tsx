'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { UnblockFormState, UnblockFormValues } from '@/lib/domain/form-fields';
import { FormError, LabelledField, ReasonField } from '@/components/AdminFormParts';

/** Special:Unblock's form: user and reason. */
export function UnblockForm({ initial, action }: { initial: UnblockFormValues; action: (state: UnblockFormState, formData: FormData) => Promise<UnblockFormState> }) {
  const t = useTranslations('admin.unblock');
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const { values } = state;
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="admin-form" key={JSON.stringify(values)} noValidate>
      <FormError message={state.formError} />
      <LabelledField id="unblock-target" label={t('user')} error={errors.target}>
        {(aria) => <input id="unblock-target" name="target" type="text" defaultValue={values.target} required {...aria} />}
      </LabelledField>
      <ReasonField id="unblock-reason" value={values.reason} error={errors.reason} />
      <p>
        <button type="submit" className="button-primary" disabled={pending}>
          {t('submit')}
        </button>
      </p>
    </form>
  );
}
