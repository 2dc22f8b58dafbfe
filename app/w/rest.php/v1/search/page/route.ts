import { searchPageEndpoint } from '@/lib/server/rest/search';

/* MediaWiki REST API: GET /w/rest.php/v1/search/page?q=…&limit=… (full-text search). */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return searchPageEndpoint(request);
}
