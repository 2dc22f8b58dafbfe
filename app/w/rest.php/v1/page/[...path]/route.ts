import { getHistory, refuseHistoryWrite } from '@/lib/server/rest/history';
import { isPageHistoryPath } from '@/lib/server/rest/paths';
import { getPage } from '@/lib/server/rest/read';
import { updatePage } from '@/lib/server/rest/write';

/*
 * MediaWiki REST API: GET /w/rest.php/v1/page/{title}[/bare|/html|/history] and PUT /w/rest.php/v1/page/{title}.
 * The title is read from the raw request path (titles may contain "/" sent as %2F), not from the
 * decoded [...path] segments. The logic lives in lib/server/rest.
 */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return isPageHistoryPath(request) ? getHistory(request) : getPage(request);
}

export function PUT(request: Request): Promise<Response> {
  return isPageHistoryPath(request) ? refuseHistoryWrite() : updatePage(request);
}
