'use client';

import { useActionState } from 'react';
import type { RevertState } from '@/lib/domain/form-fields';

/** A one-button form for restore or rollback; shows the server's message if it refuses. */
export function RevertButton({
  action,
  fields,
  label,
}: {
  action: (state: RevertState, formData: FormData) => Promise<RevertState>;
  fields: Record<string, string>;
  label: string;
}) {
  const [state, formAction, pending] = useActionState(action, { values: {} });
  return (
    <form action={formAction} className="inline-form">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={pending}>
        {label}
      </button>
      {state.formError && (
        <span role="alert" className="field-error">
          {' '}
          {state.formError}
        </span>
      )}
    </form>
  );
}
