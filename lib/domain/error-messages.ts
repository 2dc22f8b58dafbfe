/**
 * Error and validation messages as data: a key of the `errors` catalog (messages/<lang>/errors.json)
 * and the values it interpolates. The code that finds a problem says *which* message; the words
 * come from the catalog of the reader's language when the message is shown (lib/i18n/error-text.ts).
 * English, the source language, is also rendered here for every error's `.message`: the REST API,
 * the command line and the logs answer in English, as MediaWiki's API does.
 *
 * A value may itself be a message (a title's broken rule inside "…is not a valid title: …"), so
 * composed sentences are translated part by part. Dates are formatted by the catalog (`{at, date,
 * long}`) in UTC, the wiki's time zone.
 *
 * Pure: no I/O, no Next.js.
 */
import { createTranslator, type MessageKeys, type NestedKeyOf } from 'use-intl/core';
import { z } from 'zod';
import english from '@/messages/en/errors.json';

export type ErrorCatalog = typeof english;
export type ErrorKey = MessageKeys<ErrorCatalog, NestedKeyOf<ErrorCatalog>>;

export type ErrorValue = string | number | Date | ErrorMessage;
export type ErrorValues = Readonly<Record<string, ErrorValue>>;

export interface ErrorMessage {
  readonly key: ErrorKey;
  readonly values?: ErrorValues;
}

/**
 * What an error says: a catalog message, or literal English for readers that only ever get English
 * (the REST API's own wording, command-line tools). Only catalog messages are translated.
 */
export type ErrorText = ErrorMessage | string;

export function errorMessage(key: ErrorKey, values?: ErrorValues): ErrorMessage {
  return values === undefined ? { key } : { key, values };
}

export function isErrorMessage(value: unknown): value is ErrorMessage {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && typeof (value as { key?: unknown }).key === 'string';
}

/** Renders messages of one language. `intlLocale` drives number, date and plural rules. */
export function createErrorTranslator(intlLocale: string, catalog: ErrorCatalog): (text: ErrorText) => string {
  // The locale type is the wiki's interface languages; English errors format dates as en-GB
  // ("5 December 2026", as MediaWiki words them), which is a formatting locale, not a language.
  const t = createTranslator({ locale: intlLocale as 'en', messages: { errors: catalog }, namespace: 'errors', timeZone: 'UTC' });
  const render = (text: ErrorText): string => {
    if (typeof text === 'string') return text;
    if (text.values === undefined) return t(text.key);
    const values: Record<string, string | number | Date> = {};
    for (const [name, value] of Object.entries(text.values)) values[name] = isErrorMessage(value) ? render(value) : value;
    return t(text.key, values);
  };
  // Refusals repeat (every anonymous page view asks whether the reader may edit): formatting a
  // message costs microseconds, looking it up far less. Bounded, as values come from requests.
  const rendered = new Map<string, string>();
  return (text) => {
    if (typeof text === 'string') return text;
    const id = JSON.stringify(text);
    let result = rendered.get(id);
    if (result === undefined) {
      if (rendered.size >= 1000) rendered.clear();
      result = render(text);
      rendered.set(id, result);
    }
    return result;
  };
}

/** The English wording of a message: the one source of English for errors. */
export const englishText: (text: ErrorText) => string = createErrorTranslator('en-GB', english);

// --- zod: issues that carry their message ---------------------------------------------------

/** Where a zod issue keeps its catalog message (`params` survive zod's issue finalization). */
const PARAM = 'errorMessage';

/** A custom zod issue: English `message` for API readers, the catalog message in `params`. */
export function zodIssue(message: ErrorText, path?: PropertyKey[]) {
  return {
    code: 'custom' as const,
    message: englishText(message),
    ...(typeof message === 'string' ? {} : { params: { [PARAM]: message } }),
    ...(path ? { path } : {}),
  };
}

/** The options of `.refine(check, …)` for a catalog message. */
export function zodRefinement(message: ErrorMessage, options: { path?: PropertyKey[] } = {}) {
  return { message: englishText(message), params: { [PARAM]: message }, ...options };
}

/**
 * A text input: any string, else (absent, a number…) the issue `missing`. (zod's own
 * `z.string({ error })` cannot carry a catalog message.)
 */
export function textInput(missing: ErrorMessage) {
  return z.unknown().transform((value, ctx): string => {
    if (typeof value === 'string') return value;
    ctx.addIssue(zodIssue(missing));
    return z.NEVER;
  });
}

/** textInput that lets null and undefined through. */
export function optionalTextInput(missing: ErrorMessage) {
  return z
    .unknown()
    .transform((value, ctx): string | null | undefined => {
      if (typeof value === 'string' || value === null || value === undefined) return value;
      ctx.addIssue(zodIssue(missing));
      return z.NEVER;
    })
    .optional(); // the field may be left out of an object
}

/** The catalog message of a zod issue, or its English text when it was raised without one. */
export function issueText(issue: { message: string; params?: unknown }): ErrorText {
  const params = issue.params as Record<string, unknown> | undefined;
  const message = params?.[PARAM];
  return isErrorMessage(message) ? message : issue.message;
}

/** First message per top-level field of a zod error (key = input name), for showing next to the inputs. */
export function fieldTextsOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string; params?: unknown }[] }): Record<string, ErrorText> {
  const fields: Record<string, ErrorText> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    // Issues about the input as a whole (not an object at all) belong to no field.
    if (field === undefined) continue;
    const key = String(field);
    if (!(key in fields)) fields[key] = issueText(issue);
  }
  return fields;
}
