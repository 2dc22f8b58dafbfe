import { fieldErrorsOf } from '@/lib/domain/schemas';
import { toPublicError } from '@/lib/domain/errors';
import type { z } from 'zod';

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

export function invalidInput<Values>(values: Values, error: z.ZodError): AdminFormState<Values> {
  return { values, fieldErrors: fieldErrorsOf(error), formError: 'Nothing was changed. Please correct the marked fields.' };
}

/** Any failure of the server call, as a message on the form (never a 500); unexpected ones are logged. */
export function failedAction<Values>(values: Values, error: unknown): AdminFormState<Values> {
  const publicError = toPublicError(error);
  if (publicError.code === 'INTERNAL') console.error(error);
  return { values, fieldErrors: publicError.fieldErrors, formError: publicError.message };
}
