import { getFile } from '@/lib/server/rest/file-object';
import { updateFile } from '@/lib/server/rest/file-write';

/*
 * MediaWiki REST API: GET /w/rest.php/v1/file/{title} (the file object) and, this wiki's own,
 * PUT /w/rest.php/v1/file/{title} (a new version, multipart/form-data). The title is read from the
 * raw request path. The logic lives in lib/server/rest.
 */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return getFile(request);
}

export function PUT(request: Request): Promise<Response> {
  return updateFile(request);
}
