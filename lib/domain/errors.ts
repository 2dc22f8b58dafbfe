import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailableError } from './database-faults';
import { englishText, errorMessage, type ErrorKey, type ErrorMessage, type ErrorText } from './error-messages';

/**
 * The one error type of the wiki. Every failure a user can meet is an AppError with a code; the
 * code decides the HTTP status and the heading shown in the UI, here and nowhere else. What the
 * error says is a catalog message (lib/domain/error-messages.ts), shown in the reader's language
 * by lib/i18n/error-text.ts; `.message` is its English wording (REST API, command line, logs).
 */
export type ErrorCode =
  | 'BAD_TITLE'
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'EDIT_CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'DATABASE_UNAVAILABLE'
  | 'INTERNAL';

interface ErrorKind {
  status: number;
  /** Heading shown to people; the AppError's message says what to do. */
  title: ErrorMessage;
}

const ERROR_KINDS: Record<ErrorCode, ErrorKind> = {
  BAD_TITLE: { status: 400, title: errorMessage('kind.badTitle') },
  VALIDATION: { status: 400, title: errorMessage('kind.validation') },
  NOT_FOUND: { status: 404, title: errorMessage('kind.notFound') },
  UNAUTHENTICATED: { status: 401, title: errorMessage('kind.unauthenticated') },
  FORBIDDEN: { status: 403, title: errorMessage('kind.forbidden') },
  EDIT_CONFLICT: { status: 409, title: errorMessage('kind.editConflict') },
  PAYLOAD_TOO_LARGE: { status: 413, title: errorMessage('kind.payloadTooLarge') },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: errorMessage('kind.unsupportedMediaType') },
  RATE_LIMITED: { status: 429, title: errorMessage('kind.rateLimited') },
  DATABASE_UNAVAILABLE: { status: 503, title: errorMessage('kind.databaseUnavailable') },
  INTERNAL: { status: 500, title: errorMessage('kind.internal') },
};

/** What people are told when the database is unavailable (…not reachable right now; please try again…). */
export const DATABASE_UNAVAILABLE: ErrorMessage = errorMessage('generic.databaseUnavailable');

/** What an unexpected error (a bug) tells people: never its own message or stack. */
export const INTERNAL_ERROR: ErrorMessage = errorMessage('generic.internal');

export interface AppErrorOptions {
  /** Per-field messages for forms (key = input name). */
  fieldErrors?: Record<string, ErrorText>;
  /** For RATE_LIMITED: seconds until the client may retry. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

function englishFields(fields: Record<string, ErrorText> | undefined): Record<string, string> | undefined {
  if (fields === undefined) return undefined;
  return Object.fromEntries(Object.entries(fields).map(([name, text]) => [name, englishText(text)]));
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** What the error says, to be shown in the reader's language (`message` is its English wording). */
  readonly text: ErrorText;
  /** Per-field messages, to be shown in the reader's language. */
  readonly fieldTexts?: Record<string, ErrorText>;
  /** Per-field messages in English. */
  readonly fieldErrors?: Record<string, string>;
  readonly retryAfterSeconds?: number;

  /** `message`: a catalog message; literal English only for errors no web page shows (REST's own, CLI). */
  constructor(code: ErrorCode, message: ErrorText, options: AppErrorOptions = {}) {
    super(englishText(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.text = message;
    this.fieldTexts = options.fieldErrors;
    this.fieldErrors = englishFields(options.fieldErrors);
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_KINDS[this.code].status;
  }

  get title(): string {
    return englishText(ERROR_KINDS[this.code].title);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * The AppError an error stands for, or null for a bug. The one place where faults that are not
 * bugs (the database down, restarting or saturated: lib/domain/database-faults.ts) become
 * DATABASE_UNAVAILABLE (503 with Retry-After); every error boundary goes through here.
 */
export function toAppError(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  if (isDatabaseUnavailableError(error)) {
    return new AppError('DATABASE_UNAVAILABLE', DATABASE_UNAVAILABLE, { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS, cause: error });
  }
  return null;
}

export interface PublicError {
  code: ErrorCode;
  status: number;
  /** The heading and the message, as catalog messages (lib/i18n/error-text.ts renders them). */
  titleText: ErrorMessage;
  text: ErrorText;
  fieldTexts?: Record<string, ErrorText>;
  /** The same in English. */
  title: string;
  message: string;
  fieldErrors?: Record<string, string>;
  retryAfterSeconds?: number;
}

/**
 * What may be shown to a client. Unknown errors never leak their message or stack: they become a
 * generic INTERNAL error (the caller logs the original); so do INTERNAL AppErrors, whose messages
 * are written for the operator.
 */
export function toPublicError(error: unknown): PublicError {
  const known = toAppError(error);
  const appError = known && known.code !== 'INTERNAL' ? known : new AppError('INTERNAL', INTERNAL_ERROR);
  return {
    code: appError.code,
    status: appError.status,
    titleText: titleOf(appError.code),
    text: appError.text,
    fieldTexts: appError.fieldTexts,
    title: appError.title,
    message: appError.message,
    fieldErrors: appError.fieldErrors,
    retryAfterSeconds: appError.retryAfterSeconds,
  };
}

/** The heading for errors of this code, as a catalog message. */
export function titleOf(code: ErrorCode): ErrorMessage {
  return ERROR_KINDS[code].title;
}

export function statusOf(code: ErrorCode): number {
  return ERROR_KINDS[code].status;
}

export type { ErrorKey, ErrorMessage, ErrorText };
