'use client';

import { useTranslations } from 'next-intl';
import type { UserRightsFormState, UserRightsFormValues } from '@/lib/domain/form-fields';
import { AdminForm, CheckboxField, FieldError, ReasonField, useAdminForm } from '@/components/AdminFormParts';

/** Special:UserRights' form: the user's group (registered user or administrator), the bot flag and a reason. */
export function UserRightsForm({
  initial,
  roles,
  action,
}: {
  initial: UserRightsFormValues;
  /** The groups offered, with their names (passed in: the domain module pulls the username rules along). */
  roles: readonly { value: string; label: string }[];
  action: (state: UserRightsFormState, formData: FormData) => Promise<UserRightsFormState>;
}) {
  const t = useTranslations('admin.userRights');
  const { values, errors, form } = useAdminForm(action, initial);
  return (
    <AdminForm form={form} className="admin-form" noValidate submit={{ label: t('submit'), className: 'button-primary' }}>
      <input type="hidden" name="target" value={values.target} />
      <FieldError id="rights-target-error" message={errors.target} />
      <fieldset aria-describedby={errors.role ? 'rights-role-error' : undefined}>
        <legend>{t('group')}</legend>
        {roles.map((role) => (
          <label key={role.value}>
            <input type="radio" name="role" value={role.value} defaultChecked={values.role === role.value} /> {role.label}
          </label>
        ))}
        <FieldError id="rights-role-error" message={errors.role} />
        {/* MediaWiki's "bot" group goes with either role, hence a checkbox beside them. Unticked, the form sends '' for it: not a bot. */}
        <CheckboxField name="bot" label={t('bot')} checked={values.bot === 'on'} hint={t('botHint')} error={errors.bot} />
      </fieldset>
      <ReasonField id="rights-reason" value={values.reason} error={errors.reason} />
    </AdminForm>
  );
}
