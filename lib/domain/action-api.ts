/**
 * MediaWiki's Action API (/w/api.php?action=…) as far as this wiki offers it: which actions exist
 * and its errors, in MediaWiki's shape (errorformat=bc, the default), so clients written for
 * MediaWiki read them unchanged:
 *
 *   { "error": { "code": "badvalue", "info": "Unrecognized value for parameter \"action\": foo.", "*": "…" } }
 *
 * MediaWiki answers errors with status 200 and a MediaWiki-API-Error header; this wiki keeps the
 * header and the body but says 400, so caches and monitoring see a refusal. Each action (only
 * opensearch so far) validates its own parameters; lib/server/action-api.ts dispatches.
 *
 * Pure: no I/O.
 */

/** The actions this wiki answers, in the order the error lists them. */
export const API_ACTIONS = ['opensearch'] as const;
export type ApiAction = (typeof API_ACTIONS)[number];

/** A refusal in MediaWiki's terms: `code` is what clients branch on, `info` what people read. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, info: string, status = 400) {
    super(info);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

export interface ApiErrorBody {
  error: { code: string; info: string; '*': string };
}

export function apiErrorBody(code: string, info: string): ApiErrorBody {
  return { error: { code, info, '*': `This wiki's api.php answers these actions: ${API_ACTIONS.join(', ')}.` } };
}

export function isApiAction(value: string): value is ApiAction {
  return (API_ACTIONS as readonly string[]).includes(value);
}

/** MediaWiki's quoting of a value in its messages: long or multi-line values cut short. */
export function quotedValue(value: string): string {
  const oneLine = value.replace(/[\r\n]+/g, ' ');
  return oneLine.length > 100 ? `${oneLine.slice(0, 100)}…` : oneLine;
}

/** Which action a request asks for; refuses an absent or unknown one as MediaWiki does. */
export function apiActionOf(params: URLSearchParams): ApiAction {
  const action = params.get('action');
  if (action === null || action === '') throw new ApiError('missingparam', 'The "action" parameter must be set.');
  if (!isApiAction(action)) throw new ApiError('badvalue', `Unrecognized value for parameter "action": ${quotedValue(action)}.`);
  return action;
}
