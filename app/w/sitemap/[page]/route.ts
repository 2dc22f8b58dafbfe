import { sitemapResponse } from '@/lib/server/sitemap-http';

/*
 * /sitemap-<n>.xml, which next.config.ts rewrites here: Next.js cannot route a segment that is
 * partly a parameter, and a sitemap may only list URLs under its own directory, so its public
 * address stays at the root.
 */
export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: { params: Promise<{ page: string }> }): Promise<Response> {
  return sitemapResponse(request, (await context.params).page);
}
