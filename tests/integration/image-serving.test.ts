import { uniqueTitle } from '../support/database';
import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { newEditor, readJson, type TestEditor } from '../support/rest-client';
import { uniqueJpeg, uniquePng, uploadRequest } from '../support/file-upload-client';
import { hostileCorpus, validImages } from '../support/hostile-files';
import { GET, HEAD } from '@/app/images/[...path]/route';
import { POST } from '@/app/w/rest.php/v1/file/route';
import { PUT } from '@/app/w/rest.php/v1/file/[...path]/route';
import { createAccount } from '@/lib/server/accounts';
import { createApiToken } from '@/lib/server/api-tokens';
import { loadActor } from '@/lib/server/actors';
import { deletePage } from '@/lib/server/deletion';
import { hideFileVersion } from '@/lib/server/files/file-versions';
import { thumbnailRenderCount } from '@/lib/server/files/thumbnails';
import { getDb } from '@/lib/server/db';
import { sha1OfBytes } from '@/lib/server/files/storage';
import { NS } from '@/lib/domain/titles';
import { deletePageSchema } from '@/lib/domain/deletion';
import { FILE_HIDDEN_BITS } from '@/lib/domain/files/types';
import type { Actor } from '@/lib/domain/policy';

/**
 * /images/{sha1}/{Name} and /images/thumb/{sha1}/{width}px-{Name} through the route handler:
 * the headers that keep an uploaded file inert in the wiki's origin, caching, the thumbnail format
 * by Accept, and who may see archived or hidden versions. Files are uploaded through the REST API.
 */

const ORIGIN = 'http://wiki.test';

interface Uploaded {
  name: string;
  key: string;
  sha1: string;
  bytes: Uint8Array;
}

let editor: TestEditor;
let admin: { token: string; actor: Actor };
let uploads = 0;

beforeAll(async () => {
  editor = await newEditor();
  const account = await createAccount(
    { username: `Image admin ${process.pid} ${Date.now().toString(36)}`, password: 'Plover-Quartz-admin-lantern-orbit-9431', admin: true },
    null,
  );
  admin = { token: (await createApiToken(account.id, 'image test')).token, actor: (await loadActor(account.id))! };
});

let uploader: TestEditor | null = null;

/**
 * Uploads through POST /file, confirming duplicates. The upload throttle (10 a minute per account
 * and per address) holds for tests too: a new uploader every few uploads, each from its own address.
 */
async function upload(bytes: Uint8Array, extension: string): Promise<Response> {
  if (uploads % 8 === 0 || uploader === null) uploader = await newEditor();
  uploads += 1;
  const name = `${uniqueTitle('Served')}.${extension}`;
  const request = await uploadRequest(
    '/file',
    { file: { bytes, filename: name }, title: name, comment: '', confirm: 'duplicate' },
    { token: uploader.token, headers: { 'x-forwarded-for': `10.9.${uploader.id >> 8}.${uploader.id & 255}` } },
  );
  return POST(request);
}

async function uploaded(bytes: Uint8Array, extension = 'png'): Promise<Uploaded> {
  const response = await upload(bytes, extension);
  expect(response.status, await response.clone().text()).toBe(201);
  const { title } = await readJson<{ title: string }>(response);
  const name = title.slice('File:'.length);
  return { name, key: name.replaceAll(' ', '_'), sha1: sha1OfBytes(bytes), bytes };
}

const originalUrl = (file: Uploaded) => `${ORIGIN}/images/${file.sha1}/${encodeURIComponent(file.key)}`;
const thumbUrl = (file: Uploaded, width: number) => `${ORIGIN}/images/thumb/${file.sha1}/${width}px-${encodeURIComponent(file.key)}`;

function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return GET(new Request(url, { headers }));
}

function expectInert(response: Response): void {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
}

