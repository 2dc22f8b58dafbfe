import 'server-only';
import { ApiError } from '@/lib/domain/action-api/errors';
import type { ApiParams } from '@/lib/domain/action-api/params';
import { apiTimestamp } from '@/lib/domain/action-api/result';
import { apiComment } from '@/lib/domain/action-api/write-params';
import { isAppError } from '@/lib/domain/errors';
import { mediaTypeOf } from '@/lib/domain/files/media-types';
import { originalUrl } from '@/lib/domain/files/thumbnail-sizes';
import type { FileVersionInfo, UploadOutcome, UploadWarning } from '@/lib/domain/files/types';
import { uploadInputSchema, UPLOAD_WARNINGS } from '@/lib/domain/files/upload-input';
import { parseOrThrow } from '@/lib/domain/schemas';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { fileDetails } from '@/lib/server/files/file-queries';
import { uploadFile } from '@/lib/server/files/upload';
import { requestOrigin } from '@/lib/server/rest/http';
import type { ApiContext, ApiModule } from '@/lib/server/action-api/module';
import { applyWatchlist, assertApiWrite, watchlistParams, watchStateBefore } from '@/lib/server/action-api/write-common';

/*
 * action=upload, as MediaWiki's ApiUpload for a file sent in the request (multipart/form-data,
 * field "file"), through uploadFile: the same rights, throttles, limits, type sniffing and
 * warnings as Special:Upload and the REST file endpoints. Without ignorewarnings an upload that
 * warns saves nothing and answers result "Warning", as MediaWiki does; this wiki keeps no upload
 * stash, so there is no filekey to finish it with: the client sends the file again with
 * ignorewarnings. Uploads from a URL are off, as MediaWiki's $wgAllowCopyUploads default.
 */

function refuseOtherSources(params: ApiParams): void {
  if (params.has('url')) throw new ApiError('copyuploaddisabled', 'Upload by URL disabled.');
  const filekey = params.string('filekey') ?? params.string('sessionkey');
  if (filekey !== undefined) throw new ApiError('stashnosuchfilekey', `No such filekey: ${filekey.slice(0, 100)}.`);
  if (params.flag('stash') || params.has('chunk') || params.has('offset') || params.has('filesize')) {
    throw new ApiError('stashfailed', 'This wiki keeps no upload stash and takes no chunks: send the whole file in the "file" field of one request.');
  }
}

function fileOf(context: ApiContext): File {
  const file = context.files.get('file');
  if (file) return file;
  if (context.params.has('file')) {
    throw new ApiError(
      'badupload_file',
      'File upload param "file" is not a file upload; be sure to use multipart/form-data for your POST and include a filename in the Content-Disposition header.',
    );
  }
  throw new ApiError('missingparam', 'The "file" parameter must be set: send the file as a multipart/form-data part named "file".');
}

/** MediaWiki's warnings object: file names without "File:", as its ApiUpload::transformWarnings gives them. */
function warningsOf(warnings: readonly UploadWarning[], title: ParsedTitle): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const warning of warnings) {
    if (warning.code === 'exists') out.exists = title.text;
    else out.duplicate = warning.titles.map((name) => name.replace(/^File:/u, ''));
  }
  return out;
}

/** The uploaded version as MediaWiki's imageinfo describes it (iiprop's usual fields). */
function imageInfo(origin: string, title: ParsedTitle, version: FileVersionInfo): Record<string, unknown> {
  const mediaType = mediaTypeOf(version.mime)?.kind ?? 'UNKNOWN';
  return {
    timestamp: apiTimestamp(version.createdAt),
    user: version.uploader.name,
    userid: version.uploader.id,
    size: version.size,
    width: version.width,
    height: version.height,
    comment: version.comment,
    canonicaltitle: title.prefixedText,
    ...(version.sha1 ? { url: `${origin}${originalUrl(version.sha1, title.dbKey)}`, sha1: version.sha1 } : {}),
    descriptionurl: `${origin}${titleToUrlPath(title)}`,
    mime: version.mime,
    mediatype: mediaType,
  };
}

async function upload(context: ApiContext, title: string, bytes: Uint8Array): Promise<{ outcome: UploadOutcome; title: ParsedTitle }> {
  const { params, session, request } = context;
  const ignore = params.flag('ignorewarnings');
  let input;
  try {
    input = parseOrThrow(uploadInputSchema, {
      title,
      comment: apiComment(params.string('comment')),
      text: params.string('text') ?? '',
      confirm: ignore ? [...UPLOAD_WARNINGS] : [],
      expect: '',
    });
  } catch (error) {
    if (isAppError(error) && error.fieldErrors?.title !== undefined) throw new ApiError('illegal-filename', `The filename is not allowed: ${error.fieldErrors.title}`);
    throw error;
  }
  assertApiWrite(session.actor);
  try {
    const outcome = await uploadFile({
      actor: session.actor,
      title: input.title,
      bytes,
      comment: input.comment,
      text: input.text,
      ip: clientIpFromHeaders(request.headers),
      expect: null,
      confirm: input.confirm,
    });
    return { outcome, title: input.title };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const key = typeof error.text !== 'string' ? error.text.key : '';
    if (key === 'fileUpload.duplicateVersion')
      throw new ApiError('fileexists-no-change', `The upload is an exact duplicate of the current version of ${input.title.prefixedText}.`);
    // MediaWiki's codes for a refused type and an oversized file; the wiki's own message says what it takes.
    if (error.code === 'UNSUPPORTED_MEDIA_TYPE') throw new ApiError('filetype-banned', error.message);
    if (key === 'fileUpload.tooLarge') throw new ApiError('file-too-large', error.message);
    if (error.code === 'VALIDATION' && error.fieldErrors?.title !== undefined) throw new ApiError('filetype-mime-mismatch', error.message);
    throw error;
  }
}

export const uploadModule: ApiModule = {
  mustBePosted: true,
  needsToken: 'csrf',
  writes: true,
  async run(context) {
    const { params, session, request } = context;
    const filename = params.requiredString('filename');
    refuseOtherSources(params);
    const file = fileOf(context);
    const watchlist = watchlistParams(params);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const { outcome, title } = await upload(context, filename, bytes);
    if (outcome.status === 'warnings') return { upload: { result: 'Warning', warnings: warningsOf(outcome.warnings, title), filename: title.text } };
    const before = await watchStateBefore(session.actor, watchlist, [title]);
    await applyWatchlist(session.actor, watchlist, [title], before);
    const details = await fileDetails(title, session.actor);
    const latest = details?.latest;
    return { upload: { result: 'Success', filename: title.text, ...(latest ? { imageinfo: imageInfo(requestOrigin(request), title, latest) } : {}) } };
  },
};
