import 'server-only';
import { RestError } from '@/lib/server/rest/errors';

/**
 * multipart/form-data for the upload endpoints, read with one copy of the body in memory.
 *
 * Request.formData() would hold the body, then a Blob per part, then the caller's ArrayBuffer of
 * the file: three copies of up to 10 MiB per upload, and eight concurrent uploads must fit the
 * server's 400 MB budget. Here the body is written into one buffer (of exactly Content-Length
 * bytes when the client declares it) and every part is a view into that buffer: the file's bytes
 * are never copied again. The byte limit is enforced while reading, so a client that leaves out
 * Content-Length or lies in it cannot make us hold more than the limit.
 */

export interface MultipartPart {
  name: string;
  /** The part's filename parameter, or null for an ordinary field. */
  filename: string | null;
  /** A view into the request body's buffer (no copy). */
  data: Buffer;
}

export interface MultipartLimits {
  /** The most bytes the whole body may have. */
  maxBytes: number;
  /** What to say when it is larger ("The request body is larger than …"). */
  tooLarge: (declared: string | null) => RestError;
}

const MAX_PARTS = 16;
const MAX_HEADER_BYTES = 8 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

function badRequest(message: string): RestError {
  return new RestError('VALIDATION', 'rest-bad-multipart', message);
}

const FIELDS_HINT = 'Send the upload as multipart/form-data with the fields "file" (the bytes), "title", "comment" and optionally "text".';

/** The boundary of a multipart/form-data Content-Type, or 415. */
export function multipartBoundary(header: string | null): string {
  const [mediaType = '', ...parameters] = (header ?? '').split(';').map((part) => part.trim());
  if (mediaType.toLowerCase() !== 'multipart/form-data') {
    throw new RestError(
      'UNSUPPORTED_MEDIA_TYPE',
      'rest-bad-content-type',
      header ? `The request body has Content-Type "${header.slice(0, 100)}". ${FIELDS_HINT}` : `The request has no Content-Type header. ${FIELDS_HINT}`,
    );
  }
  const raw = parameters.find((p) => p.toLowerCase().startsWith('boundary='))?.slice('boundary='.length);
  const boundary = raw?.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw;
  // RFC 2046: 1 to 70 characters.
  if (!boundary || boundary.length > 70) throw badRequest('The multipart/form-data Content-Type has no valid boundary parameter (1 to 70 characters).');
  return boundary;
}

/**
 * What the headers alone refuse, before a byte of the body is read: another Content-Type (415), a
 * declared Content-Length over the limit (413). Returns the boundary and the declared length.
 */
export function checkMultipartHeaders(request: Request, limits: MultipartLimits): { boundary: string; declared: number | null } {
  const boundary = multipartBoundary(request.headers.get('content-type'));
  const declared = request.headers.get('content-length');
  if (declared === null) return { boundary, declared: null };
  if (!/^\s*\d+\s*$/.test(declared)) throw badRequest(`The Content-Length header "${declared.slice(0, 40)}" is not a number of bytes.`);
  if (Number(declared) > limits.maxBytes) throw limits.tooLarge(declared.trim());
  return { boundary, declared: Number(declared) };
}

/** Reads the body into one buffer, refusing it (413) as soon as it passes the limit. */
async function readBody(request: Request, limits: MultipartLimits, expected: number | null): Promise<Buffer> {
  if (!request.body) throw badRequest(`The request body is empty. ${FIELDS_HINT}`);
  const reader = request.body.getReader();
  // With a declared length the body goes straight into its final buffer; without one (chunked),
  // chunks are kept until the end and joined once.
  const target = expected === null ? null : Buffer.allocUnsafe(expected);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > limits.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw limits.tooLarge(null);
    }
    if (target !== null) {
      if (total + value.byteLength > target.length) {
        await reader.cancel().catch(() => undefined);
        throw badRequest('The request body is longer than its Content-Length header says.');
      }
      target.set(value, total);
    } else {
      chunks.push(value);
    }
    total += value.byteLength;
  }
  if (target !== null) {
    if (total !== target.length) throw badRequest('The request body is shorter than its Content-Length header says.');
    return target;
  }
  return Buffer.concat(chunks, total);
}

