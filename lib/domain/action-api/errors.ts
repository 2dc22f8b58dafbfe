/**
 * Errors and warnings of the Action API (/w/api.php) in MediaWiki's shapes, so that bots written
 * for MediaWiki (mwn, pywikibot, mwclient) branch on the same codes and read the same fields:
 *
 *   errorformat=bc (the default):  { "error": { "code": "badvalue", "info": "…", "docref": "…" } }
 *   errorformat=plaintext|wikitext|html|raw|none:
 *                                   { "errors": [{ "code": "badvalue", "text": "…", "module": "main" }], "docref": "…" }
 *
 * As MediaWiki, an error answers HTTP 200 with a MediaWiki-API-Error header (clients such as mwn
 * treat any other status as a broken connection and retry); only a database outage is a 503.
 * AppErrors from the domain (the same refusals the web and REST paths give) are mapped to
 * MediaWiki's codes in one place, apiErrorOf.
 *
 * Pure: no I/O.
 */
import { toAppError, type AppError } from '@/lib/domain/errors';

/** A refusal in MediaWiki's terms: `code` is what clients branch on, `info` what people read. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** Extra members of the error object, e.g. `lag` for maxlag, as MediaWiki adds them. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Seconds to wait, sent as Retry-After (maxlag, ratelimited, a database outage). */
  readonly retryAfterSeconds?: number;
  /** Which module refused ("main", "query", "revisions"…): errorformat other than bc names it. */
  readonly module: string;

  constructor(code: string, info: string, options: { status?: number; data?: Record<string, unknown>; retryAfterSeconds?: number; module?: string } = {}) {
    super(info);
    this.name = 'ApiError';
    this.code = code;
    this.status = options.status ?? 200;
    this.data = options.data ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.module = options.module ?? 'main';
  }
}

export const ERROR_FORMATS = ['bc', 'plaintext', 'wikitext', 'html', 'raw', 'none'] as const;
export type ErrorFormat = (typeof ERROR_FORMATS)[number];

/** Where the help for this wiki's api.php lives (MediaWiki's docref points at its own help). */
export const API_DOCREF = 'See /w/api.php for the supported actions and docs/action-api.md for what this wiki implements.';

export interface ApiMessage {
  code: string;
  text: string;
  module: string;
  data?: Readonly<Record<string, unknown>>;
}

/** The error member(s) of the answer in the requested format (without the rest of the answer). */
export function errorMembers(error: ApiMessage, format: ErrorFormat, formatVersion: 1 | 2): Record<string, unknown> {
  if (format === 'bc') {
    const body: Record<string, unknown> = { code: error.code, info: error.text, ...error.data };
    if (formatVersion === 1) body['*'] = API_DOCREF;
    else body.docref = API_DOCREF;
    return { error: body };
  }
  return { errors: [messageIn(error, format)], docref: API_DOCREF };
}

/** A warning or error object of the non-bc formats. */
export function messageIn(message: ApiMessage, format: Exclude<ErrorFormat, 'bc'>): Record<string, unknown> {
  const base: Record<string, unknown> = { code: message.code };
  if (format === 'html') base.html = escapeHtml(message.text);
  else if (format === 'raw') Object.assign(base, { key: `apierror-${message.code}`, params: [message.text] });
  else if (format !== 'none') base.text = message.text;
  return { ...base, module: message.module, ...message.data };
}

/** Warnings in the requested format: bc groups the texts by module, as MediaWiki's ApiResult does. */
export function warningMembers(warnings: readonly ApiMessage[], format: ErrorFormat, formatVersion: 1 | 2): Record<string, unknown> {
  if (warnings.length === 0) return {};
  if (format !== 'bc') return { warnings: warnings.map((warning) => messageIn(warning, format)) };
  const byModule: Record<string, Record<string, string>> = {};
  for (const warning of warnings) {
    const key = formatVersion === 1 ? '*' : 'warnings';
    const existing = byModule[warning.module]?.[key];
    byModule[warning.module] = { [key]: existing === undefined ? warning.text : `${existing}\n${warning.text}` };
  }
  return { warnings: byModule };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** MediaWiki's quoting of a value in its messages: long or multi-line values cut short. */
export function quotedValue(value: string): string {
  const oneLine = value.replace(/[\r\n]+/g, ' ');
  return oneLine.length > 100 ? `${oneLine.slice(0, 100)}…` : oneLine;
}

/** Which MediaWiki code a domain refusal is: the policy's reasons keep their own codes. */
function codeOfAppError(error: AppError): string {
  const key = typeof error.text === 'string' ? '' : error.text.key;
  switch (error.code) {
    case 'NOT_FOUND':
      return 'missingtitle';
    case 'BAD_TITLE':
      return 'invalidtitle';
    case 'EDIT_CONFLICT':
      return 'editconflict';
    case 'RATE_LIMITED':
      return 'ratelimited';
    case 'PAYLOAD_TOO_LARGE':
      return 'contenttoobig';
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 'badupload';
    case 'VALIDATION':
      return 'badvalue';
    case 'DATABASE_UNAVAILABLE':
      // MediaWiki's code when it cannot reach its database; the 503 and Retry-After make bots wait.
      return 'internal_api_error_DBConnectionError';
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
      if (key.startsWith('policy.blocked')) return 'blocked';
      if (key === 'policy.protected') return 'protectedpage';
      return 'permissiondenied';
    default:
      return 'internal_api_error_Error';
  }
}

/**
 * Any error as the API's: ApiErrors as they are, domain refusals (AppError) with MediaWiki's code
 * and their own English message, and anything else (a bug) as MediaWiki's internal_api_error,
 * which reveals nothing about the server. `internal` tells the caller to log it.
 */
export function apiErrorOf(error: unknown): { error: ApiError; internal: boolean } {
  if (error instanceof ApiError) return { error, internal: false };
  const appError = toAppError(error);
  if (appError && appError.code !== 'INTERNAL') {
    const outage = appError.code === 'DATABASE_UNAVAILABLE';
    return {
      error: new ApiError(codeOfAppError(appError), appError.message, { status: outage ? 503 : 200, retryAfterSeconds: appError.retryAfterSeconds }),
      internal: outage,
    };
  }
  return { error: new ApiError('internal_api_error_Error', 'The wiki could not answer this request; the error has been logged.', { status: 500 }), internal: true };
}
