'use client';

import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/domain/form-state';
import type { Preferences } from '@/lib/domain/preferences';
import { AdminForm, CheckboxField, useAdminForm } from '@/components/AdminFormParts';
import { NOTIFICATION_PREFERENCES_FORM_FIELDS, notificationPreferencesFormValues, type NotificationPreferencesFormState } from '@/components/watchlist/preferences-form-state';

/**
 * Special:Preferences' notifications section (Echo's "Notifications" tab): for each kind, whether
 * it is shown on the web (the header's count and Special:Notifications). E-mail is not part of it.
 * A plain POST form, so it works without JavaScript.
 */
export function NotificationPreferencesForm({ initial, action }: { initial: Preferences; action: FormAction<NotificationPreferencesFormState> }) {
  const t = useTranslations('watchlist.preferences');
  const { values, errors, form } = useAdminForm(action, notificationPreferencesFormValues(initial));
  const { saved } = form.state as NotificationPreferencesFormState;
  return (
    <AdminForm form={form} className="admin-form preferences-form notification-preferences-form" submit={{ label: t('save'), className: 'button-primary' }}>
      {saved && (
        <p role="status" className="notice">
          {t('saved')}
        </p>
      )}
      <fieldset>
        <legend>{t('notificationsWeb')}</legend>
        <p className="field-hint">{t('notificationsWebHelp')}</p>
        {NOTIFICATION_PREFERENCES_FORM_FIELDS.map((name) => (
          <CheckboxField key={name} name={name} label={t(name)} checked={values[name] !== ''} error={errors[name]} />
        ))}
      </fieldset>
    </AdminForm>
  );
}
