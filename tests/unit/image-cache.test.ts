import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseImagePath, thumbnailFormat } from '@/lib/domain/files/thumbnail-sizes';
import { pageCacheKey } from '@/lib/domain/page-cache';
import { makeParsedTitle, NS } from '@/lib/domain/titles';
import {
  cacheableImage,
  ImageCache,
  imageCacheBytesFromEnv,
  imageRequestOf,
  invalidationTarget,
  MAX_IMAGE_ENTRY_BYTES,
  type ImageRequest,
} from '../../runtime/image-cache.mjs';
import { answerFromImageCache, captureImageForCache } from '../../runtime/image-cache-http.mjs';
import { PageCache } from '../../runtime/page-cache.mjs';

const SHA1 = 'a'.repeat(40);
const OTHER_SHA1 = 'b'.repeat(40);
const PUBLIC = 'public, max-age=31536000, immutable';
const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => ({ method, url, headers });
const filePath = (name: string) => pageCacheKey(makeParsedTitle(NS.FILE, name));

function publicHeaders(etag = `"${SHA1}-120-webp"`): Record<string, string> {
  return {
    'cache-control': PUBLIC,
    etag,
    'content-type': 'image/webp',
    vary: 'Accept',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
  };
}

function entry(cache: ImageCache, request: ImageRequest, body = Buffer.from('bytes')): boolean {
  return cache.finishMiss(cache.beginMiss(request.name), cacheableImage(request, 200, publicHeaders(), body));
}

describe('which requests the image cache may answer', () => {
  it('keys thumbnails by path and by whether WebP is accepted, the one thing that decides their format', () => {
    const url = `/images/thumb/${SHA1}/120px-Caf%C3%A9.png`;
    const chrome = 'image/avif,image/webp,image/apng,image/*,*/*;q=0.8';
    for (const accept of [chrome, 'image/png', '*/*', 'image/webp;q=0, image/png', 'IMAGE/WEBP', '']) {
      const request = imageRequestOf(get(url, { accept }))!;
      expect(request.name).toBe('Café.png');
      // Two Accept headers with the same key always get the same format from the route.
      expect(request.key.startsWith('webp ')).toBe(thumbnailFormat('image/png', accept) === 'webp');
      expect(request.key.startsWith('webp ')).toBe(thumbnailFormat('image/jpeg', accept) === 'webp');
    }
    expect(imageRequestOf(get(url))!.key).toBe(`other ${url}`);
    expect(imageRequestOf(get(`/images/${SHA1}/A.svg`, { accept: chrome }))).toEqual({ key: `original /images/${SHA1}/A.svg`, name: 'A.svg' });
    expect(imageRequestOf(get(`/images/${SHA1}/A.svg`, {}, 'HEAD'))).not.toBeNull();
  });

  it('derives the name the route looks up, or stays out: never a path the route would read as another file', () => {
    const paths = [
      `/images/thumb/${SHA1}/250px-Fan_club.png`,
      `/images/${SHA1}/Fan%5Fclub.png`,
      `/images/${SHA1}/A%2FB.png`,
      `/images/x/../${SHA1}/Fan.png`,
      `/images/thumb/${SHA1}/x/%2e%2e/250px-Fan.png`,
      `/images/${SHA1}/%2e%2e`,
      `/images/${SHA1}/..`,
      `/images/${SHA1}/Fan%zz.png`,
      `/images/${SHA1}/Fan\\..\\Other.png`,
      `/images/${SHA1}/Fan.png?x=1`,
      `/images/${SHA1}/Fan.png#x`,
      `/images/${SHA1}//Fan.png`,
      `/images/${SHA1}/Fan.png/`,
      `/images/${SHA1.toUpperCase()}/Fan.png`,
      `/images/thumb/${SHA1}/0px-Fan.png`,
      `/images/thumb/${SHA1}/250px-`,
      '/wiki/File:Fan.png',
    ];
    for (const path of paths) {
      const request = imageRequestOf(get(path));
      if (request === null) continue;
      // What the route reads: the WHATWG URL of the request, then parseImagePath.
      const routed = parseImagePath(new URL(path, 'http://wiki.test').pathname);
      expect(routed?.name, path).toBe(request.name);
    }
    expect(imageRequestOf(get(`/images/${SHA1}/Fan%5Fclub.png`))?.name).toBe('Fan_club.png');
    expect(imageRequestOf(get(`/images/x/../${SHA1}/Fan.png`))).toBeNull();
    expect(imageRequestOf(get(`/images/${SHA1}/%2e%2e`))).toBeNull();
    expect(imageRequestOf(get(`/images/${SHA1}/Fan.png?x=1`))).toBeNull();
    expect(imageRequestOf(get(`/images/${SHA1}/Fan.png`, {}, 'POST'))).toBeNull();
  });
});