describe('originals', () => {
  it('serves the bytes with the sniffed type, a strong ETag, a year of immutable caching and the inert headers', async () => {
    const file = await uploaded(await uniquePng());
    const response = await get(originalUrl(file));
    expect(response.status).toBe(200);
    expectInert(response);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('etag')).toBe(`"${file.sha1}"`);
    expect(response.headers.get('content-disposition')).toBeNull();
    expect(response.headers.get('content-length')).toBe(String(file.bytes.byteLength));
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(file.bytes))).toBe(true);

    const revalidated = await get(originalUrl(file), { 'if-none-match': `W/"x", "${file.sha1}"` });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(revalidated.headers.get('etag')).toBe(`"${file.sha1}"`);
    expect((await get(originalUrl(file), { 'if-none-match': '"other"' })).status).toBe(200);

    const head = await HEAD(new Request(originalUrl(file), { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(file.bytes.byteLength));
    expect(await head.text()).toBe('');
  });

  it('answers 404 for bytes that are not a version of the named file, and for malformed addresses', async () => {
    const file = await uploaded(await uniquePng());
    const other = await uploaded(await uniquePng());
    expect((await get(`${ORIGIN}/images/${other.sha1}/${encodeURIComponent(file.key)}`)).status).toBe(404);
    expect((await get(`${ORIGIN}/images/${file.sha1}/Nothing_here.png`)).status).toBe(404);
    const missing = await get(`${ORIGIN}/images/${'0'.repeat(40)}/${encodeURIComponent(file.key)}`);
    expect(missing.status).toBe(404);
    expectInert(missing);
    for (const path of [
      '/images/',
      `/images/${file.sha1}`,
      `/images/xyz/${file.key}`,
      `/images/thumb/${file.sha1}/abc-${file.key}`,
      `/images/thumb/${file.sha1}/0px-${file.key}`,
    ]) {
      expect((await get(`${ORIGIN}${path}`)).status, path).toBe(404);
    }
  });

  it('serves an SVG original only as a download; readers get rasterized thumbnails', async () => {
    const { svg } = await validImages();
    const file = await uploaded(svg, 'svg');
    const original = await get(originalUrl(file));
    expect(original.status).toBe(200);
    expectInert(original);
    expect(original.headers.get('content-type')).toBe('image/svg+xml');
    expect(original.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''/);
    const thumb = await get(thumbUrl(file, 120), { accept: 'image/png,*/*' });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/png');
    expect(thumb.headers.get('content-disposition')).toBeNull();
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).format).toBe('png');
  });
});

describe('thumbnails', () => {
  it('picks WebP when accepted, else PNG (JPEG for JPEG originals), with Vary: Accept and a per-format ETag', async () => {
    const png = await uploaded(await uniquePng(800, 400));
    const webp = await get(thumbUrl(png, 200), { accept: 'image/avif,image/webp,image/apng,*/*;q=0.8' });
    expect(webp.status).toBe(200);
    expectInert(webp);
    expect(webp.headers.get('content-type')).toBe('image/webp');
    expect(webp.headers.get('vary')).toBe('Accept');
    expect(webp.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const webpMeta = await sharp(Buffer.from(await webp.arrayBuffer())).metadata();
    expect(webpMeta.format).toBe('webp');
    expect(webpMeta.width).toBeGreaterThanOrEqual(200);
    expect(webpMeta.width).toBeLessThan(800);
    expect(webpMeta.height).toBe(Math.round((400 * webpMeta.width!) / 800));

    const plain = await get(thumbUrl(png, 200), { accept: 'image/png,image/*;q=0.8' });
    expect(plain.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await plain.arrayBuffer())).metadata()).format).toBe('png');
    expect(plain.headers.get('etag')).not.toBe(webp.headers.get('etag'));
    const revalidated = await get(thumbUrl(png, 200), { accept: 'image/png', 'if-none-match': plain.headers.get('etag')! });
    expect(revalidated.status).toBe(304);

    const jpeg = await uploaded(await uniqueJpeg(800, 400), 'jpg');
    const jpegThumb = await get(thumbUrl(jpeg, 200), { accept: '*/*' });
    expect(jpegThumb.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await jpegThumb.arrayBuffer())).metadata()).format).toBe('jpeg');
  });

  it('never enlarges a bitmap: a wider request gets the original width', async () => {
    const file = await uploaded(await uniquePng(300, 150));
    const response = await get(thumbUrl(file, 1280), { accept: 'image/webp' });
    expect(response.status).toBe(200);
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual({ width: 300, height: 150 });
  });

  it('renders once for many concurrent first requests, and stores one thumbnail', async () => {
    const file = await uploaded(await uniquePng(1000, 1000));
    const rendersBefore = thumbnailRenderCount();
    const responses = await Promise.all(Array.from({ length: 30 }, () => get(thumbUrl(file, 240), { accept: 'image/webp' })));
    const bodies = await Promise.all(responses.map(async (response) => Buffer.from(await response.arrayBuffer())));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(bodies.every((body) => body.equals(bodies[0]!))).toBe(true);
    expect(thumbnailRenderCount() - rendersBefore).toBe(1);
    expect(await getDb().fileThumbnail.count({ where: { sha1: file.sha1 } })).toBe(1);
    // Later requests read the stored one.
    expect((await get(thumbUrl(file, 240), { accept: 'image/webp' })).status).toBe(200);
    expect(thumbnailRenderCount() - rendersBefore).toBe(1);
    expect(bodies[0]!.subarray(0, 100).includes(Buffer.from('Exif'))).toBe(false);
  });
});

