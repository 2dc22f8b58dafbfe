import { getRevisionEndpoint } from '@/lib/server/rest/revision';

/*
 * MediaWiki REST API: GET /w/rest.php/v1/revision/{id}[/bare|/html] and
 * GET /w/rest.php/v1/revision/{from}/compare/{to}. The logic lives in lib/server/rest/revision.ts.
 */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return getRevisionEndpoint(request);
}
