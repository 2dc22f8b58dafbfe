import { uniqueTitle } from '../support/database';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newEditor, readJson } from '../support/rest-client';
import { uniquePng, uploadRequest } from '../support/file-upload-client';
import { GET } from '@/app/images/[...path]/route';
import { POST } from '@/app/w/rest.php/v1/file/route';
import { PUT } from '@/app/w/rest.php/v1/file/[...path]/route';
import { createAccount } from '@/lib/server/accounts';
import { loadActor } from '@/lib/server/actors';
import { deletePage, undeletePage } from '@/lib/server/deletion';
import { hideFileVersion } from '@/lib/server/files/file-versions';
import { getDb } from '@/lib/server/db';
import { sha1OfBytes } from '@/lib/server/files/storage';
import { deletePageSchema, undeletePageSchema } from '@/lib/domain/deletion';
import { FILE_HIDDEN_BITS } from '@/lib/domain/files/types';
import { NS } from '@/lib/domain/titles';
import type { Actor } from '@/lib/domain/policy';
import { cacheableImage, ImageCache, imageRequestOf, invalidationTarget } from '../../runtime/image-cache.mjs';
import { PageCache } from '../../runtime/page-cache.mjs';

/*
 * The writes that make a file version private (deleting its File page archives every version;
 * hiding an old version) reach the front handler's image cache on the same instance: the app's
 * writes call the handle runtime/server.mjs sets, wired here the same way (invalidationTarget over
 * a real PageCache and ImageCache). The cache is filled with the real route's responses, as
 * image-cache-http.mjs stores them. Another instance hears the same paths through PostgreSQL
 * (tests/e2e/page-cache-instances.test.ts).
 */
const HANDLE = Symbol.for('wiki.pageCache');
let images: ImageCache;
beforeEach(() => {
  images = new ImageCache({ maxBytes: 8 * 1024 * 1024 });
  const caches = invalidationTarget(new PageCache({ maxBytes: 1024 * 1024 }), images);
  (globalThis as Record<symbol, unknown>)[HANDLE] = { invalidate: caches.invalidate, clear: caches.clear, limitLifetime: () => {} };
});
afterAll(() => {
  delete (globalThis as Record<symbol, unknown>)[HANDLE];
});

let admin: Actor;
beforeAll(async () => {
  const account = await createAccount(
    { username: `Image cache admin ${process.pid} ${Date.now().toString(36)}`, password: 'Plover-Quartz-cache-lantern-orbit-9431', admin: true },
    null,
  );
  admin = (await loadActor(account.id))!;
});

const ORIGIN = 'http://wiki.test';
const WEBP = 'image/avif,image/webp,image/*,*/*;q=0.8';

async function uploadFile(): Promise<{ key: string; sha1: string; uploader: Awaited<ReturnType<typeof newEditor>> }> {
  const uploader = await newEditor();
  const bytes = await uniquePng();
  const name = `${uniqueTitle('Cached')}.png`;
  const response = await POST(
    await uploadRequest(
      '/file',
      { file: { bytes, filename: name }, title: name, comment: '' },
      { token: uploader.token, headers: { 'x-forwarded-for': `10.8.${uploader.id >> 8}.${uploader.id & 255}` } },
    ),
  );
  expect(response.status, await response.clone().text()).toBe(201);
  const { title } = await readJson<{ title: string }>(response);
  return { key: title.slice('File:'.length).replaceAll(' ', '_'), sha1: sha1OfBytes(bytes), uploader };
}

const paths = (key: string, sha1: string) => [`/images/${sha1}/${encodeURIComponent(key)}`, `/images/thumb/${sha1}/120px-${encodeURIComponent(key)}`];

/** What the front handler would store of the route's answer to an anonymous reader's GET of `path` (null: nothing). */
async function routeAnswer(path: string) {
  const request = imageRequestOf({ method: 'GET', url: path, headers: { accept: WEBP } })!;
  const response = await GET(new Request(`${ORIGIN}${path}`, { headers: { accept: WEBP } }));
  return cacheableImage(request, response.status, Object.fromEntries(response.headers), Buffer.from(await response.arrayBuffer()));
}

/** Asks the route for `path` and stores what it answers, as the front handler would; true when stored. */
async function fetchAndStore(path: string): Promise<boolean> {
  const ticket = images.beginMiss(imageRequestOf({ method: 'GET', url: path, headers: {} })!.name);
  return images.finishMiss(ticket, await routeAnswer(path));
}

const cached = (path: string) => images.lookup(imageRequestOf({ method: 'GET', url: path, headers: { accept: WEBP } })!.key) !== undefined;

describe("the image cache and the writes that restrict a file's versions", () => {
  it('a hidden old version: its original and thumbnail leave the cache, and a response read before the hiding is not stored', async () => {
    const file = await uploadFile();
    const next = await uniquePng();
    const replaced = await PUT(
      await uploadRequest(
        `/file/${encodeURIComponent(`File:${file.key}`)}`,
        { file: { bytes: next, filename: 'x.png' }, comment: 'v2' },
        { token: file.uploader.token, method: 'PUT', headers: { 'x-forwarded-for': `10.8.${file.uploader.id >> 8}.${file.uploader.id & 255}` } },
      ),
    );
    expect(replaced.status, await replaced.clone().text()).toBe(200);
    const old = paths(file.key, file.sha1);
    for (const path of old) expect(await fetchAndStore(path)).toBe(true);
    expect(old.map(cached)).toEqual([true, true]);
    // A thumbnail request on its way through the app while the hiding commits: the app answered
    // before the hiding (public), the front handler would store it after.
    const inFlight = images.beginMiss(file.key);
    const answeredBefore = await routeAnswer(old[1]!);
    expect(answeredBefore).not.toBeNull();

    const version = await getDb().fileVersion.findFirstOrThrow({ where: { sha1: file.sha1, page: { namespace: NS.FILE, title: file.key } }, select: { id: true } });
    await hideFileVersion(admin, { versionId: version.id, hidden: FILE_HIDDEN_BITS.file, seenHidden: 0, reason: 'Personal data' });

    expect(old.map(cached)).toEqual([false, false]);
    expect(images.finishMiss(inFlight, answeredBefore)).toBe(false);
    // Anonymous readers now get the 404, which is never stored.
    for (const path of old) expect(await fetchAndStore(path)).toBe(false);
    // The current version stays public and cacheable.
    expect(await fetchAndStore(paths(file.key, sha1OfBytes(next))[1]!)).toBe(true);
  });

  it('deleting the File page drops every one of its responses; undeleting lets them be stored again', async () => {
    const file = await uploadFile();
    const other = await uploadFile();
    const own = paths(file.key, file.sha1);
    for (const path of [...own, ...paths(other.key, other.sha1)]) expect(await fetchAndStore(path)).toBe(true);

    await deletePage(admin, deletePageSchema.parse({ title: `File:${file.key}`, reason: 'Copyright violation' }));
    expect(own.map(cached)).toEqual([false, false]);
    expect(paths(other.key, other.sha1).map(cached)).toEqual([true, true]);
    for (const path of own) expect(await fetchAndStore(path)).toBe(false);

    await undeletePage(admin, undeletePageSchema.parse({ title: `File:${file.key}`, reason: 'Permission received' }));
    for (const path of own) expect(await fetchAndStore(path)).toBe(true);
  });
});
