import 'server-only';
import { apiCookie, cookieValue } from '@/lib/server/action-api/session';
import { LOGIN_NONCE_COOKIE, loginTokenFor, newLoginNonce, tokenMatches } from '@/lib/server/action-api/tokens';
import type { ApiContext } from '@/lib/server/action-api/module';

/*
 * The login token of meta=tokens&type=login and action=login's lgtoken: bound to a random value
 * in a cookie set with the token, as MediaWiki binds it to the session it starts for the login.
 */

/** One hour, as a login token has to last from fetching it to using it, and no longer. */
const LOGIN_NONCE_MAX_AGE_SECONDS = 60 * 60;

/** The login token for this client, setting the cookie it is bound to when there is none yet. */
export function loginTokenForRequest(context: Pick<ApiContext, 'request' | 'cookies'>): string {
  let nonce = validNonce(cookieValue(context.request, LOGIN_NONCE_COOKIE));
  if (nonce === null) {
    nonce = newLoginNonce();
    context.cookies.push(apiCookie(context.request, LOGIN_NONCE_COOKIE, nonce, LOGIN_NONCE_MAX_AGE_SECONDS));
  }
  return loginTokenFor(nonce);
}

/** Whether `token` is the login token of this client's cookie. */
export function isLoginTokenOf(request: Request, token: string): boolean {
  const nonce = validNonce(cookieValue(request, LOGIN_NONCE_COOKIE));
  return nonce !== null && tokenMatches(token, loginTokenFor(nonce));
}

function validNonce(value: string | undefined): string | null {
  return value !== undefined && /^[0-9a-f]{32}$/.test(value) ? value : null;
}
