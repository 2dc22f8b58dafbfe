import type { FormState } from '@/lib/domain/form-state';
import { EMAIL_PREFERENCE_KEYS } from '@/lib/domain/notification-mail';
import type { Preferences } from '@/lib/domain/preferences';

/*
 * What Special:Preferences' e-mail forms and their Server Actions (app/actions/email.ts) exchange.
 * Plain module, no 'use client': the actions need the field names as values.
 */

export const EMAIL_ADDRESS_FORM_FIELDS = ['email'] as const;
export type EmailAddressFormValues = Record<(typeof EMAIL_ADDRESS_FORM_FIELDS)[number], string>;

export interface EmailAddressFormState extends FormState<EmailAddressFormValues> {
  /** Set when a confirmation message went out (to the address in `values`). */
  sent?: true;
}

/** The settings form's inputs: how often, one checkbox per kind group. */
export const EMAIL_SETTINGS_FORM_FIELDS = ['emailNotifications', ...EMAIL_PREFERENCE_KEYS, 'emailWatchlist'] as const;
export type EmailSettingsFormValues = Record<(typeof EMAIL_SETTINGS_FORM_FIELDS)[number], string>;

export interface EmailSettingsFormState extends FormState<EmailSettingsFormValues> {
  saved?: true;
}

/** Saved preferences as the settings form's values (checkboxes "on" or ""). */
export function emailSettingsFormValues(preferences: Preferences): EmailSettingsFormValues {
  const values = { emailNotifications: preferences.emailNotifications } as EmailSettingsFormValues;
  for (const key of [...EMAIL_PREFERENCE_KEYS, 'emailWatchlist'] as const) values[key] = preferences[key] ? 'on' : '';
  return values;
}
