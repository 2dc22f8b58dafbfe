import http from 'node:http';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSharedWiki } from '../support/e2e-suite';

/*
 * Uploads and image serving through the production server (npm start's script: the front handler,
 * Next.js, next.config.ts's headers, proxy.ts's matcher), where the integration tests call the
 * route handlers directly: a 10 MiB upload arrives whole (no proxy clone cuts it, no body limit
 * refuses it), an oversized one is refused with 413 in MediaWiki's shape, and /images responses
 * carry their own policy, not a page's.
 */
const MiB = 1024 * 1024;
const shared = useSharedWiki();
let wiki: { baseUrl: string };
let token: string;

beforeAll(() => {
  wiki = shared.wiki();
  token = shared.bot().token;
});

/** A PNG of noise (it compresses as badly as a photograph) of close to `bytes` bytes. */
async function noisyPng(bytes: number, seed: number): Promise<Buffer> {
  const side = Math.floor(Math.sqrt(bytes / 3));
  return sharp({ create: { width: side, height: side, channels: 3, background: { r: seed, g: 90, b: 160 }, noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

async function upload(name: string, bytes: Buffer): Promise<Response> {
  const form = new FormData();
  form.set('title', `File:${name}`);
  form.set('comment', 'end-to-end upload');
  form.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
  return fetch(`${wiki.baseUrl}/w/rest.php/v1/file`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
}

describe('uploads through npm start', () => {
  it('accepts a file of almost 10 MiB and serves it and its thumbnails with the file headers', async () => {
    const bytes = await noisyPng(9.8 * MiB, 1);
    expect(bytes.byteLength).toBeGreaterThan(9 * MiB);
    expect(bytes.byteLength).toBeLessThan(10 * MiB);
    const response = await upload('Big upload.png', bytes);
    expect(response.status, await response.clone().text()).toBe(201);
    const file = (await response.json()) as { original: { url: string; size: number }; thumbnail: { url: string } };
    expect(file.original.size).toBe(bytes.byteLength);

    const original = await fetch(file.original.url);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('image/png');
    expect(original.headers.get('x-content-type-options')).toBe('nosniff');
    // Exactly the file policy: proxy.ts does not run for /images/ and put a page's policy in its place.
    expect(original.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(original.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await original.arrayBuffer()).equals(bytes)).toBe(true);
    const etag = original.headers.get('etag')!;
    expect((await fetch(file.original.url, { headers: { 'if-none-match': etag } })).status).toBe(304);

    const thumbnail = await fetch(file.thumbnail.url, { headers: { accept: 'image/avif,image/webp,*/*' } });
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    expect(thumbnail.headers.get('vary')).toMatch(/accept/i);
    expect(thumbnail.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect((await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).format).toBe('webp');

    const described = await fetch(`${wiki.baseUrl}/w/rest.php/v1/file/File:Big_upload.png`);
    expect(described.status).toBe(200);
    expect(((await described.json()) as { original: { url: string } }).original.url).toBe(file.original.url);
  });

  it('refuses a file over 10 MiB with 413 in MediaWiki shape', async () => {
    const response = await upload('Too big.png', await noisyPng(10.5 * MiB, 2));
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errorKey: string; httpCode: number };
    expect(body).toMatchObject({ errorKey: 'rest-too-large', httpCode: 413 });
  });

  it('answers 413 to a declared Content-Length over the limit before the body is sent', async () => {
    // Only the headers go out: the answer must not wait for 50 MiB that never come.
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(`${wiki.baseUrl}/w/rest.php/v1/file`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(50 * MiB) },
      });
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body: text });
          request.destroy();
        });
        response.on('error', reject);
      });
      request.on('error', reject);
      request.flushHeaders();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ errorKey: 'rest-too-large' });
  });
});
