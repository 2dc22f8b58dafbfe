import { recentChangesFeed } from '@/lib/server/feeds';

/*
 * The Atom feed of Special:RecentChanges. Readers subscribe to /wiki/Special:RecentChanges?feed=atom,
 * which proxy.ts rewrites here (a page cannot answer with XML). The logic lives in lib/server/feeds.ts.
 */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return recentChangesFeed(request);
}
