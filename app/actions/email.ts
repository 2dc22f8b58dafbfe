'use server';

import { headers } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { formValues } from '@/lib/domain/form-state';
import { siteOrigin } from '@/lib/domain/http-security';
import { emailAddressFormSchema, emailSettingsFormSchema, mailOrigin } from '@/lib/domain/notification-mail';
import { isLocale } from '@/lib/i18n/negotiate-locale.mjs';
import { requestEmailConfirmation, saveEmailSettings } from '@/lib/server/notifications/email-address';
import { getActor } from '@/lib/server/session';
import { runFormAction } from '@/app/actions/form-action';
import { EMAIL_ADDRESS_FORM_FIELDS, EMAIL_SETTINGS_FORM_FIELDS, type EmailAddressFormState, type EmailSettingsFormState } from '@/components/notifications/email-form-state';

/** "Save and send confirmation": stores the address unconfirmed and mails the link; the address is kept in the form on any refusal. */
export async function requestEmailConfirmationAction(_previous: EmailAddressFormState, formData: FormData): Promise<EmailAddressFormState> {
  return runFormAction({
    values: formValues(formData, EMAIL_ADDRESS_FORM_FIELDS),
    schema: emailAddressFormSchema,
    async run(parsed, { values, errors }) {
      // The link goes where the reader reached the wiki (NEXTAUTH_URL first, as every absolute link).
      const origin = siteOrigin(await headers(), process.env) ?? mailOrigin(process.env);
      const locale = await getLocale();
      const outcome = await requestEmailConfirmation(await getActor(), parsed.email, { origin, locale: isLocale(locale) ? locale : 'en' });
      if (outcome === 'failed') return { values, formError: errors.t('email.sendFailed') };
      return outcome === 'sent' ? { values: { email: parsed.email }, sent: true } : { values };
    },
  });
}

/** The e-mail settings: how often, which kinds, the language of messages. */
export async function saveEmailSettingsAction(_previous: EmailSettingsFormState, formData: FormData): Promise<EmailSettingsFormState> {
  return runFormAction({
    values: formValues(formData, EMAIL_SETTINGS_FORM_FIELDS),
    schema: emailSettingsFormSchema,
    async run(parsed, { values }) {
      await saveEmailSettings(await getActor(), parsed);
      return { values, saved: true };
    },
  });
}
