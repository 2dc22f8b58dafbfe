import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailableError } from './database-faults';

/**
 * The one error type of the wiki. Every failure a user can meet is an AppError with a code; the
 * code decides the HTTP status and the wording shown in the UI, here and nowhere else.
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
  title: string;
}

const ERROR_KINDS: Record<ErrorCode, ErrorKind> = {
  BAD_TITLE: { status: 400, title: 'Bad title' },
  VALIDATION: { status: 400, title: 'Please correct the highlighted fields' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  UNAUTHENTICATED: { status: 401, title: 'Please sign in' },
  FORBIDDEN: { status: 403, title: 'Permission error' },
  EDIT_CONFLICT: { status: 409, title: 'Edit conflict' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  DATABASE_UNAVAILABLE: { status: 503, title: 'The wiki is temporarily unavailable' },
  INTERNAL: { status: 500, title: 'Internal error' },
};

export interface AppErrorOptions {
  /** Per-field messages for forms (key = input name). */
  fieldErrors?: Record<string, string>;
  /** For RATE_LIMITED: seconds until the client may retry. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: Record<string, string>;
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_KINDS[this.code].status;
  }

  get title(): string {
    return ERROR_KINDS[this.code].title;
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
    return new AppError('DATABASE_UNAVAILABLE', DATABASE_UNAVAILABLE_MESSAGE, { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS, cause: error });
  }
  return null;
}

export interface PublicError {
  code: ErrorCode;
  status: number;
  title: string;
  message: string;
  fieldErrors?: Record<string, string>;
  retryAfterSeconds?: number;
}

/**
 * What may be shown to a client. Unknown errors never leak their message or stack: they become a
 * generic INTERNAL error (the caller logs the original).
 */
export function toPublicError(error: unknown): PublicError {
  const appError = toAppError(error) ?? new AppError('INTERNAL', 'Something went wrong on our side. Please try again in a moment.');
  return {
    code: appError.code,
    status: appError.status,
    title: appError.title,
    message: appError.message,
    fieldErrors: appError.fieldErrors,
    retryAfterSeconds: appError.retryAfterSeconds,
  };
}

export function statusOf(code: ErrorCode): number {
  return ERROR_KINDS[code].status;
}
