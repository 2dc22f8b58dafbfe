import { getHistory, refuseHistoryWrite } from '@/lib/server/rest/history';
import { getHistoryCount } from '@/lib/server/rest/history-counts';
import { isPageHistoryCountsPath, isPageHistoryPath } from '@/lib/server/rest/paths';
import { getPage } from '@/lib/server/rest/read';
import { updatePage } from '@/lib/server/rest/write';
import { wrongMethod } from '@/lib/server/rest/no-route';

/*
 * MediaWiki REST API: GET /w/rest.php/v1/page/{title}[/bare|/html|/with_html|/history|/history/counts/{type}]
 * and PUT /w/rest.php/v1/page/{title}. The title is read from the raw request path (titles may
 * contain "/" sent as %2F), not from the decoded [...path] segments. The logic lives in lib/server/rest.
 */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  if (isPageHistoryCountsPath(request)) return getHistoryCount(request);
  return isPageHistoryPath(request) ? getHistory(request) : getPage(request);
}

export function PUT(request: Request): Promise<Response> {
  return isPageHistoryPath(request) || isPageHistoryCountsPath(request) ? refuseHistoryWrite() : updatePage(request);
}

// Other methods: MediaWiki's 405 in its JSON shape, not Next's empty one.
export const POST = wrongMethod(['GET', 'PUT']);
export const DELETE = wrongMethod(['GET', 'PUT']);
export const PATCH = wrongMethod(['GET', 'PUT']);
