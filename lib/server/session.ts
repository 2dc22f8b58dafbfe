import 'server-only';
import { cache } from 'react';
import { decode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { authOptions } from '@/lib/server/auth';
import { loadActor, loadActorWithPreferences } from '@/lib/server/actors';
import { userIdForToken } from '@/lib/server/api-tokens';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { DEFAULT_DISPLAY, type ViewerDisplay } from '@/lib/domain/display-preferences';

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

/** A page request's reader: who acts, and how they want pages shown. */
interface Viewer {
  actor: Actor;
  display: ViewerDisplay;
}

const ANONYMOUS_VIEWER: Viewer = { actor: ANONYMOUS, display: DEFAULT_DISPLAY };

async function viewerForSessionCookie(raw: string | undefined): Promise<Viewer> {
  if (!raw || !authOptions.secret) return ANONYMOUS_VIEWER;
  const claims = await sessionClaims(raw, authOptions.secret);
  const loaded = claims ? await loadActorWithPreferences(claims.uid, claims.sv) : null;
  if (!loaded) return ANONYMOUS_VIEWER;
  const { interfaceLanguage, timeZone, dateFormat, theme } = loaded.preferences;
  return { actor: loaded.actor, display: { interfaceLanguage, timeZone, dateFormat, theme } };
}

/**
 * The reader of the request being rendered (session cookie): the actor and their display
 * preferences, read in the same query. Read once per request: the layout, the page, the not-found
 * boundary (which Next.js renders eagerly) and next-intl's request configuration all ask, and
 * React's cache() scopes the answer to the request being rendered (fresh on the next one).
 */
const getViewer = cache(async (): Promise<Viewer> => {
  const store = await cookies();
  return viewerForSessionCookie(SESSION_COOKIES.map((name) => store.get(name)?.value).find(Boolean));
});

/** Who is acting in a Server Component or Server Action (the session cookie), once per request. */
export const getActor = cache(async (): Promise<Actor> => (await getViewer()).actor);

/**
 * The signed-in reader's language, time zone, date format and theme; the defaults for anonymous
 * readers, whose pages the page cache may store and so must not depend on anyone's preferences.
 */
export const getViewerDisplay = cache(async (): Promise<ViewerDisplay> => (await getViewer()).display);

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
