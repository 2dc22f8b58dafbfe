import type { FormState, NoValues } from '@/lib/domain/form-state';
import { NOTIFICATION_PREFERENCE_KEYS, type PreferenceKey, type Preferences } from '@/lib/domain/preferences';

/*
 * What Special:Preferences' forms and their Server Actions (app/actions/preferences.ts) exchange.
 * Plain module, no 'use client': the actions need the field names as values, not client references.
 */

/** The watchlist section's inputs, in the order of the form. */
export const PREFERENCES_FORM_FIELDS = [
  'watchCreations',
  'watchEdits',
  'watchMoves',
  'watchUploads',
  'watchlistDays',
  'watchlistHideMinor',
  'watchlistHideOwn',
  'watchlistAllChanges',
] as const satisfies readonly PreferenceKey[];

/** The fields as the form posts them: a ticked checkbox "on", an unticked one "", the days as a number's text. */
export type PreferencesFormValues = Record<(typeof PREFERENCES_FORM_FIELDS)[number], string>;

export interface PreferencesFormState extends FormState<PreferencesFormValues> {
  /** Set after a save: shows "Your preferences have been saved." */
  saved?: true;
}

/** Saved preferences as the form's values. */
export function preferencesFormValues(preferences: Preferences): PreferencesFormValues {
  const values = {} as PreferencesFormValues;
  for (const field of PREFERENCES_FORM_FIELDS) {
    const value = preferences[field];
    values[field] = typeof value === 'boolean' ? (value ? 'on' : '') : String(value);
  }
  return values;
}

export interface FeedTokenState extends FormState<NoValues> {
  /** The new feed address, shown once (only its token's hash is kept). */
  feedUrl?: string;
}

/** The notifications section's inputs: one "show on the web" checkbox per kind's preference. */
export const NOTIFICATION_PREFERENCES_FORM_FIELDS = NOTIFICATION_PREFERENCE_KEYS;

export type NotificationPreferencesFormValues = Record<(typeof NOTIFICATION_PREFERENCES_FORM_FIELDS)[number], string>;

export interface NotificationPreferencesFormState extends FormState<NotificationPreferencesFormValues> {
  /** Set after a save: shows "Your preferences have been saved." */
  saved?: true;
}

/** Saved preferences as the notifications section's values ("on" or ""). */
export function notificationPreferencesFormValues(preferences: Preferences): NotificationPreferencesFormValues {
  const values = {} as NotificationPreferencesFormValues;
  for (const field of NOTIFICATION_PREFERENCES_FORM_FIELDS) values[field] = preferences[field] ? 'on' : '';
  return values;
}
