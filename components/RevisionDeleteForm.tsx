'use client';

import { useTranslations } from 'next-intl';
import type { RevisionDeleteFormState, RevisionDeleteFormValues } from '@/lib/domain/form-fields';
import { AdminForm, CheckboxField, ReasonField, useAdminForm } from '@/components/AdminFormParts';

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
  const { values, errors, form } = useAdminForm(action, initial);
  return (
    <AdminForm
      form={form}
      className="admin-form revision-delete-form"
      hidden={{ target: values.target, revisionId: values.revisionId, seenHidden: values.seenHidden, latestRevisionId: values.latestRevisionId }}
      submit={{ label: t('submit') }}
    >
      <fieldset>
        <legend>{t('legend')}</legend>
        {BOXES.map((box) => (
          <CheckboxField
            key={box}
            name={box}
            label={t(box)}
            checked={values[box] === 'on'}
            disabled={box === 'hideText' && isCurrent && values.hideText !== 'on'}
            hint={box === 'hideText' && isCurrent ? t('currentTextHint') : undefined}
            error={errors[box]}
          />
        ))}
      </fieldset>
      <ReasonField id="revdel-reason" value={values.reason} error={errors.reason} />
    </AdminForm>
  );
}
