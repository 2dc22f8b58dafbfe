import { robotsResponse } from '@/lib/server/sitemap-http';

/* /robots.txt: crawling rules and the sitemap's address (lib/domain/robots.ts). */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  return robotsResponse(request);
}
