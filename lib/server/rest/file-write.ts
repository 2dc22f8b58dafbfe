import 'server-only';
import { assertCan, type Actor } from '@/lib/domain/policy';
import { parseOrThrow, MAX_CONTENT_BYTES } from '@/lib/domain/schemas';
import type { ParsedTitle } from '@/lib/domain/titles';
import { errorMessage } from '@/lib/domain/error-messages';
import type { UploadOutcome } from '@/lib/domain/files/types';
import { uploadInputSchema, UPLOAD_WARNINGS, type UploadWarningKind } from '@/lib/domain/files/upload-input';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { createLimiter } from '@/lib/server/concurrency';
import { uploadFile, uploadLimits } from '@/lib/server/files/upload';
import { pageContextFor } from '@/lib/server/protection';
import { policySettings } from '@/lib/server/settings';
import { writerOf } from '@/lib/server/rest/auth';
import { RestError, restErrorResponse } from '@/lib/server/rest/errors';
import { checkMultipartHeaders, readMultipart, textField, type MultipartLimits, type MultipartPart } from '@/lib/server/rest/file-multipart';
import { fileObjectOf, fileWarningResponse, findFilePage, parseFilePath, restFileUrl } from '@/lib/server/rest/file-object';
import { jsonResponse } from '@/lib/server/rest/http';

/*
 * POST /w/rest.php/v1/file and PUT /w/rest.php/v1/file/{title}: uploads as multipart/form-data
 * (fields file, title, comment, text, and confirm/ignorewarnings for the warnings). Every upload goes
 * through uploadFile (permissions, throttle, sniffing, limits, warnings, the one transaction); this
 * module reads the request within its limits and speaks MediaWiki's REST shapes (docs/files.md REST).
 */

const MIB = 1024 * 1024;
/** Room for the fields besides the file and the text, and the parts' headers. */
const FIELDS_ROOM = 64 * 1024;

function tooLarge(maxFileBytes: number, declared: string | null): RestError {
  const size = declared === null ? 'The request body' : `The request body (${declared} bytes)`;
  return new RestError(
    'PAYLOAD_TOO_LARGE',
    'rest-too-large',
    `${size} is larger than this wiki accepts: files may be at most ${(maxFileBytes / MIB).toFixed(0)} MiB, descriptions at most ${MAX_CONTENT_BYTES / MIB} MiB.`,
  );
}

/** The most a request may carry: the largest allowed file and description, and the other fields. */
function bodyLimits(): MultipartLimits & { maxFileBytes: number } {
  const { maxBytes } = uploadLimits();
  return { maxFileBytes: maxBytes, maxBytes: maxBytes + MAX_CONTENT_BYTES + FIELDS_ROOM, tooLarge: (declared) => tooLarge(maxBytes, declared) };
}

/**
 * Uploads held and processed at once by this process; the others wait before their bodies are read
 * (unread, a body stays in the client's connection, not in our memory). Each holds up to 10 MiB
 * plus the copies the database insert makes, and on the embedded database they would queue for its
 * one connection anyway: eight 10 MiB uploads at once went past the server's 400 MB and the pool's
 * wait. Node's requestTimeout (5 minutes) bounds how long a slow client can hold a slot.
 */
const uploadSlots = createLimiter(2);

/**
 * Refuses what the headers already show (415, 413 by Content-Length), then reads and uploads in
 * one of the upload slots.
 */
function inUploadSlot<T>(request: Request, work: (parts: Map<string, MultipartPart>, file: MultipartPart) => Promise<T>): Promise<T> {
  const limits = bodyLimits();
  checkMultipartHeaders(request, limits);
  return uploadSlots.run(async () => {
    const { parts, file } = await readUploadBody(request, limits);
    return work(parts, file);
  });
}

/** The multipart body, read only up to what a largest allowed file and description need. */
async function readUploadBody(request: Request, limits: ReturnType<typeof bodyLimits>): Promise<{ parts: Map<string, MultipartPart>; file: MultipartPart }> {
  const maxBytes = limits.maxFileBytes;
  const parts = await readMultipart(request, limits);
  const file = parts.get('file');
  if (!file || file.filename === null) {
    throw new RestError('VALIDATION', 'rest-validation', 'The field "file" is missing: send the file\'s bytes as a multipart/form-data part named "file" with a filename.', {
      fieldErrors: { file: errorMessage('upload.noFile') },
    });
  }
  if (file.data.byteLength > maxBytes) throw tooLarge(maxBytes, null);
  return { parts, file };
}

/**
 * The warnings confirmed: `confirm` ("exists,duplicate", as Special:Upload sends it) or
 * MediaWiki's `ignorewarnings` (1/true: confirm them all).
 */
