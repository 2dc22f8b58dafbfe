'use client';

import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/domain/form-state';
import { EMAIL_FREQUENCIES, EMAIL_PREFERENCE_KEYS } from '@/lib/domain/notification-mail';
import type { Preferences } from '@/lib/domain/preferences';
import { AdminForm, CheckboxField, LabelledField, useAdminForm } from '@/components/AdminFormParts';
import { emailSettingsFormValues, type EmailAddressFormState, type EmailSettingsFormState } from '@/components/notifications/email-form-state';

/** The address and its confirmation state, as the page loaded them. */
export interface EmailAddressStatus {
  email: string | null;
  /** When it was confirmed (ISO time), or null. */
  verifiedAt: string | null;
}

const FREQUENCY_LABELS = { off: 'frequencyOff', immediate: 'frequencyImmediate', daily: 'frequencyDaily' } as const;

/**
 * Special:Preferences' e-mail section (MediaWiki's Special:ChangeEmail and Echo's e-mail column):
 * the address with "Save and send confirmation", then how often and which kinds are mailed
 * (in the saved interface language, else English). Shown
 * only when the wiki has an SMTP server. Plain POST forms, so they work without JavaScript.
 */
export function EmailPreferencesForm(props: {
  status: EmailAddressStatus;
  preferences: Preferences;
  addressAction: FormAction<EmailAddressFormState>;
  settingsAction: FormAction<EmailSettingsFormState>;
}) {
  const t = useTranslations('watchlist.email');
  const address = useAdminForm(props.addressAction, { email: props.status.email ?? '' });
  const settings = useAdminForm(props.settingsAction, emailSettingsFormValues(props.preferences));
  const sent = (address.form.state as EmailAddressFormState).sent === true;
  const saved = (settings.form.state as EmailSettingsFormState).saved === true;
  const { email, verifiedAt } = props.status;
  return (
    <>
      <p>{t('intro')}</p>
      <AdminForm form={address.form} className="admin-form preferences-form email-address-form" submit={{ label: t('sendConfirmation'), className: 'button-primary' }}>
        {sent ? (
          <p role="status" className="notice">
            {t('confirmationSent', { email: address.values.email })}
          </p>
        ) : (
          <p className="field-hint">{email === null ? t('none') : verifiedAt !== null ? t('confirmed', { email, at: new Date(verifiedAt) }) : t('notConfirmed', { email })}</p>
        )}
        <LabelledField id="email" label={t('address')} error={address.errors.email}>
          {(aria) => <input id="email" name="email" type="email" maxLength={254} autoComplete="email" defaultValue={address.values.email} required {...aria} />}
        </LabelledField>
      </AdminForm>
      <AdminForm form={settings.form} className="admin-form preferences-form email-settings-form" submit={{ label: t('save') }}>
        {saved && (
          <p role="status" className="notice">
            {t('saved')}
          </p>
        )}
        <fieldset>
          <legend>{t('frequency')}</legend>
          {EMAIL_FREQUENCIES.map((frequency) => (
            <p key={frequency}>
              <label>
                <input type="radio" name="emailNotifications" value={frequency} defaultChecked={settings.values.emailNotifications === frequency} />{' '}
                {t(FREQUENCY_LABELS[frequency])}
              </label>
            </p>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('kinds')}</legend>
          {EMAIL_PREFERENCE_KEYS.map((name) => (
            <CheckboxField key={name} name={name} label={t(name)} checked={settings.values[name] !== ''} error={settings.errors[name]} />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('watchlistLegend')}</legend>
          <CheckboxField name="emailWatchlist" label={t('emailWatchlist')} checked={settings.values.emailWatchlist !== ''} error={settings.errors.emailWatchlist} />
        </fieldset>
      </AdminForm>
    </>
  );
}
