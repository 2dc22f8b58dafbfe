import { sitemapIndexResponse } from '@/lib/server/sitemap-http';

/* /sitemap.xml: the index of the paged sitemaps (lib/server/sitemap-http.ts). */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return sitemapIndexResponse(request);
}
