import { createPage } from '@/lib/server/rest/write';

// MediaWiki REST API: POST /w/rest.php/v1/page creates a page. The logic lives in lib/server/rest.
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return createPage(request);
}
