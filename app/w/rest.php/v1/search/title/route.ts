import { searchTitleEndpoint } from '@/lib/server/rest/search';

/* MediaWiki REST API: GET /w/rest.php/v1/search/title?q=…&limit=… (title prefix search, for autocompletion). */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return searchTitleEndpoint(request);
}
