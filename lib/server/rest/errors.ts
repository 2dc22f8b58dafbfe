import 'server-only';
import { AppError, INTERNAL_ERROR, statusOf, toAppError, type AppErrorOptions, type ErrorCode } from '@/lib/domain/errors';
import { englishText, type ErrorText } from '@/lib/domain/error-messages';
import { errorResponse } from '@/lib/domain/error-response.mjs';
import { errorText } from '@/lib/i18n/error-text';
import { localeOfHeaders } from '@/lib/server/request-locale';

/**
 * Errors of the REST API in MediaWiki's shape, so that clients written for MediaWiki's
 * /w/rest.php (which branch on `errorKey` and show `messageTranslations.en`) work unchanged:
 *
 *   { "messageTranslations": { "en": "…" }, "httpCode": 409, "httpReason": "Conflict", "errorKey": "editconflict" }
 *
 * The status always comes from the AppError code (lib/domain/errors.ts); only the key is REST's own.
 */

/**
 * An AppError that names the exact MediaWiki error key, where the code's default key is too vague.
 * Its message is the API's own English; catalog messages (the domain's refusals) also come in the
 * reader's language, as MediaWiki adds the user's language to `messageTranslations`.
 */
export class RestError extends AppError {
  readonly errorKey: string;

  constructor(code: ErrorCode, errorKey: string, message: ErrorText, options?: AppErrorOptions) {
    super(code, message, options);
    this.name = 'RestError';
    this.errorKey = errorKey;
  }
}

// Keys that MediaWiki itself uses where there is one (rest-invalid-title, rest-nonexistent-title,
// editconflict, …), so that clients' error handling keeps working.
const ERROR_KEYS: Record<ErrorCode, string> = {
  BAD_TITLE: 'rest-invalid-title',
  VALIDATION: 'rest-validation',
  NOT_FOUND: 'rest-nonexistent-title',
  UNAUTHENTICATED: 'rest-permission-denied-anon',
  FORBIDDEN: 'rest-permission-denied',
  EDIT_CONFLICT: 'editconflict',
  PAYLOAD_TOO_LARGE: 'rest-too-large',
  UNSUPPORTED_MEDIA_TYPE: 'rest-bad-content-type',
  RATE_LIMITED: 'rest-ratelimited',
  DATABASE_UNAVAILABLE: 'rest-unavailable',
  INTERNAL: 'rest-internal-error',
};

const HTTP_REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const GENERIC_MESSAGE = englishText(INTERNAL_ERROR);

export interface RestErrorBody {
  /** Always English; also the reader's language when it is another and the message has a translation. */
  messageTranslations: { en: string } & Partial<Record<string, string>>;
  httpCode: number;
  httpReason: string;
  errorKey: string;
}

/**
 * The one mapping from an error to the REST response: AppError code → status and error key.
 * Anything that is not an AppError is a bug: it is logged and answered with a generic 500 that
 * reveals nothing about the server.
 */
export function describeRestError(error: unknown, request?: Request): { status: number; body: RestErrorBody; retryAfterSeconds?: number } {
  const appError = toAppError(error);
  if (!appError || appError.code === 'INTERNAL' || appError.code === 'DATABASE_UNAVAILABLE') console.error(error);
  const code: ErrorCode = appError ? appError.code : 'INTERNAL';
  const status = statusOf(code);
  const message = appError && code !== 'INTERNAL' ? appError.message : GENERIC_MESSAGE;
  const errorKey = appError instanceof RestError ? appError.errorKey : ERROR_KEYS[code];
  const messageTranslations: RestErrorBody['messageTranslations'] = { en: message };
  // Literal English (the API's own wording) has no translation; a catalog message has one.
  const locale = request ? localeOfHeaders(request.headers) : 'en';
  if (locale !== 'en' && appError && code !== 'INTERNAL' && typeof appError.text !== 'string') messageTranslations[locale] = errorText(appError.text, locale);
  return {
    status,
    body: { messageTranslations, httpCode: status, httpReason: HTTP_REASONS[status] ?? 'Error', errorKey },
    retryAfterSeconds: appError?.retryAfterSeconds,
  };
}

/** `request`, when given, adds the reader's language (cookie or Accept-Language) to the message. */
export function restErrorResponse(error: unknown, request?: Request): Response {
  const { status, body, retryAfterSeconds } = describeRestError(error, request);
  return errorResponse(JSON.stringify(body), { status, contentType: 'application/json; charset=utf-8', retryAfterSeconds });
}
