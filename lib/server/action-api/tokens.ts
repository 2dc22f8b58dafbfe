import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { authOptions } from '@/lib/server/auth';

/*
 * The tokens of api.php (meta=tokens), as MediaWiki's: opaque strings ending in "+\" (a client
 * that mangles the backslash or the plus sign is caught at once), derived from the wiki's secret
 * and what identifies the session, so nothing is stored. An anonymous session's csrf token is the
 * bare "+\", as on MediaWiki. The login token is bound to a random value in a cookie that only
 * this wiki can have set, so a login cannot be forged from another site.
 */

export const TOKEN_SUFFIX = '+\\';
export const TOKEN_TYPES = ['csrf', 'watch', 'patrol', 'rollback', 'userrights', 'login', 'createaccount'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

/** The cookie holding the login token's random value. */
export const LOGIN_NONCE_COOKIE = 'wiki_api_login';

/** Without NEXTAUTH_SECRET (a development server), tokens are valid for this process's lifetime. */
let processSecret: string | null = null;

export function apiSecret(): string {
  if (authOptions.secret) return authOptions.secret;
  processSecret ??= randomBytes(32).toString('hex');
  return processSecret;
}

export function signed(purpose: string): string {
  return createHmac('sha256', apiSecret()).update(purpose).digest('hex');
}

/** A session's token of this type; `seed` null is an anonymous session. */
export function tokenFor(type: TokenType, seed: string | null): string {
  if (seed === null) return TOKEN_SUFFIX;
  return `${signed(`token|${type}|${seed}`).slice(0, 32)}${TOKEN_SUFFIX}`;
}

/** Compared in constant time: a token is a secret. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newLoginNonce(): string {
  return randomBytes(16).toString('hex');
}

export function loginTokenFor(nonce: string): string {
  return tokenFor('login', `login|${nonce}`);
}