/** name="…" and filename="…" of a Content-Disposition: form-data header. */
function dispositionOf(headers: string): { name: string; filename: string | null } | null {
  const line = headers.split('\r\n').find((l) => /^content-disposition\s*:/i.test(l));
  if (!line || !/:\s*form-data\s*(;|$)/i.test(line)) return null;
  const parameter = (key: string): string | null => {
    const match = new RegExp(`;\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(line);
    if (!match) return null;
    return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? '');
  };
  const name = parameter('name');
  return name === null ? null : { name, filename: parameter('filename') };
}

/**
 * The parts of a multipart/form-data body, by field name. Refuses (400) a malformed body, a field
 * sent twice and more than MAX_PARTS parts; (415) another Content-Type; (413) a body over the limit.
 */
export async function readMultipart(request: Request, limits: MultipartLimits): Promise<Map<string, MultipartPart>> {
  const { boundary, declared } = checkMultipartHeaders(request, limits);
  const body = await readBody(request, limits, declared);
  return parseMultipart(body, boundary);
}

export function parseMultipart(body: Buffer, boundary: string): Map<string, MultipartPart> {
  const delimiter = Buffer.from(`--${boundary}`);
  // Every delimiter after the first follows the CRLF that ends the previous part's data.
  const partEnd = Buffer.from(`\r\n--${boundary}`);
  const malformed = () => badRequest(`The multipart/form-data body is malformed (its parts are not delimited by the boundary "${boundary}"). ${FIELDS_HINT}`);
  // The first delimiter may follow a preamble; every later one follows a CRLF.
  let position = body.indexOf(delimiter);
  if (position === -1) throw malformed();
  const parts = new Map<string, MultipartPart>();
  for (;;) {
    position += delimiter.length;
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts; // "--": the last part ended
    // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
    while (body[position] === 0x20 || body[position] === 0x09) position += 1;
    if (!body.subarray(position, position + 2).equals(CRLF)) throw malformed();
    const headersStart = position + 2;
    const headersEnd = body.indexOf(HEADER_END, headersStart);
    if (headersEnd === -1 || headersEnd - headersStart > MAX_HEADER_BYTES) throw malformed();
    const dataStart = headersEnd + HEADER_END.length;
    const next = body.indexOf(partEnd, dataStart);
    if (next === -1) throw malformed();
    const disposition = dispositionOf(body.toString('latin1', headersStart, headersEnd));
    if (disposition === null) throw badRequest(`A part of the multipart/form-data body has no Content-Disposition: form-data header with a field name. ${FIELDS_HINT}`);
    if (parts.has(disposition.name)) throw badRequest(`The field "${disposition.name.slice(0, 40)}" is sent twice; send each field once.`);
    if (parts.size >= MAX_PARTS) throw badRequest(`The body has more than ${MAX_PARTS} parts. ${FIELDS_HINT}`);
    // Filenames arrive as UTF-8 bytes in practice (browsers, curl); they were read as latin1 above.
    const filename = disposition.filename === null ? null : Buffer.from(disposition.filename, 'latin1').toString('utf8');
    parts.set(disposition.name, { name: disposition.name, filename, data: body.subarray(dataStart, next) });
    position = next + 2;
  }
}

/** A text field as UTF-8 text (400 if it is not valid UTF-8), or undefined when it is absent. */
export function textField(parts: Map<string, MultipartPart>, name: string): string | undefined {
  const part = parts.get(name);
  if (!part) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(part.data);
  } catch {
    throw badRequest(`The field "${name}" is not valid UTF-8 text.`);
  }
}
