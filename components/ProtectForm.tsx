'use client';

import { useActionState } from 'react';
import { EXPIRY_CHOICES, MAX_REASON_CHARS } from '@/lib/domain/admin-input';
import { describeExpiry, LEVEL_CHOICES, LEVEL_LABELS, OTHER_EXPIRY, type ProtectFormState, type ProtectFormValues } from '@/lib/domain/protection';

export interface ProtectFormProps {
  initial: ProtectFormValues;
  /** The current expiry per action (ISO), offered as "existing expiry" in the select. */
  existingExpiry: { edit: string | null; move: string | null };
  action: (state: ProtectFormState, formData: FormData) => Promise<ProtectFormState>;
}

/** MediaWiki's action=protect form: a level and an expiry for editing and for moving, and a reason. */
export function ProtectForm({ initial, existingExpiry, action }: ProtectFormProps) {
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const { values } = state;
  const errors = state.fieldErrors ?? {};
  // key: a returned state remounts the inputs so they show the values handed back.
  return (
    <form action={formAction} className="protect-form" key={JSON.stringify(values)} noValidate>
      <input type="hidden" name="title" value={values.title} />
      <input type="hidden" name="baseToken" value={values.baseToken} />
      {state.formError && (
        <div className="notice notice-error" role="alert">
          <p>{state.formError}</p>
          {state.currentSettings && (
            <ul aria-label="Current protection settings">
              {state.currentSettings.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {errors.title && <p className="field-error">{errors.title}</p>}
      <ActionFieldset action="edit" legend="Edit" values={values} errors={errors} existing={existingExpiry.edit} />
      <ActionFieldset action="move" legend="Move" values={values} errors={errors} existing={existingExpiry.move} />
      <p>
        <label htmlFor="protect-reason">Reason</label>
        <input
          id="protect-reason"
          name="reason"
          type="text"
          maxLength={MAX_REASON_CHARS}
          defaultValue={values.reason}
          required
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? 'protect-reason-error' : undefined}
        />
        {errors.reason && (
          <span id="protect-reason-error" className="field-error">
            {errors.reason}
          </span>
        )}
      </p>
      <p>
        <button type="submit" disabled={pending}>
          Confirm
        </button>
      </p>
    </form>
  );
}

function ActionFieldset({
  action,
  legend,
  values,
  errors,
  existing,
}: {
  action: 'edit' | 'move';
  legend: string;
  values: ProtectFormValues;
  errors: Record<string, string>;
  existing: string | null;
}) {
  const level = action === 'edit' ? values.editLevel : values.moveLevel;
  const expiry = action === 'edit' ? values.editExpiry : values.moveExpiry;
  const other = action === 'edit' ? values.editExpiryOther : values.moveExpiryOther;
  const error = errors[`${action}Expiry`] ?? errors[`${action}ExpiryOther`];
  const levelError = errors[`${action}Level`];
  const errorId = `protect-${action}-expiry-error`;
  return (
    <fieldset className="protect-action">
      <legend>{legend}</legend>
      <p>
        <label htmlFor={`protect-${action}-level`}>{legend} protection</label>
        <select id={`protect-${action}-level`} name={`${action}Level`} defaultValue={level} aria-invalid={levelError ? true : undefined}>
          {LEVEL_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {LEVEL_LABELS[choice]}
            </option>
          ))}
        </select>
        {levelError && <span className="field-error">{levelError}</span>}
      </p>
      <p>
        <label htmlFor={`protect-${action}-expiry`}>{legend} expiry</label>
        <select
          id={`protect-${action}-expiry`}
          name={`${action}Expiry`}
          defaultValue={expiry}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        >
          {existing && <option value={existing}>existing expiry: {describeExpiry(new Date(existing)).replace(/^until /u, '')}</option>}
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
          <option value={OTHER_EXPIRY}>other time (type it below)</option>
        </select>{' '}
        <label htmlFor={`protect-${action}-expiry-other`}>Other {action} expiry</label>
        <input
          id={`protect-${action}-expiry-other`}
          name={`${action}ExpiryOther`}
          type="text"
          placeholder="e.g. 2 weeks or 2027-01-31"
          maxLength={100}
          defaultValue={other}
          aria-describedby={error ? errorId : undefined}
        />
        {error && (
          <span id={errorId} className="field-error">
            {error}
          </span>
        )}
      </p>
    </fieldset>
  );
}
