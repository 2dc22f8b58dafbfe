import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { signIn } from '../support/browser';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import { uniquePng } from '../support/file-upload-client';

/*
 * The production server's image cache (runtime/image-cache.mjs, docs/page-cache.md "Image
 * cache"): a public /images response is answered from memory the second time with the same
 * headers and bytes (per thumbnail format), HEAD and If-None-Match (304) too; an administrator's
 * private view of a deleted file is never stored, and the deletion stops the cached copies at
 * once. Hiding an old version: tests/integration/image-cache-invalidation.test.ts; another
 * instance: tests/e2e/page-cache-instances.test.ts.
 */
const WEBP = 'image/avif,image/webp,image/apng,image/*,*/*;q=0.8';

// The wiki's bot uploads; its administrator deletes.
const suite = useSharedWikiInBrowser();
const { name: ADMIN, password: PASSWORD } = suite.admin;
let wiki: { baseUrl: string };
let browser: Browser;
let token: string;
beforeAll(() => {
  wiki = suite.wiki();
  browser = suite.browser();
  token = suite.bot().token;
});

interface Uploaded {
  key: string;
  bytes: Buffer;
  original: string;
  thumbnail: string;
}

async function upload(name: string): Promise<Uploaded> {
  const bytes = await uniquePng(640, 400);
  const form = new FormData();
  form.set('title', `File:${name}`);
  form.set('comment', 'image cache test');
  form.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
  const response = await fetch(`${wiki.baseUrl}/w/rest.php/v1/file`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(response.status, await response.clone().text()).toBe(201);
  const file = (await response.json()) as { original: { url: string }; thumbnail: { url: string } };
  return { key: name.replaceAll(' ', '_'), bytes, original: file.original.url, thumbnail: file.thumbnail.url };
}

/**
 * The headers a hit must repeat: all but the connection's, the framing (Next.js streams the miss
 * chunked, a hit states its Content-Length) and the cache's own note.
 */
function replayable(headers: Headers): Record<string, string> {
  const own = ['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'x-wiki-cache'];
  return Object.fromEntries([...headers].filter(([name]) => !own.includes(name)));
}

async function answer(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  return { status: response.status, cache: response.headers.get('x-wiki-cache'), headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('the image cache of the production server', () => {
  it('answers the second request for a thumbnail or original from memory, with the same headers and bytes; HEAD and 304 too', async () => {
    const file = await upload('Cached picture.png');
    for (const accept of [WEBP, 'image/png']) {
      const first = await answer(file.thumbnail, { headers: { accept } });
      expect([first.status, first.cache]).toEqual([200, 'miss']);
      const second = await answer(file.thumbnail, { headers: { accept } });
      expect([second.status, second.cache]).toEqual([200, 'hit']);
      expect(replayable(second.headers)).toEqual(replayable(first.headers));
      expect(second.bytes.equals(first.bytes)).toBe(true);
      expect(second.headers.get('content-length')).toBe(String(first.bytes.length));
      expect(second.headers.get('content-type')).toBe(accept === WEBP ? 'image/webp' : 'image/png');
      expect(second.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(second.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect(second.headers.get('x-content-type-options')).toBe('nosniff');
      expect(second.headers.get('vary')).toMatch(/accept/i);

      const head = await answer(file.thumbnail, { method: 'HEAD', headers: { accept } });
      expect([head.status, head.cache, head.headers.get('content-length'), head.bytes.length]).toEqual([200, 'hit', String(first.bytes.length), 0]);
      const notModified = await answer(file.thumbnail, { headers: { accept, 'if-none-match': first.headers.get('etag')! } });
      expect([notModified.status, notModified.cache, notModified.headers.get('etag'), notModified.bytes.length]).toEqual([304, 'hit', first.headers.get('etag'), 0]);
    }

    const first = await answer(file.original);
    const second = await answer(file.original);
    expect([first.cache, second.cache]).toEqual(['miss', 'hit']);
    expect(second.bytes.equals(file.bytes)).toBe(true);
    expect(replayable(second.headers)).toEqual(replayable(first.headers));
  });

  it("never stores an administrator's private view of a deleted file, and stops serving the cached copies at the deletion", async () => {
    const file = await upload('Deleted picture.png');
    for (const url of [file.original, file.thumbnail]) {
      await answer(url);
      expect((await answer(url)).cache).toBe('hit');
    }

    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, wiki.baseUrl, ADMIN, PASSWORD);
    await admin.goto(`${wiki.baseUrl}/wiki/File:${file.key}?action=delete`);
    await admin.getByLabel('Reason').fill('Image cache test');
    await admin.getByRole('button', { name: 'Delete page' }).click();
    await admin.waitForURL(/Special:Log/);
    const cookie = (await admin.context().cookies()).map(({ name, value }) => `${name}=${value}`).join('; ');
    await admin.context().close();

    for (const url of [file.original, file.thumbnail]) {
      const anonymous = await answer(url);
      expect([anonymous.status, anonymous.cache]).toEqual([404, 'miss']);
      for (let visit = 0; visit < 2; visit += 1) {
        const administrator = await answer(url, { headers: { cookie } });
        expect([administrator.status, administrator.cache, administrator.headers.get('cache-control')]).toEqual([200, 'miss', 'private, no-store']);
      }
      expect((await answer(url)).status).toBe(404);
    }
  });
});
