'use client';

import { useActionState } from 'react';
import type { RevisionDeleteFormState, RevisionDeleteFormValues } from '@/app/actions/revision-delete';
import { FieldError, FormError, ReasonField } from '@/components/AdminFormParts';

const BOXES = [
  { name: 'hideText', label: 'Hide revision text' },
  { name: 'hideSummary', label: 'Hide edit summary' },
  { name: 'hideAuthor', label: "Hide editor's username" },
] as const;

/** Special:RevisionDelete's form: one box per part (ticked = hidden from non-administrators) and a reason. */
export function RevisionDeleteForm({
  initial,
  isCurrent,
  action,
}: {
  initial: RevisionDeleteFormValues;
  /** The page's current revision: its text cannot be hidden. */
  isCurrent: boolean;
  action: (state: RevisionDeleteFormState, formData: FormData) => Promise<RevisionDeleteFormState>;
}) {
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const { values, fieldErrors } = state;
  return (
    <form action={formAction} className="admin-form revision-delete-form" key={JSON.stringify(values)}>
      {(['target', 'revisionId', 'seenHidden', 'latestRevisionId'] as const).map((name) => (
        <input key={name} type="hidden" name={name} value={values[name]} />
      ))}
      <FormError message={state.formError} />
      <fieldset>
        <legend>Visibility for users who are not administrators</legend>
        {BOXES.map((box) => (
          <p key={box.name}>
            <label>
              <input
                type="checkbox"
                name={box.name}
                defaultChecked={values[box.name] === 'on'}
                disabled={box.name === 'hideText' && isCurrent && values.hideText !== 'on'}
                aria-describedby={fieldErrors?.[box.name] ? `${box.name}-error` : undefined}
              />{' '}
              {box.label}
            </label>
            {box.name === 'hideText' && isCurrent && <span className="field-hint"> (the current revision’s text cannot be hidden: edit the page first)</span>}
            <FieldError id={`${box.name}-error`} message={fieldErrors?.[box.name]} />
          </p>
        ))}
      </fieldset>
      <ReasonField id="revdel-reason" value={values.reason} error={fieldErrors?.reason} />
      <p>
        <button type="submit" disabled={pending}>
          Apply to the selected revision
        </button>
      </p>
    </form>
  );
}
