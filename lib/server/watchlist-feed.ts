import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { getDb, readFromPrimary } from '@/lib/server/db';
import { feedErrorResponse } from '@/lib/server/feeds';
import { loadActor } from '@/lib/server/actors';
import { requestOrigin } from '@/lib/server/rest/http';
import { getSiteName } from '@/lib/server/site';
import { getWatchlistChanges } from '@/lib/server/watchlist';
import { ATOM_CONTENT_TYPE, buildChangesFeed, FEED_LIMIT, renderAtom, watchlistFeedHref, type FeedChange } from '@/lib/domain/atom';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { assertCan, type Actor } from '@/lib/domain/policy';
import { readPreferences } from '@/lib/domain/preferences';
import { watchlistOptions } from '@/lib/domain/watchlist';

/*
 * The private Atom feed of a watchlist (MediaWiki's watchlist feed with wlowner/wltoken): feed
 * readers carry no session cookie, so the address itself is the credential. It holds a per-user
 * secret token; the database keeps only its SHA-256 (users.watchlist_token), as for API tokens, so
 * a leaked database or backup does not open anyone's feed. Resetting replaces the hash: the old
 * address stops working at once. proxy.ts rewrites /wiki/Special:Watchlist?feed=atom&token=… to
 * app/w/feeds/watchlist, which calls watchlistFeed. docs/watchlist.md, "Private feed".
 */

/** A recognizable prefix (secret scanners, support requests), then 32 random bytes. */
const TOKEN_PREFIX = 'wlf_';
/** Longer than any token we issue: refused without hashing whatever a client sent. */
const MAX_TOKEN_LENGTH = 100;

/**
 * Per-user secret content: no shared cache (proxy, CDN) may keep it, and a browser should not
 * store a copy either. Errors get the same, so nothing about a token's validity is cached.
 */
const CACHE_CONTROL = 'private, no-store';

const PRIVATE_HEADERS = {
  'cache-control': CACHE_CONTROL,
  'x-content-type-options': 'nosniff',
  // The address holds the token: a link followed from a browser's view of the feed must not send it on.
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
};

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * A new feed token for `actor`, replacing any previous one (which stops working). Only its hash is
 * stored: the token is returned to be shown once, as MediaWiki's "Reset token" does.
 */
export async function resetWatchlistFeedToken(actor: Actor): Promise<string> {
  assertCan(actor, 'viewmywatchlist');
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const { count } = await getDb().user.updateMany({ where: { id: actor.userId! }, data: { watchlistToken: hashToken(token) } });
  if (count === 0) throw new AppError('NOT_FOUND', errorMessage('watchlist.feedToken'));
  return token;
}

/** Whether `actor` has a feed token (the preferences page offers "reset" rather than "create"). */
export async function hasWatchlistFeedToken(actor: Actor): Promise<boolean> {
  if (actor.userId === null) return false;
  const user = await getDb().user.findUnique({ where: { id: actor.userId }, select: { watchlistToken: true } });
  return user?.watchlistToken != null;
}

interface FeedOwner {
  actor: Actor;
  preferences: unknown;
}

/**
 * The account a token opens, as the Actor it is on every other request (role, block), so hidden
 * revisions are redacted exactly as for that user signed in. null for an unknown or reset token,
 * and for an account that can no longer act (a system account).
 */
async function feedOwner(token: string): Promise<FeedOwner | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > MAX_TOKEN_LENGTH) return null;
  // From the primary: a reset must close the old address at once, whatever a replica's lag.
  const user = await readFromPrimary(() => getDb().user.findUnique({ where: { watchlistToken: hashToken(token) }, select: { id: true, preferences: true } }));
  if (!user) return null;
  const actor = await loadActor(user.id);
  return actor ? { actor, preferences: user.preferences } : null;
}

/** The query as watchlistOptions reads it: each parameter's first value, as URLSearchParams.get. */
function queryOf(search: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of search) if (!(name in query)) query[name] = value;
  return query;
}

/** GET /w/feeds/watchlist?token=…: the newest changes to the pages the token's owner watches. */
export async function watchlistFeed(request: Request): Promise<Response> {
  try {
    const search = new URL(request.url).searchParams;
    const token = (search.get('token') ?? '').trim();
    if (token === '') throw new AppError('VALIDATION', errorMessage('watchlist.feedTokenMissing'));
    const owner = await feedOwner(token);
    if (!owner) throw new AppError('FORBIDDEN', errorMessage('watchlist.feedToken'));
    // The owner's Special:Watchlist defaults, overridden by the address's own days/hideminor/hidemyself/extended.
    const options = watchlistOptions(queryOf(search), readPreferences(owner.preferences));
    const [{ rows }, siteName] = await Promise.all([getWatchlistChanges(owner.actor, { ...options, limit: FEED_LIMIT }), getSiteName()]);
    const origin = requestOrigin(request);
    const name = owner.actor.name;
    const feed = buildChangesFeed({
      origin,
      feedPath: watchlistFeedHref(token),
      // Stable across token resets, and free of the secret: one feed per account. No "&" in it, which
      // feedsmith would wrap in an indented CDATA section, adding whitespace to the id.
      id: `${origin}/wiki/Special:Watchlist?feed=atom#user-${owner.actor.userId}`,
      htmlPath: '/wiki/Special:Watchlist',
      title: `${siteName} – Watchlist of ${name}`,
      subtitle: `Changes in the last ${options.days === 1 ? 'day' : `${options.days} days`} to the pages ${name} watches on ${siteName}.`,
      changes: rows satisfies FeedChange[],
      now: new Date(),
    });
    return new Response(renderAtom(feed), { status: 200, headers: { 'content-type': ATOM_CONTENT_TYPE, ...PRIVATE_HEADERS } });
  } catch (error) {
    return feedErrorResponse(error, PRIVATE_HEADERS);
  }
}
