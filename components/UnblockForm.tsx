'use client';

import { useActionState } from 'react';
import type { UnblockFormState, UnblockFormValues } from '@/app/actions/block';
import { FieldError, FormError, ReasonField } from '@/components/AdminFormParts';

/** Special:Unblock's form: user and reason. */
export function UnblockForm({
  initial,
  action,
}: {
  initial: UnblockFormValues;
  action: (state: UnblockFormState, formData: FormData) => Promise<UnblockFormState>;
}) {
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const { values } = state;
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="admin-form" key={JSON.stringify(values)} noValidate>
      <FormError message={state.formError} />
      <p>
        <label htmlFor="unblock-target">User</label>
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
          Unblock
        </button>
      </p>
    </form>
  );
}
