/**
 * What every web form's Server Action hands back, and how a refused input or a failed server call
 * becomes the messages on the form. The Server Actions (app/actions/form-action.ts) run these with
 * the reader's language; the forms (components/) only read the state.
 *
 * The input is always handed back as typed (secrets left out), whatever went wrong, so nothing
 * typed is ever lost; and every failure is a message on the form, never an error page.
 *
 * Pure: no I/O, no Next.js. Words come from a `translate` function (English by default; the actions
 * pass the reader's language from lib/i18n/error-text.ts).
 */
import type { z } from 'zod';
import { englishText, errorMessage, fieldTextsOf, issueText, type ErrorText } from '@/lib/domain/error-messages';
import { toPublicError, type ErrorCode } from '@/lib/domain/errors';

/** A form's state: the values to show (kept as typed) and what to fix. */
export interface FormState<Values> {
  values: Values;
  /** Per input name: the first problem with that field. */
  fieldErrors?: Record<string, string>;
  /** The form-wide message: what failed, or what to correct. */
  formError?: string;
}

/** What a form component receives as its `action` (a Server Action passed in by the page). */
export type FormAction<State> = (state: State, formData: FormData) => Promise<State>;

/** For forms that hand nothing back (one-button forms; passwords are never sent back). */
export type NoValues = Record<never, never>;

/** Turns a catalog message (or literal English) into the reader's words. */
export type Translate = (text: ErrorText) => string;

/** The form's fields as strings (a missing field is ''), so they can be handed back unchanged. */
export function formValues<Name extends string>(formData: FormData, names: readonly Name[]): Record<Name, string> {
  const values = {} as Record<Name, string>;
  for (const name of names) {
    const value = formData.get(name);
    values[name] = typeof value === 'string' ? value : '';
  }
  return values;
}

/** A ticked checkbox is present in the form data, an unticked one absent. */
export function formFlag(formData: FormData, name: string): boolean {
  return formData.get(name) !== null;
}

function translated(fields: Record<string, ErrorText> | undefined, translate: Translate): Record<string, string> | undefined {
  if (fields === undefined) return undefined;
  return Object.fromEntries(Object.entries(fields).map(([name, text]) => [name, translate(text)]));
}

export interface InvalidInputOptions {
  translate?: Translate;
  /**
   * The form-wide message. Forms that mark their fields say "Nothing was changed. Please correct the
   * marked fields." (the default) or their own; `'first-problem'` is for forms that show no
   * per-field messages: the first problem found becomes the form's message.
   */
  summary?: ErrorText | 'first-problem';
}

/** A refused input: the values as typed, each field's first problem, and the form-wide message. */
export function invalidInput<Values>(values: Values, error: z.ZodError, options: InvalidInputOptions = {}): FormState<Values> {
  const translate = options.translate ?? englishText;
  const summary = options.summary ?? errorMessage('form.nothingChanged');
  const first = error.issues[0];
  const formText = summary !== 'first-problem' ? summary : first ? issueText(first) : errorMessage('generic.inputNotValid');
  return { values, fieldErrors: translated(fieldTextsOf(error), translate) ?? {}, formError: translate(formText) };
}

/** What a failed server call tells the form; `code` lets the caller log bugs (INTERNAL). */
export interface FormFailure {
  code: ErrorCode;
  formError: string;
  fieldErrors?: Record<string, string>;
}

/**
 * Any error of a server call, as a form message. A bug never shows its own message (toPublicError):
 * it reads as the generic "Something went wrong", with code INTERNAL for the caller to log.
 */
export function formFailure(error: unknown, translate: Translate = englishText): FormFailure {
  const publicError = toPublicError(error);
  const failure: FormFailure = { code: publicError.code, formError: translate(publicError.text) };
  const fields = translated(publicError.fieldTexts, translate);
  if (fields !== undefined) failure.fieldErrors = fields;
  return failure;
}
