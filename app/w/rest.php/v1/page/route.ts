import { createPage, missingTitle } from '@/lib/server/rest/write';
import { wrongMethod } from '@/lib/server/rest/no-route';

/*
 * MediaWiki REST API: POST /w/rest.php/v1/page creates a page. GET or PUT here is /page/{title}
 * with the title left out (Next.js folds "/page/" into "/page"): 400 naming the missing title, as
 * MediaWiki's parameter check answers. The logic lives in lib/server/rest.
 */
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return createPage(request);
}

export const GET = missingTitle;
export const PUT = missingTitle;
export const DELETE = wrongMethod(['POST']);
export const PATCH = wrongMethod(['POST']);
