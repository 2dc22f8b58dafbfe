'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { RevisionDeleteFormState, RevisionDeleteFormValues } from '@/lib/domain/form-fields';
import { FieldError, FormError, ReasonField } from '@/components/AdminFormParts';

/** The boxes' input names, which are also their labels' message keys. */
const BOXES = ['hideText', 'hideSummary', 'hideAuthor'] as const;

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
  const t = useTranslations('admin.revisionDelete');
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const { values, fieldErrors } = state;
  return (
    <form action={formAction} className="admin-form revision-delete-form" key={JSON.stringify(values)}>
      {(['target', 'revisionId', 'seenHidden', 'latestRevisionId'] as const).map((name) => (
        <input key={name} type="hidden" name={name} value={values[name]} />
      ))}
      <FormError message={state.formError} />
      <fieldset>
        <legend>{t('legend')}</legend>
        {BOXES.map((box) => (
          <p key={box}>
            <label>
              <input
                type="checkbox"
                name={box}
                defaultChecked={values[box] === 'on'}
                disabled={box === 'hideText' && isCurrent && values.hideText !== 'on'}
                aria-describedby={fieldErrors?.[box] ? `${box}-error` : undefined}
              />{' '}
              {t(box)}
            </label>
            {box === 'hideText' && isCurrent && <span className="field-hint"> ({t('currentTextHint')})</span>}
            <FieldError id={`${box}-error`} message={fieldErrors?.[box]} />
          </p>
        ))}
      </fieldset>
      <ReasonField id="revdel-reason" value={values.reason} error={fieldErrors?.reason} />
      <p>
        <button type="submit" disabled={pending}>
          {t('submit')}
        </button>
      </p>
    </form>
  );
}
