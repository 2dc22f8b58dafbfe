import type { UploadWarning } from '@/lib/domain/files/types';
import { encodeTitleForUrl } from '@/lib/domain/titles';

/**
 * Special:Upload's request to the REST API (POST /w/rest.php/v1/file, or PUT /file/{title} for a
 * new version; docs/files.md "REST"). XMLHttpRequest rather than fetch: only it reports how much
 * of the body has been sent, which the progress bar shows. The session cookie goes along (same
 * origin), as for any form of the wiki.
 */

export const UPLOAD_ENDPOINT = '/w/rest.php/v1/file';

export interface UploadRequest {
  file: File;
  /** "File:Logo.png". */
  title: string;
  comment: string;
  text: string;
  /** Warnings confirmed (resending after them), and the version the uploader saw as the latest. */
  confirm: readonly string[];
  expect: number | null;
  /** A new version of an existing file (PUT) rather than a new file (POST). */
  newVersion: boolean;
}

export type UploadResponse =
  | { kind: 'uploaded'; href: string }
  | { kind: 'warnings'; warnings: UploadWarning[] }
  /** Refused: the server's own message (null when it gave none) and the HTTP status. */
  | { kind: 'refused'; status: number; message: string | null }
  /** The request never got an answer (network, aborted). */
  | { kind: 'network' };

interface ErrorBody {
  errorKey?: unknown;
  messageTranslations?: Record<string, unknown>;
  warnings?: unknown;
  file_description_url?: unknown;
}

function parseBody(text: string): ErrorBody | null {
  try {
    const body: unknown = JSON.parse(text);
    return body && typeof body === 'object' ? (body as ErrorBody) : null;
  } catch {
    return null;
  }
}

/** Where to go after an upload: the file description page the server names, if it is ours. */
function descriptionHref(body: ErrorBody | null, title: string): string {
  const url = body?.file_description_url;
  if (typeof url === 'string') {
    // Only a path on this site: an absolute address from the answer is reduced to its path.
    const parsed = new URL(url, window.location.origin);
    if (parsed.origin === window.location.origin) return `${parsed.pathname}${parsed.search}`;
  }
  return `/wiki/${encodeTitleForUrl(title.replaceAll(' ', '_'))}`;
}

function responseOf(status: number, text: string, title: string): UploadResponse {
  const body = parseBody(text);
  if (status === 200 || status === 201) return { kind: 'uploaded', href: descriptionHref(body, title) };
  if (status === 409 && body?.errorKey === 'upload-warnings' && Array.isArray(body.warnings)) {
    return { kind: 'warnings', warnings: body.warnings as UploadWarning[] };
  }
  // MediaWiki's errors carry the message per language: the page's own if the server sent it, else English.
  const translations = body?.messageTranslations ?? {};
  const message = [translations[document.documentElement.lang], translations.en].find((text) => typeof text === 'string');
  return { kind: 'refused', status, message: typeof message === 'string' ? message : null };
}

/** Sends the upload; `onProgress` gets the share of the body sent (0 to 1). */
export function sendUpload(request: UploadRequest, onProgress: (sent: number) => void): Promise<UploadResponse> {
  const form = new FormData();
  form.append('file', request.file, request.file.name);
  form.append('title', request.title);
  form.append('comment', request.comment);
  form.append('text', request.text);
  if (request.confirm.length > 0) form.append('confirm', request.confirm.join(','));
  if (request.expect !== null) form.append('expect', String(request.expect));
  const url = request.newVersion ? `${UPLOAD_ENDPOINT}/${encodeTitleForUrl(request.title.replaceAll(' ', '_'))}` : UPLOAD_ENDPOINT;
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(request.newVersion ? 'PUT' : 'POST', url);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => resolve(responseOf(xhr.status, xhr.responseText, request.title));
    xhr.onerror = () => resolve({ kind: 'network' });
    xhr.onabort = () => resolve({ kind: 'network' });
    xhr.send(form);
  });
}
