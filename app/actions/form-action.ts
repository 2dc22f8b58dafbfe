import 'server-only';
import { redirect, unstable_rethrow } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import type { z } from 'zod';
import { errorTexts, type ErrorTexts } from '@/lib/i18n/error-text';
import { errorMessage, type ErrorKey } from '@/lib/domain/error-messages';
import { formFailure, invalidInput, type FormState } from '@/lib/domain/form-state';

/**
 * The one way a web form's Server Action runs (after dub's "safe action"): the input is checked by
 * a zod schema, the server call runs with the parsed data, and whatever goes wrong comes back to the
 * form in the reader's language with the values as typed, never as an error page. The pure half
 * (state types, errors → messages) is lib/domain/form-state.ts.
 *
 * Each action still takes its actor from the session itself (`await getActor()` in its `run`), so
 * that reading an action shows who it acts for (tests/integration/asvs.test.ts checks it).
 */

/** A successful submission that goes on to another page. */
export interface Redirect {
  redirectTo: string;
}

export interface FormActionContext<Values> {
  /** The values as typed (to hand back with a state the action builds itself). */
  values: Values;
  /** Messages in the reader's language, for refusals the action finds itself. */
  errors: ErrorTexts;
}

export interface FormActionOptions<Schema extends z.ZodType, Values, State> {
  /** The form's fields as typed: handed back with every answer except a redirect. */
  values: Values;
  schema: Schema;
  /** What the schema checks when it is more than `values` (passwords, which are never handed back). */
  input?: unknown;
  /**
   * The form-wide message when the schema refuses the input (the fields get their own);
   * 'first-problem' for forms without per-field messages. Default: "Nothing was changed…".
   */
  refused?: ErrorKey | 'first-problem';
  /** The server call. Throw to fail (AppError, or anything: a bug reads as "Something went wrong"). */
  run(data: z.output<Schema>, context: FormActionContext<Values>): Promise<State | Redirect>;
}

function isRedirect(outcome: object): outcome is Redirect {
  return 'redirectTo' in outcome;
}

export async function runFormAction<Schema extends z.ZodType, Values, State extends FormState<Values>>(
  options: FormActionOptions<Schema, Values, State>,
): Promise<State | FormState<Values>> {
  const { values } = options;
  const errors = errorTexts(await getLocale());
  const parsed = options.schema.safeParse('input' in options ? options.input : values);
  if (!parsed.success) {
    const summary = options.refused === undefined || options.refused === 'first-problem' ? options.refused : errorMessage(options.refused);
    return invalidInput(values, parsed.error, { translate: errors.text, summary });
  }
  let outcome: State | Redirect;
  try {
    outcome = await options.run(parsed.data, { values, errors });
  } catch (error) {
    unstable_rethrow(error); // Next's own control flow (notFound(), …) is not a failure
    const { code, formError, fieldErrors } = formFailure(error, errors.text);
    if (code === 'INTERNAL') console.error(error);
    return fieldErrors === undefined ? { values, formError } : { values, formError, fieldErrors };
  }
  // Outside the try: redirect() works by throwing.
  if (isRedirect(outcome)) redirect(outcome.redirectTo);
  return outcome;
}