function confirmedWarnings(parts: Map<string, MultipartPart>): unknown {
  const ignore = textField(parts, 'ignorewarnings')?.trim().toLowerCase();
  if (ignore !== undefined && ignore !== '' && ignore !== '0' && ignore !== 'false') return [...UPLOAD_WARNINGS];
  return textField(parts, 'confirm');
}

interface UploadRequest {
  actor: Actor;
  request: Request;
  parts: Map<string, MultipartPart>;
  file: MultipartPart;
  /** PUT names the file in its path; POST in the `title` field. */
  title: ParsedTitle | null;
  /** Warnings the endpoint itself implies (PUT means "a new version": exists). */
  implied: UploadWarningKind[];
}

async function upload({ actor, request, parts, file, title, implied }: UploadRequest): Promise<{ outcome: UploadOutcome; title: ParsedTitle }> {
  const input = parseOrThrow(uploadInputSchema, {
    title: title?.prefixedText ?? textField(parts, 'title') ?? '',
    comment: textField(parts, 'comment'),
    text: textField(parts, 'text'),
    confirm: confirmedWarnings(parts),
    expect: textField(parts, 'expect'),
  });
  const confirm = [...new Set([...input.confirm, ...implied])];
  const outcome = await uploadFile({
    actor,
    title: input.title,
    bytes: file.data,
    comment: input.comment,
    text: input.text,
    ip: clientIpFromHeaders(request.headers),
    expect: input.expect,
    confirm,
  });
  return { outcome, title: input.title };
}

/** Rights checked before the body is read: a client without them gets 401/403 at once, not after sending megabytes. */
function assertMayUpload(actor: Actor, action: 'upload' | 'reupload', pageId: number | null): Promise<void> {
  return pageContextFor(pageId).then((page) => {
    const settings = policySettings();
    assertCan(actor, 'apiwrite', page, settings);
    assertCan(actor, action, page, settings);
  });
}

/**
 * POST /file: a new file (201). A name that already has a file answers 409 `fileexists` (with the
 * warning, as MediaWiki's upload API warns) unless `confirm=exists` or `ignorewarnings=1` is sent:
 * then the upload becomes a new version (200), as Special:Upload does after the uploader confirms.
 */
export async function createFile(request: Request): Promise<Response> {
  try {
    const actor = await writerOf(request);
    await assertMayUpload(actor, 'upload', null);
    return await inUploadSlot(request, async (parts, file) => {
      const { outcome, title } = await upload({ actor, request, parts, file, title: null, implied: [] });
      if (outcome.status === 'warnings') return fileWarningResponse(outcome.warnings, title);
      const body = await fileObjectOf(request, title, actor);
      return jsonResponse(body, outcome.logAction === 'upload' ? 201 : 200, { location: restFileUrl(request, title) });
    });
  } catch (error) {
    return restErrorResponse(error, request);
  }
}

/**
 * PUT /file/{title}: a new version of an existing file (200); 404 when there is no file to add a
 * version to (POST creates one). The `duplicate` warning still needs confirming.
 */
export async function updateFile(request: Request): Promise<Response> {
  try {
    const actor = await writerOf(request);
    const title = parseFilePath(request);
    const page = await findFilePage(title);
    if (page === null || page.latestVersionId === null) {
      throw new RestError(
        'NOT_FOUND',
        'rest-nonexistent-title',
        `There is no file "${title.prefixedText}" to upload a new version of. To upload it as a new file, use POST /w/rest.php/v1/file with "title" set to its name.`,
      );
    }
    await assertMayUpload(actor, 'reupload', page.pageId);
    return await inUploadSlot(request, async (parts, file) => {
      const named = textField(parts, 'title');
      if (named !== undefined && named.trim() !== '' && !sameFile(named, title)) {
        throw new RestError(
          'VALIDATION',
          'rest-validation',
          `The field "title" (${JSON.stringify(named.slice(0, 100))}) names another file than the address (${title.prefixedText}); leave it out or make them agree.`,
        );
      }
      const { outcome } = await upload({ actor, request, parts, file, title, implied: ['exists'] });
      if (outcome.status === 'warnings') return fileWarningResponse(outcome.warnings, title);
      return jsonResponse(await fileObjectOf(request, title, actor));
    });
  } catch (error) {
    return restErrorResponse(error, request);
  }
}

function sameFile(named: string, title: ParsedTitle): boolean {
  const parsed = parseOrThrow(uploadInputSchema.pick({ title: true }), { title: named });
  return parsed.title.prefixedDbKey === title.prefixedDbKey;
}
