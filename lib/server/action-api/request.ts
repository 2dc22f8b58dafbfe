import 'server-only';
import { ApiError } from '@/lib/domain/action-api/errors';
import { uploadLimits } from '@/lib/server/files/upload';
import { readBodyWithLimit } from '@/lib/server/request-body';

/*
 * The parameters of an api.php request, from the query string and, for a POST, the body
 * (application/x-www-form-urlencoded or multipart/form-data, as MediaWiki takes them; body
 * parameters win over query ones, as PHP's $_REQUEST with MediaWiki's ordering). The body is read
 * with a running byte count, so a client cannot make the server hold more than the limit by
 * leaving out Content-Length or lying in it.
 */

const MIB = 1024 * 1024;
/** Page text is at most 2 MiB; form encoding can triple it (%XX), plus the other fields. */
const MAX_FORM_BYTES = 7 * MIB;

export interface ApiRequestData {
  posted: boolean;
  entries: [string, string][];
  /** The files of a multipart body (action=upload's "file"). */
  files: Map<string, File>;
}

function maxBodyBytes(mediaType: string): number {
  return mediaType === 'multipart/form-data' ? uploadLimits().maxBytes + MIB : MAX_FORM_BYTES;
}

function tooBig(maxBytes: number): ApiError {
  return new ApiError('toobig', `The request body is larger than ${(maxBytes / MIB).toFixed(0)} MiB, the most api.php accepts here (files: WIKI_UPLOAD_MAX_MB).`, {
    status: 413,
  });
}

async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooBig(maxBytes);
  return readBodyWithLimit(request.body, maxBytes, () => tooBig(maxBytes));
}

async function bodyForm(request: Request, contentType: string, mediaType: string): Promise<FormData> {
  const bytes = await readLimited(request, maxBodyBytes(mediaType));
  try {
    return await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new ApiError('badvalue', `The request body could not be read as ${mediaType}: check that it is encoded as its Content-Type says.`);
  }
}

export async function readApiRequest(request: Request): Promise<ApiRequestData> {
  const entries: [string, string][] = [...new URL(request.url).searchParams.entries()];
  const files = new Map<string, File>();
  if (request.method !== 'POST') return { posted: false, entries, files };
  const contentType = request.headers.get('content-type') ?? '';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded' && mediaType !== 'multipart/form-data') {
    if ((request.headers.get('content-length') ?? '0') === '0' && !request.body) return { posted: true, entries, files };
    throw new ApiError(
      'badcontenttype',
      `api.php takes its parameters as application/x-www-form-urlencoded or multipart/form-data, not "${contentType.slice(0, 80) || 'no Content-Type'}".`,
      { status: 415 },
    );
  }
  for (const [name, value] of (await bodyForm(request, contentType, mediaType)).entries()) {
    if (typeof value === 'string') entries.push([name, value]);
    else files.set(name, value);
  }
  return { posted: true, entries, files };
}
