import 'server-only';
import { RestError } from '@/lib/server/rest/errors';
import { readBodyWithLimit } from '@/lib/server/request-body';

/**
 * The largest request body accepted: page source is limited to 2 MiB (MAX_CONTENT_BYTES), and
 * JSON escaping can at most about double it ("\n", "\"", and non-ASCII text escaped as \uXXXX
 * by some clients), plus room for the title, comment and the rest of the object.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024 + 64 * 1024;

const MIB = 1024 * 1024;

function tooLarge(what: string): RestError {
  return new RestError(
    'PAYLOAD_TOO_LARGE',
    'rest-too-large',
    `${what} is larger than ${(MAX_BODY_BYTES / MIB).toFixed(2)} MiB, the most this wiki accepts. Page source may be at most 2 MiB.`,
  );
}

/** Writes take JSON only, as MediaWiki's page endpoints do (form posts would invite CSRF). */
function assertJsonContentType(request: Request): void {
  const header = request.headers.get('content-type');
  const [mediaType = '', ...parameters] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replaceAll('"', '');
  if (mediaType !== 'application/json') {
    throw new RestError(
      'UNSUPPORTED_MEDIA_TYPE',
      'rest-bad-content-type',
      header
        ? `The request body has Content-Type "${header.slice(0, 100)}"; send it as "application/json".`
        : 'The request has no Content-Type header; send the body as JSON with "Content-Type: application/json".',
    );
  }
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new RestError('UNSUPPORTED_MEDIA_TYPE', 'rest-bad-content-type', `The body must be UTF-8 encoded JSON, not charset "${charset}".`);
  }
}

function badJson(message: string): RestError {
  return new RestError('VALIDATION', 'rest-bad-json', message);
}

/**
 * The JSON object in the request body. Refuses, in this order and before reading anything it
 * does not have to: a wrong Content-Type (415), a declared Content-Length over the limit (413,
 * without touching the body), a body that grows over the limit while read (413), bytes that are
 * not UTF-8 or not JSON, and JSON that is not an object (400).
 */
export async function readJsonObject(request: Request, maxBytes = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  assertJsonContentType(request);
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    if (!/^\s*\d+\s*$/.test(declared)) throw badJson(`The Content-Length header "${declared.slice(0, 40)}" is not a number of bytes.`);
    if (Number(declared) > maxBytes) throw tooLarge(`The request body (${declared.trim()} bytes)`);
  }
  const bytes = await readBodyWithLimit(request.body, maxBytes, () => tooLarge('The request body'));
  if (bytes.byteLength === 0) throw badJson('The request body is empty; send a JSON object such as {"source": "…", "comment": "…"}.');

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badJson('The request body is not valid UTF-8.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` (${error.message.slice(0, 200)})` : '';
    throw badJson(`The request body is not valid JSON${detail}.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badJson('The request body must be a JSON object such as {"source": "…", "comment": "…"}.');
  }
  return value as Record<string, unknown>;
}
