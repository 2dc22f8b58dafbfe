import { getPage } from '@/lib/server/rest/read';
import { updatePage } from '@/lib/server/rest/write';

/*
 * MediaWiki REST API: GET /w/rest.php/v1/page/{title}[/bare|/html] and PUT /w/rest.php/v1/page/{title}.
 * The title is read from the raw request path (titles may contain "/" sent as %2F), not from the
 * decoded [...path] segments. The logic lives in lib/server/rest.
 */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return getPage(request);
}

export function PUT(request: Request): Promise<Response> {
  return updatePage(request);
}
