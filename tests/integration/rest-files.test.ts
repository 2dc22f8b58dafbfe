import { uniqueTitle } from '../support/database';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { newEditor, readJson, REST, restRequest, sessionCookie, watchedStream, type TestEditor } from '../support/rest-client';
import { filePath, uniqueJpeg, uniquePng, uploadRequest, type UploadFields } from '../support/file-upload-client';
import { GET, PUT } from '@/app/w/rest.php/v1/file/[...path]/route';
import { POST } from '@/app/w/rest.php/v1/file/route';
import { GET as getImage } from '@/app/images/[...path]/route';
import { createAccount } from '@/lib/server/accounts';
import { loadActor } from '@/lib/server/actors';
import { blockUser } from '@/lib/server/blocks';
import { sha1OfBytes } from '@/lib/server/files/storage';
import { getDb } from '@/lib/server/db';
import { blockFormSchema } from '@/lib/domain/blocks';
import { NS } from '@/lib/domain/titles';

// lib/server/auth.ts reads the secret when it is first imported: set it before any import runs.
const SECRET = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= 'rest-files-test-secret-0123456789abcdef';
  return process.env.NEXTAUTH_SECRET;
});

interface FileFormat {
  mediatype: string;
  size: number | null;
  width: number;
  height: number;
  duration: null;
  url: string;
}

interface FileObject {
  title: string;
  file_description_url: string;
  latest: { timestamp: string; user: { id: number; name: string } };
  preferred: FileFormat;
  original: FileFormat;
  thumbnail: FileFormat;
}

