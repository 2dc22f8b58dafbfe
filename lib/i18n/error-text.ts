/**
 * Error messages in the reader's language: the one way a Server Action, an error page or a
 * component turns an AppError, a zod error or a catalog message (lib/domain/error-messages.ts)
 * into text. Literal English texts (the REST API's own, see ErrorText) pass through unchanged.
 *
 * A Server Action does:
 *   const errors = errorTexts(await getLocale());          // getLocale from 'next-intl/server'
 *   return { values, fieldErrors: errors.fieldErrors(parsed.error), formError: errors.t('form.pageNotSaved') };
 *   … catch (error) { return { values, ...errors.failure(error) }; }
 * A client component: errorText(decision.text, useLocale()).
 *
 * Pure: usable on the server and in the browser (it bundles only the errors catalogs).
 */
import type { z } from 'zod';
import italian from '@/messages/it/errors.json';
import {
  createErrorTranslator,
  englishText,
  errorMessage,
  fieldTextsOf,
  type ErrorCatalog,
  type ErrorKey,
  type ErrorText,
  type ErrorValues,
} from '@/lib/domain/error-messages';
import { titleOf, toPublicError, type ErrorCode } from '@/lib/domain/errors';
import type { Locale } from './negotiate-locale.mjs';

const TRANSLATORS: Record<Locale, (text: ErrorText) => string> = {
  en: englishText,
  it: createErrorTranslator('it', italian as ErrorCatalog),
};

export function errorText(text: ErrorText, locale: Locale): string {
  return TRANSLATORS[locale](text);
}

function fieldTexts(fields: Record<string, ErrorText> | undefined, locale: Locale): Record<string, string> | undefined {
  if (fields === undefined) return undefined;
  return Object.fromEntries(Object.entries(fields).map(([name, text]) => [name, errorText(text, locale)]));
}

/** What a form shows when its action failed: the message and the fields to mark. */
export interface FormFailure {
  code: ErrorCode;
  formError: string;
  fieldErrors?: Record<string, string>;
}

export interface ErrorTexts {
  locale: Locale;
  /** A catalog message (or literal English text) in this language. */
  text(text: ErrorText): string;
  /** The catalog message `key` in this language. */
  t(key: ErrorKey, values?: ErrorValues): string;
  /** The first message per form field of a refused input (key = input name). */
  fieldErrors(error: z.ZodError): Record<string, string>;
  /** Any error of a server call as a form message; a bug is logged and shown as a generic message. */
  failure(error: unknown): FormFailure;
  /** The heading for errors of this code ("Edit conflict"). */
  title(code: ErrorCode): string;
}

export function errorTexts(locale: Locale): ErrorTexts {
  const text = (value: ErrorText) => errorText(value, locale);
  return {
    locale,
    text,
    t: (key, values) => text(errorMessage(key, values)),
    fieldErrors: (error) => fieldTexts(fieldTextsOf(error), locale) ?? {},
    failure(error) {
      const publicError = toPublicError(error);
      if (publicError.code === 'INTERNAL') console.error(error);
      const failure: FormFailure = { code: publicError.code, formError: text(publicError.text) };
      const fields = fieldTexts(publicError.fieldTexts, locale);
      if (fields !== undefined) failure.fieldErrors = fields;
      return failure;
    },
    title: (code) => text(titleOf(code)),
  };
}
