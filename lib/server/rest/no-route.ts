import 'server-only';
import { errorResponse } from '@/lib/domain/error-response.mjs';
import { RestError, restErrorResponse, type RestErrorBody } from '@/lib/server/rest/errors';
import { quoteInput } from '@/lib/server/rest/paths';

/*
 * MediaWiki's router answers for addresses and methods that no handler takes: 404 rest-no-match
 * for an unknown path, 405 rest-wrong-method (with Allow) for a known path asked with another
 * method. Without these, Next.js answers an unknown /w/rest.php/ path with its HTML 404 page, and
 * a form POST (multipart or urlencoded) to it with "Invalid Server Action request": a request
 * that reaches no route handler is rendered as a page, and a page treats a form POST as a Server
 * Action. The catch-all route app/w/rest.php/[[...rest]] sends every such request here instead.
 * The body is never read.
 */

export async function noRoute(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  return restErrorResponse(
    new RestError(
      'NOT_FOUND',
      'rest-no-match',
      `There is no REST endpoint at ${quoteInput(pathname)} for ${request.method}. The endpoints are under /w/rest.php/v1/: page, page/{title}[/bare|/html|/with_html|/history|/history/counts/{type}], revision/{id}[/bare|/html|/with_html], revision/{from}/compare/{to}, search/page, search/title and file.`,
    ),
    request,
  );
}

/**
 * 405 in MediaWiki's error shape. Built here rather than from an AppError: no other part of the
 * wiki has a "method not allowed", so the error codes (lib/domain/errors.ts) have none.
 */
export function wrongMethod(allowed: readonly string[]): (request: Request) => Promise<Response> {
  return async (request) => {
    const { pathname } = new URL(request.url);
    const body: RestErrorBody = {
      messageTranslations: { en: `${request.method} is not supported at ${quoteInput(pathname)}; use ${allowed.join(' or ')}.` },
      httpCode: 405,
      httpReason: 'Method Not Allowed',
      errorKey: 'rest-wrong-method',
    };
    return errorResponse(JSON.stringify(body), { status: 405, contentType: 'application/json; charset=utf-8', headers: { allow: allowed.join(', ') } });
  };
}
