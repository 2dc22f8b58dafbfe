import 'server-only';
import { cache } from 'react';
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

interface SessionClaims {
  uid: number;
  sv: number;
  /** Seconds since the epoch (Infinity: none); the claims are not used after it. */
  exp: number;
}

/**
 * Decrypting a session cookie derives its key with HKDF every time, a measurable share of a signed-in
 * page view; the same cookie always decrypts to the same claims, so they are kept per cookie value
 * (until the token's own expiry; bounded). Revocation does not depend on this: the session version
 * is compared with the database on every request.
 */
const decodedCookies = new Map<string, SessionClaims | null>();
const MAX_DECODED_COOKIES = 1000;

async function sessionClaims(raw: string, secret: string): Promise<SessionClaims | null> {
  const known = decodedCookies.get(raw);
  if (known !== undefined && (known === null || known.exp * 1000 > Date.now())) return known;
  const token = await decode({ token: raw, secret }).catch(() => null);
  const claims =
    typeof token?.uid === 'number' ? { uid: token.uid, sv: typeof token.sv === 'number' ? token.sv : 0, exp: typeof token.exp === 'number' ? token.exp : Infinity } : null;
  if (decodedCookies.size >= MAX_DECODED_COOKIES) decodedCookies.delete(decodedCookies.keys().next().value!);
  decodedCookies.set(raw, claims);
  return claims;
}

async function actorForSessionCookie(raw: string | undefined): Promise<Actor> {
  if (!raw || !authOptions.secret) return ANONYMOUS;
  const claims = await sessionClaims(raw, authOptions.secret);
  return claims ? actorForUser(claims.uid, claims.sv) : ANONYMOUS;
}

/**
 * Who is acting in a Server Component or Server Action (the session cookie). Read once per request:
 * the layout, the page and the not-found boundary (which Next.js renders eagerly) all ask, and
 * React's cache() scopes the answer to the request being rendered (fresh on the next one).
 */
export const getActor = cache(async (): Promise<Actor> => {
  const store = await cookies();
  return actorForSessionCookie(SESSION_COOKIES.map((name) => store.get(name)?.value).find(Boolean));
});

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

export type RequestCredentials = { kind: 'token'; actor: Actor } | { kind: 'invalid-token'; actor: Actor } | { kind: 'cookie'; actor: Actor } | { kind: 'none'; actor: Actor };

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
