import { historyFeed } from '@/lib/server/feeds';

/*
 * The Atom feed of a page's history. Readers subscribe to /wiki/<Title>?action=history&feed=atom,
 * which proxy.ts rewrites here (a page cannot answer with XML). The logic lives in lib/server/feeds.ts.
 */
export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: { params: Promise<{ title: string[] }> }): Promise<Response> {
  return historyFeed(request, (await context.params).title);
}