describe('what the image cache stores', () => {
  const request = { key: `original /images/${SHA1}/A.png`, name: 'A.png' };

  it('keeps public immutable 200s with their headers, never private, uncached, compressed, cookie-setting or cut-short ones', () => {
    const stored = cacheableImage(request, 200, { ...publicHeaders(), 'content-length': 5, date: 'now', 'x-wiki-cache': 'miss' }, Buffer.from('bytes'))!;
    expect(stored.headers).toEqual(publicHeaders());
    expect(stored.etag).toBe(`"${SHA1}-120-webp"`);
    expect(cacheableImage(request, 200, { ...publicHeaders(), 'cache-control': 'private, no-store' }, Buffer.from('x'))).toBeNull();
    expect(cacheableImage(request, 200, { ...publicHeaders(), 'cache-control': 'no-store, public, immutable' }, Buffer.from('x'))).toBeNull();
    expect(cacheableImage(request, 200, { ...publicHeaders(), 'cache-control': 'no-cache' }, Buffer.from('x'))).toBeNull();
    expect(cacheableImage(request, 404, publicHeaders(), Buffer.from('x'))).toBeNull();
    expect(cacheableImage(request, 304, publicHeaders(), Buffer.from(''))).toBeNull();
    expect(cacheableImage(request, 200, { ...publicHeaders(), 'set-cookie': 'a=b' }, Buffer.from('x'))).toBeNull();
    expect(cacheableImage(request, 200, { ...publicHeaders(), 'content-encoding': 'gzip' }, Buffer.from('x'))).toBeNull();
    expect(cacheableImage(request, 200, { ...publicHeaders(), etag: undefined }, Buffer.from('x'))).toBeNull();
    expect(cacheableImage(request, 200, { ...publicHeaders(), 'content-length': '10' }, Buffer.from('x'))).toBeNull();
  });

  it('drops the least recently used past its budget and never stores an entry over 2 MiB or a quarter of it', () => {
    // Entries of 300 bytes of body take about 900 in all: four fit in 4,000, one of 1,001 bytes never does.
    const cache = new ImageCache({ maxBytes: 4_000 });
    const at = (n: number) => ({ key: `original /images/${SHA1}/${n}.png`, name: `${n}.png` });
    for (const n of [1, 2, 3, 4]) expect(entry(cache, at(n), Buffer.alloc(300))).toBe(true);
    cache.lookup(at(1).key);
    expect(entry(cache, at(5), Buffer.alloc(300))).toBe(true);
    expect(cache.bytes).toBeLessThanOrEqual(4_000);
    expect([...cache.entries.keys()]).toEqual([at(3).key, at(4).key, at(1).key, at(5).key]);
    expect(entry(cache, at(6), Buffer.alloc(1_001))).toBe(false);
    expect(new ImageCache({ maxBytes: 1024 * 1024 * 1024 }).maxEntryBytes).toBe(MAX_IMAGE_ENTRY_BYTES);
  });

  it("drops every response of a file whose File page's path is invalidated, and what was in flight then", () => {
    const cache = new ImageCache({ maxBytes: 1_000_000 });
    const thumb = { key: `webp /images/thumb/${SHA1}/120px-Caf%C3%A9_au_lait.png`, name: 'Café_au_lait.png' };
    const original = { key: `original /images/${OTHER_SHA1}/Caf%C3%A9_au_lait.png`, name: 'Café_au_lait.png' };
    const other = { key: `original /images/${SHA1}/Other.png`, name: 'Other.png' };
    for (const request of [thumb, original, other]) entry(cache, request);
    const inFlight = cache.beginMiss('Café_au_lait.png');
    cache.invalidate(['/wiki/Main_Page', '/wiki/Caf%C3%A9_au_lait.png', filePath('Café_au_lait.png')]);
    expect([...cache.entries.keys()]).toEqual([other.key]);
    expect(cache.finishMiss(inFlight, cacheableImage(thumb, 200, publicHeaders(), Buffer.from('x')))).toBe(false);
    cache.invalidate(['/wiki/File:%zz']);
    expect(cache.entries.size).toBe(0);
  });

  it('reaches the page cache and the image cache together, and turns both off', () => {
    const pages = new PageCache({ maxBytes: 1_000_000 });
    const images = new ImageCache({ maxBytes: 1_000_000 });
    const both = invalidationTarget(pages, images);
    entry(images, { key: `original /images/${SHA1}/A.png`, name: 'A.png' });
    both.invalidate(new Set([filePath('A.png')]));
    expect(images.entries.size).toBe(0);
    both.setEnabled(false);
    expect([pages.enabled, images.enabled]).toEqual([false, false]);
    expect(entry(images, { key: `original /images/${SHA1}/A.png`, name: 'A.png' })).toBe(false);
  });

  it('reads WIKI_IMAGE_CACHE_MB', () => {
    expect(imageCacheBytesFromEnv({})).toBe(32 * 1024 * 1024);
    expect(imageCacheBytesFromEnv({ WIKI_IMAGE_CACHE_MB: '0' })).toBe(0);
    expect(new ImageCache({ maxBytes: 0 }).enabled).toBe(false);
    expect(() => imageCacheBytesFromEnv({ WIKI_IMAGE_CACHE_MB: '-1' })).toThrow(/WIKI_IMAGE_CACHE_MB/);
  });
});

