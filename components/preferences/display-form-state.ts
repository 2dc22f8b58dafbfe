import type { FormState } from '@/lib/domain/form-state';
import type { Preferences } from '@/lib/domain/preferences';

/*
 * What Special:Preferences' "Appearance and language" / "Date and time" form and its Server Action
 * (app/actions/display-preferences.ts) exchange. Plain module, no 'use client': the action needs the
 * field names as values, not client references.
 */

/** The section's inputs, in the order of the form. */
export const DISPLAY_PREFERENCES_FORM_FIELDS = ['interfaceLanguage', 'theme', 'dateFormat', 'timeZone'] as const;

export type DisplayPreferencesFormValues = Record<(typeof DISPLAY_PREFERENCES_FORM_FIELDS)[number], string>;

export interface DisplayPreferencesFormState extends FormState<DisplayPreferencesFormValues> {
  /** Set after a save: shows "Your preferences have been saved." (they apply from the next page on). */
  saved?: true;
}

/** Saved preferences as the form's values (every field is a menu's value). */
export function displayPreferencesFormValues(preferences: Preferences): DisplayPreferencesFormValues {
  return { interfaceLanguage: preferences.interfaceLanguage, theme: preferences.theme, dateFormat: preferences.dateFormat, timeZone: preferences.timeZone };
}
