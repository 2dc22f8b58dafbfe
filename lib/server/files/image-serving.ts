import 'server-only';
import { can } from '@/lib/domain/policy';
import { NS } from '@/lib/domain/titles';
import { FILE_HIDDEN_BITS } from '@/lib/domain/files/types';
import { parseImagePath, renderWidth, thumbnailFormat } from '@/lib/domain/files/thumbnail-sizes';
import { getDb } from '@/lib/server/db';
import { postgresBlobStore } from '@/lib/server/files/storage';
import { getThumbnail } from '@/lib/server/files/thumbnails';
import { credentialsFromRequest } from '@/lib/server/session';

/**
 * /images/{sha1}/{Name} (the original) and /images/thumb/{sha1}/{width}px-{Name} (a thumbnail),
 * docs/files.md "URLs and headers". The address names the bytes (their SHA-1), so a response never
 * changes and is cached for a year; what can change is who may see it (a version archived by the
 * file's deletion, or hidden), and that is checked on every request, before any bytes are read.
 *
 * Lean on purpose: this path serves every picture of every page. A visible version costs one
 * indexed query and one read of the bytes (none for a 304); only archived or hidden versions look
 * at the reader's credentials.
 */

/** Even a file that is a polyglot (an image that is also HTML or script) cannot run as a page here. */
const FILE_POLICY = "default-src 'none'; sandbox";
const PUBLIC_CACHE = 'public, max-age=31536000, immutable';
/** Administrators' views of deleted or hidden versions: no cache keeps them for anyone else. */
const PRIVATE_CACHE = 'private, no-store';

interface ServableVersion {
  mime: string;
  width: number;
  restricted: boolean;
}

/**
 * A version of the File page named in the address with these bytes. If several versions have
 * them (re-uploads, reverts), one readers may see wins: a visible copy makes the bytes public.
 */
async function findVersion(sha1: string, dbKey: string): Promise<ServableVersion | null> {
  const rows = await getDb().$queryRaw<{ mime: string; width: number; restricted: boolean }[]>`
    SELECT v.mime, v.width, (v.archived OR (v.hidden & ${FILE_HIDDEN_BITS.file}) <> 0) AS restricted
    FROM pages p JOIN file_versions v ON v.page_id = p.id
    WHERE p.namespace = ${NS.FILE} AND p.title = ${dbKey} AND v.sha1 = ${sha1}
    ORDER BY restricted, v.id DESC
    LIMIT 1`;
  return rows[0] ?? null;
}

function baseHeaders(cacheControl: string): Headers {
  return new Headers({
    'x-content-type-options': 'nosniff',
    'content-security-policy': FILE_POLICY,
    'cache-control': cacheControl,
  });
}

/**
 * One answer for "no such file", "not this file's bytes" and "not for you": telling them apart
 * would confirm that a hidden version exists.
 */
function notFound(): Response {
  const headers = baseHeaders('no-cache');
  headers.set('content-type', 'text/plain; charset=utf-8');
  return new Response('No such file.\n', { status: 404, headers });
}

/** If-None-Match against a strong ETag (a list, or "*"; weak forms match too, per RFC 9110's weak comparison for GET). */
function matchesEtag(request: Request, etag: string): boolean {
  const header = request.headers.get('if-none-match');
  if (header === null) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

function respond(request: Request, headers: Headers, etag: string, body: () => Promise<Uint8Array | null>): Promise<Response> | Response {
  headers.set('etag', etag);
  if (matchesEtag(request, etag)) return new Response(null, { status: 304, headers });
  return body().then((bytes) => {
    if (bytes === null) return notFound();
    headers.set('content-length', String(bytes.byteLength));
    // HEAD: the same headers, no body.
    return new Response(request.method === 'HEAD' ? null : (bytes as Uint8Array<ArrayBuffer>), { status: 200, headers });
  });
}

export async function serveImage(request: Request): Promise<Response> {
  const path = parseImagePath(new URL(request.url).pathname);
  if (path === null) return notFound();
  const version = await findVersion(path.sha1, path.name);
  if (version === null) return notFound();
  if (version.restricted) {
    const { actor } = await credentialsFromRequest(request);
    if (!can(actor, 'viewdeleted').allowed) return notFound();
  }
  const headers = baseHeaders(version.restricted ? PRIVATE_CACHE : PUBLIC_CACHE);

  if (path.kind === 'original') {
    headers.set('content-type', version.mime);
    // An SVG is a document that can carry script: its original is only ever a download (readers
    // see rasterized thumbnails), a second line of defence behind the upload's SVG checks.
    if (version.mime === 'image/svg+xml') headers.set('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(path.name)}`);
    return respond(request, headers, `"${path.sha1}"`, () => postgresBlobStore().get(path.sha1));
  }

  const width = renderWidth(path.width, version);
  const format = thumbnailFormat(version.mime, request.headers.get('accept'));
  headers.set('vary', 'Accept');
  headers.set('content-type', `image/${format}`);
  return respond(request, headers, `"${path.sha1}-${width}-${format}"`, async () => (await getThumbnail({ sha1: path.sha1, mime: version.mime }, width, format)).bytes);
}
