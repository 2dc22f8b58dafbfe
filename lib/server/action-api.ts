import 'server-only';
import { apiActionOf, apiErrorBody, ApiError, type ApiAction } from '@/lib/domain/action-api';
import { toAppError } from '@/lib/domain/errors';
import { errorResponse } from '@/lib/domain/error-response.mjs';
import { openSearchAction } from '@/lib/server/opensearch';

/*
 * /w/api.php, MediaWiki's Action API: one handler per action (lib/domain/action-api.ts lists
 * them). A new action is one more entry here and its own module; the route stays as it is.
 */
type ActionHandler = (request: Request, params: URLSearchParams) => Promise<Response>;

const HANDLERS: Record<ApiAction, ActionHandler> = {
  opensearch: openSearchAction,
};

function apiErrorResponse(code: string, info: string, status: number, retryAfterSeconds?: number): Response {
  return errorResponse(JSON.stringify(apiErrorBody(code, info)), {
    status,
    contentType: 'application/json; charset=utf-8',
    retryAfterSeconds,
    headers: { 'mediawiki-api-error': code, 'x-content-type-options': 'nosniff' },
  });
}

/** Refusals keep MediaWiki's codes; a database outage is a 503 with Retry-After, never a 500. */
function toApiErrorResponse(error: unknown): Response {
  if (error instanceof ApiError) return apiErrorResponse(error.code, error.message, error.status);
  const appError = toAppError(error);
  if (appError?.code === 'DATABASE_UNAVAILABLE') {
    console.error(error);
    return apiErrorResponse('unavailable', appError.message, appError.status, appError.retryAfterSeconds);
  }
  if (appError && appError.code !== 'INTERNAL') return apiErrorResponse(appError.code.toLowerCase(), appError.message, appError.status);
  console.error(error);
  return apiErrorResponse('internal_api_error', 'The wiki could not answer this request; the error has been logged.', 500);
}

/** GET /w/api.php?action=…: the action's answer, or MediaWiki's error object. */
export async function actionApi(request: Request): Promise<Response> {
  try {
    const params = new URL(request.url).searchParams;
    return await HANDLERS[apiActionOf(params)](request, params);
  } catch (error) {
    return toApiErrorResponse(error);
  }
}
