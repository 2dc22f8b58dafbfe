import 'server-only';
import type { Actor } from '@/lib/domain/policy';
import { NS, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { mediaTypeOf } from '@/lib/domain/files/media-types';
import type { FileVersionInfo, UploadWarning } from '@/lib/domain/files/types';
import { parseDestination } from '@/lib/domain/files/upload-input';
import { DEFAULT_THUMB_WIDTH, originalUrl, renderWidth, thumbnailUrl } from '@/lib/domain/files/thumbnail-sizes';
import { getDb } from '@/lib/server/db';
import { fileDetails } from '@/lib/server/files/file-queries';
import { RestError, restErrorResponse } from '@/lib/server/rest/errors';
import { encodeRestTitle, jsonResponse, requestOrigin } from '@/lib/server/rest/http';
import { mediaWikiTimestamp } from '@/lib/server/rest/page-object';
import { quoteInput } from '@/lib/server/rest/paths';
import { credentialsFromRequest } from '@/lib/server/session';

/**
 * The file object of MediaWiki's REST API (Core REST API, "Media files": File object), field for
 * field: title, file_description_url, latest {timestamp, user {id, name}}, and preferred, original
 * and thumbnail, each {mediatype, size, width, height, duration, url}. As MediaWiki: size is given
 * for the original only; duration is null for images.
 */
export const REST_FILE_PATH = '/w/rest.php/v1/file';

export interface RestFileFormat {
  mediatype: string;
  size: number | null;
  width: number;
  height: number;
  duration: null;
  url: string;
}

export interface RestFile {
  title: string;
  file_description_url: string;
  latest: { timestamp: string; user: { id: number; name: string } };
  preferred: RestFileFormat;
  original: RestFileFormat;
  thumbnail: RestFileFormat;
}

/** MediaWiki's defaults: the preview fits $wgImageLimits' 800×600, the thumbnail is $wgThumbLimits' 250 px wide. */
const PREFERRED_BOX = { width: 800, height: 600 };

function scaled(version: FileVersionInfo, sha1: string, name: string, origin: string, wanted: number): RestFileFormat {
  const width = renderWidth(wanted, version);
  return {
    mediatype: mediaTypeOf(version.mime)?.kind ?? 'UNKNOWN',
    size: null,
    width,
    height: Math.max(1, Math.round((version.height * width) / version.width)),
    duration: null,
    url: `${origin}${thumbnailUrl(sha1, name, width)}`,
  };
}

/** The width at which the image fits the box, never wider than the original (for bitmaps). */
function fitWidth(version: FileVersionInfo): number {
  const byHeight = Math.floor((PREFERRED_BOX.height * version.width) / version.height);
  return Math.max(1, Math.min(PREFERRED_BOX.width, byHeight));
}

export function restFileObject(origin: string, title: ParsedTitle, version: FileVersionInfo & { sha1: string }): RestFile {
  const name = title.dbKey;
  return {
    title: title.prefixedText,
    file_description_url: `${origin}${titleToUrlPath(title)}`,
    latest: { timestamp: mediaWikiTimestamp(version.createdAt), user: { id: version.uploader.id, name: version.uploader.name } },
    preferred: scaled(version, version.sha1, name, origin, fitWidth(version)),
    original: {
      mediatype: mediaTypeOf(version.mime)?.kind ?? 'UNKNOWN',
      size: version.size,
      width: version.width,
      height: version.height,
      duration: null,
      url: `${origin}${originalUrl(version.sha1, name)}`,
    },
    thumbnail: scaled(version, version.sha1, name, origin, DEFAULT_THUMB_WIDTH),
  };
}

function missing(title: ParsedTitle): RestError {
  return new RestError(
    'NOT_FOUND',
    'rest-nonexistent-title',
    `There is no file "${title.prefixedText}". Upload it with POST ${REST_FILE_PATH} (multipart/form-data with "file" and "title").`,
  );
}

/** The file object as this viewer may see it; 404 when there is no file or its current version is withheld. */
export async function fileObjectOf(request: Request, title: ParsedTitle, viewer: Actor): Promise<RestFile> {
  const details = await fileDetails(title, viewer);
  const latest = details?.latest;
  if (!latest || latest.sha1 === null || latest.archived) throw missing(title);
  return restFileObject(requestOrigin(request), title, { ...latest, sha1: latest.sha1 });
}

/** The File: page and its current version id, or null when the page does not exist. */
export async function findFilePage(title: ParsedTitle): Promise<{ pageId: number; latestVersionId: number | null } | null> {
  const page = await getDb().page.findUnique({
    where: { namespace_title: { namespace: NS.FILE, title: title.dbKey } },
    select: { id: true, file: { select: { latestVersionId: true } } },
  });
  return page ? { pageId: page.id, latestVersionId: page.file?.latestVersionId ?? null } : null;
}

/**
 * The title of /w/rest.php/v1/file/{title}: "File:Logo.png" as MediaWiki's clients send it, or
 * "Logo.png". Read from the raw path and decoded once, as the page endpoints do.
 */
export function parseFilePath(request: Request): ParsedTitle {
  const pathname = new URL(request.url).pathname;
  const raw = pathname.startsWith(`${REST_FILE_PATH}/`) ? pathname.slice(REST_FILE_PATH.length + 1) : '';
  let input: string;
  try {
    input = decodeURIComponent(raw);
  } catch {
    throw new RestError('BAD_TITLE', 'rest-invalid-title', `The file name in the address, ${quoteInput(raw)}, has malformed percent-encoding.`);
  }
  const parsed = parseDestination(input);
  if (!parsed.ok || parsed.title.namespace !== NS.FILE) {
    throw new RestError('BAD_TITLE', 'rest-invalid-title', `Invalid file title ${quoteInput(input)}${parsed.ok ? '' : `: ${parsed.message}`}.`);
  }
  return parsed.title;
}

export function restFileUrl(request: Request, title: ParsedTitle): string {
  return `${requestOrigin(request)}${REST_FILE_PATH}/${encodeRestTitle(title)}`;
}

/**
 * Upload warnings (docs/files.md REST): nothing was written; 409 in MediaWiki's error shape with
 * errorKey "upload-warnings" and the warnings, for the client to confirm with `confirm`.
 */
export function fileWarningResponse(warnings: UploadWarning[], title: ParsedTitle): Response {
  const sentences = warnings.map((warning) =>
    warning.code === 'exists'
      ? `A file named "${title.prefixedText}" already exists (version ${warning.latestVersionId}): to upload a new version of it, send the same fields to PUT ${REST_FILE_PATH}/{title} with "confirm" = "exists" and "expect" = ${warning.latestVersionId}.`
      : `The same file is already uploaded as ${warning.titles.join(', ')}: to upload it again anyway, send the same fields with "confirm" = "duplicate".`,
  );
  const body = {
    messageTranslations: { en: `Nothing was uploaded. ${sentences.join(' ')}` },
    httpCode: 409,
    httpReason: 'Conflict',
    errorKey: 'upload-warnings',
    warnings,
  };
  return jsonResponse(body, 409);
}

/** GET /file/{title}: the file as the reader may see it (an archived or withheld current version is 404). */
export async function getFile(request: Request): Promise<Response> {
  try {
    const title = parseFilePath(request);
    const { actor } = await credentialsFromRequest(request);
    return jsonResponse(await fileObjectOf(request, title, actor));
  } catch (error) {
    return restErrorResponse(error, request);
  }
}
