import { watchlistFeed } from '@/lib/server/watchlist-feed';

/*
 * The private Atom feed of a watchlist. Readers subscribe to
 * /wiki/Special:Watchlist?feed=atom&token=…, which proxy.ts rewrites here (a page cannot answer with
 * XML). The token is the credential; the logic lives in lib/server/watchlist-feed.ts.
 */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return watchlistFeed(request);
}
