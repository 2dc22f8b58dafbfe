'use client';

import { useTranslations } from 'next-intl';
import type { FileVersionHideState, FileVersionHideValues } from '@/lib/domain/files/hide-version-input';
import { AdminForm, CheckboxField, ReasonField, useAdminForm } from '@/components/AdminFormParts';

/** The boxes' input names, which are also their labels' message keys. */
const BOXES = ['hideFile', 'hideComment', 'hideUploader'] as const;

/**
 * Special:RevisionDelete's form for one file version: one box per part (ticked = hidden from
 * non-administrators) and a reason, as RevisionDeleteForm for page revisions.
 */
export function FileVersionHideForm({
  initial,
  isCurrent,
  action,
}: {
  initial: FileVersionHideValues;
  /** The file's current version: its file cannot be hidden (the box stays off unless it already is on). */
  isCurrent: boolean;
  action: (state: FileVersionHideState, formData: FormData) => Promise<FileVersionHideState>;
}) {
  const t = useTranslations('files.hideVersion');
  const { values, errors, form } = useAdminForm(action, initial);
  return (
    <AdminForm
      form={form}
      className="admin-form revision-delete-form"
      hidden={{ target: values.target, versionId: values.versionId, seenHidden: values.seenHidden }}
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
            disabled={box === 'hideFile' && isCurrent && values.hideFile !== 'on'}
            hint={box === 'hideFile' && isCurrent ? t('currentFileHint') : undefined}
            error={errors[box]}
          />
        ))}
      </fieldset>
      <ReasonField id="file-revdel-reason" value={values.reason} error={errors.reason} />
    </AdminForm>
  );
}