describe('the image cache over real HTTP', () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A stand-in for the route: streams a thumbnail in two chunks; `private` answers as to an administrator. */
  async function serve(cache: ImageCache, state: { private: boolean }) {
    let served = 0;
    server = http.createServer((req, res) => {
      const image = imageRequestOf(req);
      if (image !== null && answerFromImageCache(cache, image, req, res)) return;
      if (image !== null) captureImageForCache(cache, image, req, res);
      served += 1;
      const format = thumbnailFormat('image/png', req.headers.accept);
      const headers: Record<string, string> = {
        ...publicHeaders(`"${SHA1}-120-${format}"`),
        'content-type': `image/${format}`,
        'x-encoding-seen': String(req.headers['accept-encoding'] ?? 'none'),
      };
      if (state.private) headers['cache-control'] = 'private, no-store';
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      if (req.headers['if-none-match'] === headers.etag) {
        res.statusCode = 304;
        return res.end();
      }
      res.setHeader('content-length', 8);
      res.write(Buffer.from(format.padEnd(4, '-')));
      setTimeout(() => res.end(Buffer.from('data')), 5);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { base: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, served: () => served };
  }

  const without = (headers: Headers, ...names: string[]) => Object.fromEntries([...headers].filter(([name]) => !['date', 'x-wiki-cache', ...names].includes(name)));

  it('answers the second request from memory with the same headers and bytes, HEAD and 304 too, per format', async () => {
    const cache = new ImageCache({ maxBytes: 1_000_000 });
    const { base, served } = await serve(cache, { private: false });
    const url = `${base}/images/thumb/${SHA1}/120px-A.png`;
    const first = await fetch(url, { headers: { accept: 'image/webp' } });
    expect(first.headers.get('x-wiki-cache')).toBe('miss');
    expect(first.headers.get('x-encoding-seen')).toBe('none');
    const firstBytes = Buffer.from(await first.arrayBuffer());
    const second = await fetch(url, { headers: { accept: 'image/webp' } });
    expect(second.headers.get('x-wiki-cache')).toBe('hit');
    expect(without(second.headers)).toEqual(without(first.headers));
    expect(Buffer.from(await second.arrayBuffer())).toEqual(firstBytes);

    const head = await fetch(url, { method: 'HEAD', headers: { accept: 'image/webp' } });
    expect([head.status, head.headers.get('x-wiki-cache'), head.headers.get('content-length')]).toEqual([200, 'hit', '8']);
    const notModified = await fetch(url, { headers: { accept: 'image/webp', 'if-none-match': `W/"x", "${SHA1}-120-webp"` } });
    expect([notModified.status, notModified.headers.get('x-wiki-cache'), notModified.headers.get('etag')]).toEqual([304, 'hit', `"${SHA1}-120-webp"`]);
    const stale = await fetch(url, { headers: { accept: 'image/webp', 'if-none-match': '"other"' } });
    expect([stale.status, stale.headers.get('x-wiki-cache')]).toEqual([200, 'hit']);

    const png = await fetch(url, { headers: { accept: 'image/png' } });
    expect([png.headers.get('x-wiki-cache'), png.headers.get('content-type')]).toEqual(['miss', 'image/png']);
    expect(Buffer.from(await png.arrayBuffer()).toString()).toBe('png-data');
    expect((await fetch(url)).headers.get('content-type')).toBe('image/png');
    expect(served()).toBe(2);
  });

  it('never stores a private response, nor fills from HEAD or conditional requests', async () => {
    const cache = new ImageCache({ maxBytes: 1_000_000 });
    const state = { private: true };
    const { base, served } = await serve(cache, state);
    const url = `${base}/images/thumb/${SHA1}/120px-A.png`;
    for (let i = 0; i < 2; i++) expect((await fetch(url)).headers.get('cache-control')).toBe('private, no-store');
    state.private = false;
    await fetch(url, { method: 'HEAD' });
    expect((await fetch(url, { headers: { 'if-none-match': `"${SHA1}-120-png"` } })).status).toBe(304);
    expect(cache.entries.size).toBe(0);
    expect(served()).toBe(4);
  });
});
