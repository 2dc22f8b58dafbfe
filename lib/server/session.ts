import 'server-only';
import { decode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { authOptions } from '@/lib/server/auth';
import { loadActor } from '@/lib/server/actors';
import { userIdForToken } from '@/lib/server/api-tokens';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';

/** Blocks, roles and revoked sessions are read on every request: nothing is cached in the JWT. */
async function actorForUser(userId: number, sessionVersion: number | null): Promise<Actor> {
  return (await loadActor(userId, sessionVersion)) ?? ANONYMOUS;
}

const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

async function actorForSessionCookie(raw: string | undefined): Promise<Actor> {
  if (!raw || !authOptions.secret) return ANONYMOUS;
  const token = await decode({ token: raw, secret: authOptions.secret }).catch(() => null);
  if (typeof token?.uid !== 'number') return ANONYMOUS;
  return actorForUser(token.uid, typeof token.sv === 'number' ? token.sv : 0);
}

/** Who is acting in a Server Component or Server Action (the session cookie). */
export async function getActor(): Promise<Actor> {
  const store = await cookies();
  return actorForSessionCookie(SESSION_COOKIES.map((name) => store.get(name)?.value).find(Boolean));
}

/**
 * The session cookie read from the request itself: next/headers' cookies() only works inside a
 * Next request scope, and a route handler has the Request at hand anyway.
 */
function sessionCookieOf(request: Request): string | undefined {
  const pairs = (request.headers.get('cookie') ?? '').split(';').map((pair) => pair.trim());
  for (const name of SESSION_COOKIES) {
    const pair = pairs.find((p) => p.startsWith(`${name}=`));
    if (pair) return safeDecode(pair.slice(name.length + 1));
  }
  return undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // A malformed cookie then fails to decode as a JWT: anonymous.
  }
}

export type RequestCredentials =
  | { kind: 'token'; actor: Actor }
  | { kind: 'invalid-token'; actor: Actor }
  | { kind: 'cookie'; actor: Actor }
  | { kind: 'none'; actor: Actor };

/**
 * Who is acting in a route handler: a personal API token (Authorization: Bearer …) or the session
 * cookie. The kind matters: cookie-authenticated writes need an Origin check (CSRF), token ones do not.
 */
export async function credentialsFromRequest(request: Request): Promise<RequestCredentials> {
  const authorization = request.headers.get('authorization');
  if (authorization?.toLowerCase().startsWith('bearer ')) {
    const userId = await userIdForToken(authorization.slice(7).trim());
    if (userId === null) return { kind: 'invalid-token', actor: ANONYMOUS };
    return { kind: 'token', actor: await actorForUser(userId, null) };
  }
  const actor = await actorForSessionCookie(sessionCookieOf(request));
  return actor.userId === null ? { kind: 'none', actor } : { kind: 'cookie', actor };
}