interface ErrorBody {
  messageTranslations: { en: string; it?: string };
  httpCode: number;
  httpReason: string;
  errorKey: string;
  warnings?: { code: string; latestVersionId?: number; titles?: string[] }[];
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

async function expectError(response: Response, status: number, errorKey: string): Promise<ErrorBody> {
  const body = await readJson<ErrorBody>(response);
  expect({ status: response.status, errorKey: body.errorKey }, body.messageTranslations?.en).toEqual({ status, errorKey });
  expect(body.httpCode).toBe(status);
  expect(body.messageTranslations.en.length).toBeGreaterThan(10);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return body;
}

const fileName = (prefix = 'Rest file', extension = 'png') => `${uniqueTitle(prefix)}.${extension}`;

/** Each editor uploads from its own address: the per-address upload throttle must not join the tests together. */
const addressOf = (editor: { id: number }) => `10.${(editor.id >> 16) & 255}.${(editor.id >> 8) & 255}.${editor.id & 255}`;

async function post(editor: TestEditor, fields: UploadFields, headers: Record<string, string> = {}): Promise<Response> {
  return POST(await uploadRequest('/file', fields, { token: editor.token, headers: { 'x-forwarded-for': addressOf(editor), ...headers } }));
}

async function put(editor: TestEditor, title: string, fields: UploadFields): Promise<Response> {
  return PUT(await uploadRequest(filePath(title), fields, { method: 'PUT', token: editor.token, headers: { 'x-forwarded-for': addressOf(editor) } }));
}

async function createOk(editor: TestEditor, name: string, bytes: Uint8Array, extra: UploadFields = {}): Promise<FileObject> {
  const response = await post(editor, { file: { bytes, filename: name }, title: name, comment: 'first upload', ...extra });
  expect(response.status, await response.clone().text()).toBe(201);
  return readJson<FileObject>(response);
}

async function versionCount(name: string): Promise<number> {
  return getDb().fileVersion.count({ where: { page: { namespace: NS.FILE, title: name.replaceAll(' ', '_') } } });
}

async function blobStored(bytes: Uint8Array): Promise<boolean> {
  return (await getDb().fileBlob.count({ where: { sha1: sha1OfBytes(bytes) } })) > 0;
}

let editor: TestEditor;

// A fresh editor per test: the upload throttle must not carry over between tests.
beforeEach(async () => {
  editor = await newEditor();
});

describe('POST /file', () => {
  it('uploads a new file: 201 with the file object in MediaWiki shape, readable with GET', async () => {
    const name = fileName();
    const bytes = await uniquePng(1200, 900);
    const response = await post(editor, { file: { bytes, filename: 'whatever.bin', type: 'text/html' }, title: name, comment: 'first', text: 'A *test* image.' });
    expect(response.status, await response.clone().text()).toBe(201);
    const key = `File:${name.replaceAll(' ', '_')}`;
    expect(response.headers.get('location')).toBe(`${REST}/file/${encodeURIComponent(key).replace('%3A', ':')}`);
    const created = await readJson<FileObject>(response);
    const sha1 = sha1OfBytes(bytes);
    const encodedName = encodeURIComponent(name.replaceAll(' ', '_'));
    expect(created).toEqual({
      title: `File:${name}`,
      file_description_url: `http://wiki.test/wiki/${encodeURIComponent(key).replace('%3A', ':')}`,
      latest: { timestamp: expect.stringMatching(TIMESTAMP), user: { id: editor.id, name: editor.name } },
      preferred: { mediatype: 'BITMAP', size: null, width: 800, height: 600, duration: null, url: expect.stringContaining(`/images/thumb/${sha1}/`) },
      original: { mediatype: 'BITMAP', size: bytes.byteLength, width: 1200, height: 900, duration: null, url: `http://wiki.test/images/${sha1}/${encodedName}` },
      thumbnail: {
        mediatype: 'BITMAP',
        size: null,
        width: expect.any(Number),
        height: expect.any(Number),
        duration: null,
        url: expect.stringContaining(`/images/thumb/${sha1}/`),
      },
    });
    // The client's filename and Content-Type count for nothing: the type comes from the bytes.
    expect(created.thumbnail.width).toBeGreaterThanOrEqual(250);
    expect(created.thumbnail.width).toBeLessThan(1200);
    expect(created.thumbnail.height).toBe(Math.round((900 * created.thumbnail.width) / 1200));

    const read = await GET(restRequest(filePath(`File:${name}`)));
    expect(read.status).toBe(200);
    expect(await readJson(read)).toEqual(created);
    // MediaWiki's clients may leave out the prefix.
    expect(await readJson(await GET(restRequest(filePath(name))))).toEqual(created);
    // The description became the File page's first revision.
    const page = await getDb().page.findUniqueOrThrow({
      where: { namespace_title: { namespace: NS.FILE, title: name.replaceAll(' ', '_') } },
      select: { latestRevision: { select: { content: { select: { text: true } } } } },
    });
    expect(page.latestRevision?.content.text).toBe('A *test* image.');
    // The URLs it names serve the image.
    const original = await getImage(new Request(created.original.url));
    expect(original.status).toBe(200);
    expect(Buffer.from(await original.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answers 409 upload-warnings when the title exists, and writes nothing', async () => {
    const name = fileName();
    await createOk(editor, name, await uniquePng());
    const second = await uniquePng();
    const body = await expectError(await post(editor, { file: { bytes: second, filename: name }, title: name, comment: 'again' }), 409, 'upload-warnings');
    expect(body.warnings).toEqual([{ code: 'exists', latestVersionId: expect.any(Number), sha1: expect.any(String) }]);
    expect(body.messageTranslations.en).toContain('PUT');
    expect(await versionCount(name)).toBe(1);
    expect(await blobStored(second)).toBe(false);
  });

  it('warns about the same bytes under another name, and uploads them once confirmed', async () => {
    const bytes = await uniquePng();
    const first = fileName('Rest dup a');
    await createOk(editor, first, bytes);
    const copy = fileName('Rest dup b');
    const warned = await expectError(await post(editor, { file: { bytes, filename: copy }, title: copy, comment: '' }), 409, 'upload-warnings');
    expect(warned.warnings).toEqual([{ code: 'duplicate', titles: [`File:${first}`] }]);
    expect(await versionCount(copy)).toBe(0);
    const confirmed = await post(editor, { file: { bytes, filename: copy }, title: copy, comment: '', confirm: 'duplicate' });
    expect(confirmed.status, await confirmed.clone().text()).toBe(201);
  });

  it('validates the fields and names the one to fix', async () => {
    const bytes = await uniquePng();
    await expectError(await post(editor, { title: fileName(), comment: '' }), 400, 'rest-validation');
    const noTitle = await expectError(await post(editor, { file: { bytes }, comment: '' }), 400, 'rest-validation');
    expect(noTitle.messageTranslations.en).toMatch(/name/i);
    const wrongExtension = await expectError(await post(editor, { file: { bytes }, title: fileName('Rest ext', 'jpg'), comment: '' }), 400, 'rest-validation');
    expect(wrongExtension.messageTranslations.en).toContain('.jpg');
    expect(await blobStored(bytes)).toBe(false);
  });

  it("adds the reader's language to a refusal (Special:Upload shows it), and stays English-only otherwise", async () => {
    const bytes = await uniquePng();
    const title = fileName('Rest lingua', 'jpg');
    const italian = await expectError(await post(editor, { file: { bytes }, title, comment: '' }, { 'accept-language': 'it-IT,it;q=0.9' }), 400, 'rest-validation');
    expect(italian.messageTranslations.en).toContain('.jpg');
    expect(italian.messageTranslations.it).toContain('.jpg');
    expect(italian.messageTranslations.it).not.toBe(italian.messageTranslations.en);
    const english = await expectError(await post(editor, { file: { bytes }, title, comment: '' }), 400, 'rest-validation');
    expect(Object.keys(english.messageTranslations)).toEqual(['en']);
  });
});

describe('confirming warnings', () => {
  it('adds a version through POST once "exists" is confirmed (200), or with ignorewarnings=1', async () => {
    const name = fileName();
    await createOk(editor, name, await uniquePng());
    const warned = await expectError(await post(editor, { file: { bytes: await uniquePng(), filename: name }, title: name, comment: '' }), 409, 'upload-warnings');
    const latestVersionId = warned.warnings![0]!.latestVersionId!;
    const confirmed = await post(editor, {
      file: { bytes: await uniquePng(), filename: name },
      title: name,
      comment: 'v2',
      confirm: 'exists',
      expect: String(latestVersionId),
    });
    expect(confirmed.status, await confirmed.clone().text()).toBe(200);
    expect(await versionCount(name)).toBe(2);
    // The version the uploader saw is no longer the latest: the compare-and-swap refuses.
    const stale = await post(editor, { file: { bytes: await uniquePng(), filename: name }, title: name, comment: 'v3', confirm: 'exists', expect: String(latestVersionId) });
    await expectError(stale, 409, 'editconflict');
    const ignoring = await post(editor, { file: { bytes: await uniquePng(), filename: name }, title: name, comment: 'v3', ignorewarnings: '1' });
    expect(ignoring.status, await ignoring.clone().text()).toBe(200);
    expect(await versionCount(name)).toBe(3);
    await expectError(await post(editor, { file: { bytes: await uniquePng(), filename: name }, title: name, comment: '', confirm: 'everything' }), 400, 'rest-validation');
  });
});

describe('PUT /file/{title}', () => {
  it('adds a version (200) whose original replaces the old one; the old bytes stay served', async () => {
    const name = fileName();
    const created = await createOk(editor, name, await uniquePng());
    const next = await uniqueJpeg(640, 480);
    const response = await put(editor, `File:${name}`, { file: { bytes: next, filename: 'x.jpg' }, comment: 'second' });
    // A JPEG under a .png name is refused: the extension must fit the type.
    await expectError(response, 400, 'rest-validation');
    const png = await uniquePng(640, 480);
    const updated = await put(editor, `File:${name}`, { file: { bytes: png, filename: 'x.png' }, comment: 'second' });
    expect(updated.status, await updated.clone().text()).toBe(200);
    const body = await readJson<FileObject>(updated);
    expect(body.original).toMatchObject({ size: png.byteLength, width: 640, height: 480 });
    expect(body.original.url).toContain(sha1OfBytes(png));
    expect(await versionCount(name)).toBe(2);
    expect((await getImage(new Request(created.original.url))).status).toBe(200);
  });

  it('refuses the same bytes as the current version, a stale "expect", and a missing file', async () => {
    const name = fileName();
    const bytes = await uniquePng();
    await createOk(editor, name, bytes);
    await expectError(await put(editor, name, { file: { bytes, filename: name }, comment: '' }), 400, 'rest-validation');
    await expectError(await put(editor, name, { file: { bytes: await uniquePng(), filename: name }, comment: '', expect: '1' }), 409, 'editconflict');
    await expectError(await put(editor, fileName('Rest nothing'), { file: { bytes: await uniquePng() }, comment: '' }), 404, 'rest-nonexistent-title');
    expect(await versionCount(name)).toBe(1);
  });
});

describe('GET /file/{title}', () => {
  it('answers 404 for a missing file and 400 for an invalid title', async () => {
    await expectError(await GET(restRequest(filePath(fileName('Rest missing')))), 404, 'rest-nonexistent-title');
    await expectError(await GET(restRequest('/file/File:Foo%5Bbar%5D.png')), 400, 'rest-invalid-title');
  });
});

describe('refusals before the body is read', () => {
  it('answers 401 to anonymous uploads and 403 to invalid tokens without reading the body', async () => {
    const { stream, pulled } = watchedStream(4, 1024);
    const anonymous = new Request(`${REST}/file`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectError(await POST(anonymous), 401, 'rest-permission-denied-anon');
    expect(pulled()).toBe(0);
    await expectError(await post({ ...editor, token: 'wiki_not-a-real-token' }, { file: { bytes: await uniquePng() }, title: fileName(), comment: '' }), 403, 'rest-badtoken');
  });

  it('answers 403 to a blocked user, and to a session cookie from another site', async () => {
    const admin = await loadActor(
      (await createAccount({ username: `Rest file admin ${process.pid} ${Date.now().toString(36)}`, password: 'Plover-Quartz-admin-lantern-orbit-9431', admin: true }, null))
        .id,
    );
    await blockUser(admin!, blockFormSchema.parse({ target: editor.name, expiry: '1 week', reason: 'Uploading spam', scope: 'sitewide', pages: '' }));
    const { stream, pulled } = watchedStream(4, 1024);
    const blocked = new Request(`${REST}/file`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x', authorization: `Bearer ${editor.token}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const body = await expectError(await POST(blocked), 403, 'rest-permission-denied');
    expect(body.messageTranslations.en).toContain('Uploading spam');
    expect(pulled()).toBe(0);

    const other = await newEditor();
    const cookie = await sessionCookie(other, SECRET);
    const name = fileName('Rest cookie');
    const foreign = await uploadRequest(
      '/file',
      { file: { bytes: await uniquePng(), filename: name }, title: name, comment: '' },
      { headers: { cookie, origin: 'https://evil.example', 'x-forwarded-for': addressOf(other) } },
    );
    await expectError(await POST(foreign), 403, 'rest-badtoken');
    // The same upload from the wiki's own page (Special:Upload sends the cookie and its Origin) works.
    const own = await uploadRequest(
      '/file',
      { file: { bytes: await uniquePng(), filename: name }, title: name, comment: '' },
      { headers: { cookie, origin: 'http://wiki.test', 'x-forwarded-for': addressOf(other) } },
    );
    expect((await POST(own)).status).toBe(201);
  });

  it('answers 413 for a declared Content-Length over the limit without reading the body', async () => {
    const { stream, pulled } = watchedStream(1, 16);
    const request = new Request(`${REST}/file`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x', authorization: `Bearer ${editor.token}`, 'content-length': String(50 * 1024 * 1024) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const body = await expectError(await POST(request), 413, 'rest-too-large');
    expect(body.messageTranslations.en).toContain('10 MiB');
    expect(pulled()).toBe(0);
  });

  it('answers 413 for a streamed body without Content-Length once it passes the limit', async () => {
    const { stream, pulled } = watchedStream(64, 1024 * 1024);
    const request = new Request(`${REST}/file`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x', authorization: `Bearer ${editor.token}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectError(await POST(request), 413, 'rest-too-large');
    expect(pulled()).toBeLessThan(16); // stopped at ~12 MiB, not after 64 MiB
  });

  it('answers 413 for a file over WIKI_UPLOAD_MAX_MB, chunked or not, and stores nothing', async () => {
    vi.stubEnv('WIKI_UPLOAD_MAX_MB', '0.05');
    try {
      const bytes = await uniquePng(400, 400); // a flat colour compresses well: pad it past 50 KiB with noise
      const noisy = await import('sharp').then(({ default: sharp }) =>
        sharp(Buffer.from(Array.from({ length: 200 * 200 * 3 }, (_, i) => (i * 7919 + bytes.length) % 251)), { raw: { width: 200, height: 200, channels: 3 } })
          .png({ compressionLevel: 0 })
          .toBuffer(),
      );
      expect(noisy.byteLength).toBeGreaterThan(0.05 * 1024 * 1024);
      const name = fileName();
      for (const declareLength of [true, false]) {
        const request = await uploadRequest(
          '/file',
          { file: { bytes: noisy, filename: name }, title: name, comment: '' },
          { token: editor.token, declareLength, headers: { 'x-forwarded-for': addressOf(editor) } },
        );
        await expectError(await POST(request), 413, 'rest-too-large');
      }
      expect(await blobStored(noisy)).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('answers 415 for another Content-Type than multipart/form-data', async () => {
    const request = restRequest('/file', { method: 'POST', token: editor.token, json: { title: fileName() } });
    const body = await expectError(await POST(request), 415, 'rest-bad-content-type');
    expect(body.messageTranslations.en).toContain('multipart/form-data');
  });
});

describe('what the bytes are', () => {
  it('answers 415 naming the allowed types for a file of another type, whatever its name says', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const name = fileName('Rest pdf');
    const body = await expectError(await post(editor, { file: { bytes: pdf, filename: name, type: 'image/png' }, title: name, comment: '' }), 415, 'rest-bad-content-type');
    for (const type of ['PNG', 'JPEG', 'GIF', 'WebP', 'AVIF', 'SVG']) expect(body.messageTranslations.en).toContain(type);
    expect(await blobStored(pdf)).toBe(false);
  });

  it('honours WIKI_UPLOAD_TYPES: a PNG is refused where only JPEG is allowed', async () => {
    vi.stubEnv('WIKI_UPLOAD_TYPES', 'jpg');
    try {
      const bytes = await uniquePng();
      const body = await expectError(await post(editor, { file: { bytes }, title: fileName(), comment: '' }), 415, 'rest-bad-content-type');
      expect(body.messageTranslations.en).toContain('JPEG');
      expect(body.messageTranslations.en).not.toContain('GIF');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('throttling', () => {
  it('answers 429 with Retry-After once a user passes the upload limit', async () => {
    const busy = await newEditor();
    let refused: Response | null = null;
    for (let i = 0; i < 40 && refused === null; i++) {
      const response = await post(busy, { file: { bytes: await uniquePng(16, 16) }, title: fileName('Rest throttle'), comment: '' });
      if (response.status === 429) refused = response;
      else expect(response.status, await response.clone().text()).toBe(201);
    }
    expect(refused).not.toBeNull();
    const retryAfter = Number(refused!.headers.get('retry-after'));
    await expectError(refused!, 429, 'rest-ratelimited');
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    // Other users are not affected.
    expect((await post(editor, { file: { bytes: await uniquePng(16, 16) }, title: fileName('Rest unthrottled'), comment: '' })).status).toBe(201);
  });
});
