import 'server-only';
import { createHash } from 'node:crypto';
import { ApiError } from '@/lib/domain/action-api/errors';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { credentialsFromRequest } from '@/lib/server/session';
import { requestOrigin } from '@/lib/server/rest/http';
import { BOT_SESSION_COOKIE, botSessionOf, type BotSession } from '@/lib/server/action-api/bot-session';

/*
 * Who is calling api.php, in the order MediaWiki's session providers are asked: a bearer token
 * (this wiki's personal API tokens, as MediaWiki's OAuth 2 access tokens), then the session a bot
 * password sign-in made (action=login), then the browser's own session (gadgets and scripts on
 * the wiki's pages). Writes by any of them need the session's csrf token (lib/server/action-api/tokens.ts).
 */

export type ApiSessionKind = 'anonymous' | 'browser' | 'bearer' | 'botpassword';

export interface ApiSession {
  kind: ApiSessionKind;
  actor: Actor;
  /** What the session's tokens derive from; null for an anonymous session ("+\"). */
  seed: string | null;
  botPassword: BotSession['botPassword'] | null;
}

export function cookieValue(request: Request, name: string): string | undefined {
  for (const pair of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = pair.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export async function apiSessionOf(request: Request): Promise<ApiSession> {
  const authorization = request.headers.get('authorization');
  if (authorization?.toLowerCase().startsWith('bearer ')) {
    const credentials = await credentialsFromRequest(request);
    if (credentials.kind !== 'token') {
      throw new ApiError(
        'mwoauth-invalid-authorization',
        'The access token in the Authorization header is not valid: it is mistyped, or it has been revoked. Create a new personal API token on Special:Preferences and send it as "Authorization: Bearer <token>".',
      );
    }
    const digest = createHash('sha256').update(authorization.slice(7).trim()).digest('hex');
    return { kind: 'bearer', actor: credentials.actor, seed: `bearer|${digest}`, botPassword: null };
  }
  const botCookie = cookieValue(request, BOT_SESSION_COOKIE);
  if (botCookie) {
    const session = await botSessionOf(botCookie);
    if (session) return { kind: 'botpassword', actor: session.actor, seed: session.seed, botPassword: session.botPassword };
  }
  const credentials = await credentialsFromRequest(request);
  if (credentials.kind === 'cookie') return { kind: 'browser', actor: credentials.actor, seed: `browser|${credentials.actor.userId}`, botPassword: null };
  return { kind: 'anonymous', actor: ANONYMOUS, seed: null, botPassword: null };
}

/** A Set-Cookie value for api.php's own cookies: HttpOnly, SameSite=Lax, Secure over https. */
export function apiCookie(request: Request, name: string, value: string, maxAgeSeconds: number | null): string {
  const secure = requestOrigin(request).startsWith('https:') ? '; Secure' : '';
  const maxAge = maxAgeSeconds === null ? '' : `; Max-Age=${maxAgeSeconds}`;
  return `${name}=${value}; Path=/w/; HttpOnly; SameSite=Lax${maxAge}${secure}`;
}
