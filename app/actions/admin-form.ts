import type { z } from 'zod';
import { errorTexts, type ErrorTexts } from '@/lib/i18n/error-text';

/** What an admin form's action hands back: the typed values (kept), and what to fix. */
export interface AdminFormState<Values> {
  values: Values;
  fieldErrors?: Record<string, string>;
  formError?: string;
}

/** The form's fields as strings (a missing field is ''), so they can be handed back unchanged. */
export function formValues<Name extends string>(formData: FormData, names: readonly Name[]): Record<Name, string> {
  const values = {} as Record<Name, string>;
  for (const name of names) {
    const value = formData.get(name);
    values[name] = typeof value === 'string' ? value : '';
  }
  return values;
}

/**
 * A refused input, in the reader's language: actions pass `errorTexts(await getLocale())`
 * (English by default, for tests that exercise the validation step alone).
 */
export function invalidInput<Values>(values: Values, error: z.ZodError, errors: ErrorTexts = errorTexts('en')): AdminFormState<Values> {
  return { values, fieldErrors: errors.fieldErrors(error), formError: errors.t('form.nothingChanged') };
}

/** Any failure of the server call, as a message on the form (never a 500); unexpected ones are logged. */
export function failedAction<Values>(values: Values, error: unknown, errors: ErrorTexts = errorTexts('en')): AdminFormState<Values> {
  const { formError, fieldErrors } = errors.failure(error);
  return { values, fieldErrors, formError };
}
