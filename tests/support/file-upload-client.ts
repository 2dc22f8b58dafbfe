import sharp from 'sharp';
import { REST } from './rest-client';

/**
 * Uploads through the REST route handlers as a client would send them: real multipart/form-data
 * bodies (serialized by the platform's FormData), and real images made with sharp.
 */

let images = 0;

/** A PNG no other call returns (its colour is unique to the call), so uploads never collide as duplicates. */
export async function uniquePng(width = 320, height = 200): Promise<Buffer> {
  images += 1;
  const seed = (process.pid * 7919 + images * 104729 + Date.now()) % 0xffffff;
  return sharp({ create: { width, height, channels: 3, background: { r: seed & 0xff, g: (seed >> 8) & 0xff, b: (seed >> 16) & 0xff } } })
    .png()
    .toBuffer();
}

export async function uniqueJpeg(width = 320, height = 200): Promise<Buffer> {
  return sharp(await uniquePng(width, height))
    .jpeg()
    .toBuffer();
}

export interface UploadFields {
  /** The file's bytes; a part named "file" with this filename. */
  file?: { bytes: Uint8Array; filename?: string; type?: string };
  title?: string;
  comment?: string;
  text?: string;
  confirm?: string;
  expect?: string;
  ignorewarnings?: string;
}

export interface UploadInit {
  method?: 'POST' | 'PUT';
  token?: string;
  headers?: Record<string, string>;
  /** Declare Content-Length (as browsers and curl do); false sends the body without it (chunked). */
  declareLength?: boolean;
}

/** The multipart body and its Content-Type, as the platform serializes a FormData. */
export async function multipartBody(fields: UploadFields): Promise<{ bytes: Uint8Array; contentType: string }> {
  const form = new FormData();
  if (fields.file) {
    form.append(
      'file',
      new Blob([fields.file.bytes as Uint8Array<ArrayBuffer>], { type: fields.file.type ?? 'application/octet-stream' }),
      fields.file.filename ?? 'upload.bin',
    );
  }
  for (const name of ['title', 'comment', 'text', 'confirm', 'expect', 'ignorewarnings'] as const) {
    const value = fields[name];
    if (value !== undefined) form.append(name, value);
  }
  const serialized = new Response(form);
  return { bytes: new Uint8Array(await serialized.arrayBuffer()), contentType: serialized.headers.get('content-type')! };
}

/** A request to /w/rest.php/v1{path} carrying the fields as multipart/form-data. */
export async function uploadRequest(path: string, fields: UploadFields, init: UploadInit = {}): Promise<Request> {
  const { bytes, contentType } = await multipartBody(fields);
  const headers = new Headers(init.headers);
  if (!headers.has('content-type')) headers.set('content-type', contentType);
  if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`);
  if (init.declareLength !== false) headers.set('content-length', String(bytes.byteLength));
  const body =
    init.declareLength === false
      ? new ReadableStream<Uint8Array>({
          start(controller) {
            // Several chunks, as a chunked upload arrives.
            for (let offset = 0; offset < bytes.byteLength; offset += 64 * 1024) controller.enqueue(bytes.slice(offset, offset + 64 * 1024));
            controller.close();
          },
        })
      : bytes;
  return new Request(`${REST}${path}`, { method: init.method ?? 'POST', headers, body, duplex: 'half' } as RequestInit);
}

/** A file title as it goes in /file/{title}: "File:Name.png" with "/" and the rest percent-encoded. */
export function filePath(title: string): string {
  return `/file/${encodeURIComponent(title.replaceAll(' ', '_'))}`;
}
