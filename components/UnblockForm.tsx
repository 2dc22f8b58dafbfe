'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { UnblockFormState, UnblockFormValues } from '@/lib/domain/form-fields';
import { FieldError, FormError, ReasonField } from '@/components/AdminFormParts';

/** Special:Unblock's form: user and reason. */
export function UnblockForm({
  initial,
  action,
}: {
  initial: UnblockFormValues;
  action: (state: UnblockFormState, formData: FormData) => Promise<UnblockFormState>;
}) {
  const t = useTranslations('admin.unblock');
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const { values } = state;
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="admin-form" key={JSON.stringify(values)} noValidate>
      <FormError message={state.formError} />
      <p>
        <label htmlFor="unblock-target">{t('user')}</label>
        <input
          id="unblock-target"
          name="target"
          type="text"
          defaultValue={values.target}
          required
          aria-invalid={errors.target ? true : undefined}
          aria-describedby={errors.target ? 'unblock-target-error' : undefined}
        />
        <FieldError id="unblock-target-error" message={errors.target} />
      </p>
      <ReasonField id="unblock-reason" value={values.reason} error={errors.reason} />
      <p>
        <button type="submit" className="button-primary" disabled={pending}>
          {t('submit')}
        </button>
      </p>
    </form>
  );
}