describe('archived and hidden versions', () => {
  async function expectAdminsOnly(urls: string[], label: string): Promise<void> {
    for (const url of urls) {
      const reader = await get(url);
      expect(reader.status, `${label}: ${url}`).toBe(404);
      expectInert(reader);
      expect((await get(url, { authorization: `Bearer ${editor.token}` })).status).toBe(404);
      const administrator = await get(url, { authorization: `Bearer ${admin.token}` });
      expect(administrator.status, `${label}: ${url}`).toBe(200);
      expect(administrator.headers.get('cache-control')).toBe('private, no-store');
      expectInert(administrator);
    }
  }

  it('a deleted file (every version archived) is 404 for readers and editors, served privately to administrators', async () => {
    const file = await uploaded(await uniquePng());
    await deletePage(admin.actor, deletePageSchema.parse({ title: `File:${file.name}`, reason: 'Copyright violation' }));
    await expectAdminsOnly([originalUrl(file), thumbUrl(file, 120)], 'archived');
  });

  it('a hidden old version likewise, while the current one stays public', async () => {
    const file = await uploaded(await uniquePng());
    const next = await uniquePng();
    const replaced = await PUT(
      await uploadRequest(
        `/file/${encodeURIComponent(`File:${file.key}`)}`,
        { file: { bytes: next, filename: 'x.png' }, comment: 'v2' },
        { method: 'PUT', token: admin.token },
      ),
    );
    expect(replaced.status, await replaced.clone().text()).toBe(200);
    const old = await getDb().fileVersion.findFirstOrThrow({ where: { sha1: file.sha1, page: { namespace: NS.FILE, title: file.key } }, select: { id: true } });
    await hideFileVersion(admin.actor, { versionId: old.id, hidden: FILE_HIDDEN_BITS.file, seenHidden: 0, reason: 'Personal data' });
    await expectAdminsOnly([originalUrl(file), thumbUrl(file, 120)], 'hidden');
    const current = { ...file, sha1: sha1OfBytes(next) };
    expect((await get(originalUrl(current))).status).toBe(200);
    expect((await get(originalUrl(current))).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('bytes stay public when another file shows them', async () => {
    const bytes = await uniquePng();
    const file = await uploaded(bytes);
    const copy = await uploaded(bytes);
    await deletePage(admin.actor, deletePageSchema.parse({ title: `File:${file.name}`, reason: 'Duplicate' }));
    expect((await get(originalUrl(copy))).status).toBe(200);
    expect((await get(originalUrl(file))).status).toBe(404);
  });
});

describe('the hostile corpus', () => {
  it('is refused at upload (400/413/415) with nothing stored, and what is accepted is served inert', async () => {
    for (const entry of await hostileCorpus()) {
      const extension = entry.name.split('.').pop()!;
      const response = await upload(entry.bytes, extension);
      const sha1 = sha1OfBytes(entry.bytes);
      if (entry.refusedBy || entry.wrongExtension) {
        expect([400, 413, 415], `${entry.label}: ${await response.clone().text()}`).toContain(response.status);
        const versions = await getDb().fileVersion.count({ where: { sha1 } });
        expect(versions, entry.label).toBe(0);
        expect(await getDb().fileBlob.count({ where: { sha1 } }), entry.label).toBe(0);
        continue;
      }
      expect(response.status, `${entry.label}: ${await response.clone().text()}`).toBe(201);
      const { title } = await readJson<{ title: string }>(response);
      const key = title.slice('File:'.length).replaceAll(' ', '_');
      const served = await get(`${ORIGIN}/images/${sha1}/${encodeURIComponent(key)}`);
      expect(served.status, entry.label).toBe(200);
      expectInert(served);
      expect(served.headers.get('content-type'), entry.label).toBe(entry.mime);
    }
  });
});
