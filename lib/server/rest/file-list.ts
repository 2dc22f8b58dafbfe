import 'server-only';
import { fieldErrorsOf } from '@/lib/domain/schemas';
import { fileNamePattern, fileSearchQuerySchema, type FileSearchQuery } from '@/lib/domain/files/file-search-input';
import { makeParsedTitle, NS } from '@/lib/domain/titles';
import { listFiles } from '@/lib/server/files/file-queries';
import { restFileObject, type RestFile } from '@/lib/server/rest/file-object';
import { RestError, restErrorResponse } from '@/lib/server/rest/errors';
import { jsonResponse, requestOrigin } from '@/lib/server/rest/http';
import { credentialsFromRequest } from '@/lib/server/session';

/**
 * GET /w/rest.php/v1/file?q=&limit= (this wiki's own; MediaWiki's REST API lists no files, its
 * Action API has list=allimages): the current files whose name contains `q`, newest upload first,
 * as { files: [file object] } with the same file objects as GET /file/{title} (title, latest,
 * preferred, original, thumbnail). The editor's Insert image picker reads it. Files whose current
 * version is archived or withheld from the reader are left out, as on Special:ListFiles.
 */
function parseQuery(request: Request): FileSearchQuery {
  const params = new URL(request.url).searchParams;
  const result = fileSearchQuerySchema.safeParse({ q: params.get('q') ?? undefined, limit: params.get('limit') ?? undefined });
  if (result.success) return result.data;
  const fieldErrors = fieldErrorsOf(result.error);
  const [field, message] = Object.entries(fieldErrors)[0] ?? ['q', 'The query is not valid.'];
  throw new RestError('VALIDATION', field === 'limit' ? 'paramvalidator-outofrange' : 'paramvalidator-maxlength', message, { fieldErrors });
}

export async function listFilesEndpoint(request: Request): Promise<Response> {
  try {
    const { q, limit } = parseQuery(request);
    const { actor } = await credentialsFromRequest(request);
    const page = await listFiles({ viewer: actor, limit, namePattern: q === '' ? undefined : fileNamePattern(q) });
    const origin = requestOrigin(request);
    const files: RestFile[] = page.rows.flatMap((row) =>
      row.latest.sha1 === null ? [] : [restFileObject(origin, makeParsedTitle(NS.FILE, row.name), { ...row.latest, sha1: row.latest.sha1 })],
    );
    return jsonResponse({ files });
  } catch (error) {
    return restErrorResponse(error, request);
  }
}
