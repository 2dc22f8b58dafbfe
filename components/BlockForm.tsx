'use client';

import { useTranslations } from 'next-intl';
import type { BlockFormState, BlockFormValues } from '@/lib/domain/form-fields';
import { AdminForm, ExpiryField, LabelledField, ReasonField, TargetUserField, useAdminForm } from '@/components/AdminFormParts';

/** Special:Block's form: user, expiry, sitewide or some pages only, reason. */
export function BlockForm({
  initial,
  maxPages,
  action,
}: {
  initial: BlockFormValues;
  /** Passed in rather than imported: lib/domain/blocks.ts pulls the username rules (and their word list) along. */
  maxPages: number;
  action: (state: BlockFormState, formData: FormData) => Promise<BlockFormState>;
}) {
  const t = useTranslations('admin.block');
  const { values, errors, form } = useAdminForm(action, initial);
  return (
    <AdminForm form={form} className="admin-form block-form" noValidate submit={{ label: t('submit'), className: 'button-primary' }}>
      <TargetUserField id="block-target" label={t('user')} value={values.target} error={errors.target} />
      <ExpiryField id="block-expiry" value={values.expiry} error={errors.expiry} />
      <fieldset>
        <legend>{t('editing')}</legend>
        <label>
          <input type="radio" name="scope" value="sitewide" defaultChecked={values.scope !== 'partial'} /> {t('sitewide')}
        </label>
        <label>
          <input type="radio" name="scope" value="partial" defaultChecked={values.scope === 'partial'} /> {t('partial')}
        </label>
        {/* A partial block without pages is refused on `scope`: its message belongs under the pages. */}
        <LabelledField id="block-pages" label={t('pages', { max: maxPages })} error={errors.pages ?? errors.scope}>
          {(aria) => <textarea id="block-pages" name="pages" rows={4} defaultValue={values.pages} {...aria} />}
        </LabelledField>
      </fieldset>
      <ReasonField id="block-reason" value={values.reason} error={errors.reason} />
    </AdminForm>
  );
}
