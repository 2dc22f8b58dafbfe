import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { cacheKeyFor, cacheKeyOf, cacheablePage, languageCookieOf, PAGE_CACHE_KEY_HEADER, PageCache, pageCacheBytesFromEnv } from '../../runtime/page-cache.mjs';
import { answerFromPageCache, capturePageForCache, encodingFor, namesTag } from '../../runtime/page-cache-http.mjs';
import { scriptHashSource } from '../../runtime/page-csp-hashes.mjs';

const NONCE = 'AAAAAAAAAAAAAAAAAAAAAAAA';
const POLICY = `default-src 'self'; script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'`;
const html = (text: string) => `<html><script nonce="${NONCE}">boot()</script><p>${text}</p><script nonce="${NONCE}">self.n=1</script></html>`;
/** What a hit sends for html(text): the same page without the nonce attributes. */
const stored = (text: string) => `<html><script>boot()</script><p>${text}</p><script>self.n=1</script></html>`;
const STORED_POLICY = `default-src 'self'; script-src 'self' ${scriptHashSource('boot()')} ${scriptHashSource('self.n=1')} 'strict-dynamic'`;

function request(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return { method, url, headers };
}

describe('which requests the page cache may answer', () => {
  it('takes anonymous article views by their language and raw path', () => {
    expect(cacheKeyOf(request('/wiki/Caf%C3%A9_ECPAT'))).toBe('en /wiki/Caf%C3%A9_ECPAT');
    expect(cacheKeyOf(request('/wiki/Main_Page', {}, 'HEAD'))).toBe('en /wiki/Main_Page');
    expect(cacheKeyOf(request('/wiki/Main_Page', { cookie: 'theme=dark' }))).toBe('en /wiki/Main_Page');
  });

  it('keeps each interface language apart: the switcher cookie first, then Accept-Language', () => {
    expect(cacheKeyOf(request('/wiki/Main_Page', { 'accept-language': 'it-IT,it;q=0.9,en;q=0.8' }))).toBe('it /wiki/Main_Page');
    expect(cacheKeyOf(request('/wiki/Main_Page', { 'accept-language': 'de-DE,de;q=0.9' }))).toBe('en /wiki/Main_Page');
    expect(cacheKeyOf(request('/wiki/Main_Page', { 'accept-language': 'it', cookie: 'wiki_language=en' }))).toBe('en /wiki/Main_Page');
    expect(cacheKeyOf(request('/wiki/Main_Page', { cookie: 'theme=dark; wiki_language=it' }))).toBe('it /wiki/Main_Page');
  });

  it('stays out when the language cookie is repeated or not exactly a language (the cache and Next.js could read different ones)', () => {
    expect(cacheKeyOf(request('/wiki/Main_Page', { cookie: 'wiki_language=en; wiki_language=it' }))).toBeNull();
    expect(cacheKeyOf(request('/wiki/Main_Page', { cookie: 'wiki_language=en;wiki_language=it' }))).toBeNull();
    expect(cacheKeyOf(request('/wiki/Main_Page', { cookie: 'wiki_language=%69t' }))).toBeNull();
    expect(cacheKeyOf(request('/wiki/Main_Page', { cookie: 'wiki_language' }))).toBeNull();
    expect(languageCookieOf('theme=dark; wiki_language=it')).toBe('it');
    expect(languageCookieOf('my_wiki_language=it; wiki_language_x=en')).toBeUndefined();
    expect(languageCookieOf(undefined)).toBeUndefined();
  });

  it('leaves signed-in readers, queries, router requests, special and category pages and writes to Next.js', () => {
    expect(cacheKeyOf(request('/wiki/Main_Page', { cookie: 'a=1; next-auth.session-token=x' }))).toBeNull();
    expect(cacheKeyOf(request('/wiki/Main_Page', { cookie: '__Secure-next-auth.session-token.0=garbage' }))).toBeNull();
    expect(cacheKeyOf(request('/wiki/Main_Page?action=edit'))).toBeNull();
    expect(cacheKeyOf(request('/wiki/Main_Page?action=history&older=3'))).toBeNull();
    expect(cacheKeyOf(request('/wiki/Main_Page', { rsc: '1' }))).toBeNull();
    expect(cacheKeyOf(request('/wiki/Main_Page', { 'next-router-prefetch': '1' }))).toBeNull();
    expect(cacheKeyOf(request('/wiki/Special:RecentChanges?days=7'))).toBeNull();
    expect(cacheKeyOf(request('/wiki/Special:AllPages'))).toBeNull();
    expect(cacheKeyOf(request('/wiki/Category:Fans'))).toBeNull();
    expect(cacheKeyOf(request('/wiki/Main_Page', {}, 'POST'))).toBeNull();
    expect(cacheKeyOf(request('/w/rest.php/v1/page/Main_Page'))).toBeNull();
  });
});

describe('cached pages: the same bytes for every reader', () => {
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': POLICY,
    'x-frame-options': 'DENY',
    'content-length': 10,
    vary: 'rsc, Accept-Encoding',
    [PAGE_CACHE_KEY_HEADER]: '/wiki/A',
  };

  it('pins the page’s scripts by hash instead of the nonce, and keeps other headers as sent', () => {
    const page = cacheablePage('/wiki/A', 200, headers, Buffer.from(html('hello')), Infinity)!;
    expect(page.identity.body.toString()).toBe(stored('hello'));
    expect(page.headers['content-security-policy']).toBe(STORED_POLICY);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['content-length']).toBeUndefined();
    expect(page.headers[PAGE_CACHE_KEY_HEADER]).toBeUndefined();
    // Browsers and shared caches may keep it, but ask again (by ETag) before each use.
    expect(page.headers['cache-control']).toBe('public, no-cache');
    expect(page.headers.vary).toBe('rsc, Accept-Encoding, Accept-Language, Cookie');
  });

  it('compresses once with brotli and gzip, each with its own strong ETag of the same page', () => {
    const page = cacheablePage('/wiki/A', 200, headers, Buffer.from(html('hello '.repeat(500))), Infinity)!;
    expect(brotliDecompressSync(page.br.body).equals(page.identity.body)).toBe(true);
    expect(gunzipSync(page.gzip.body).equals(page.identity.body)).toBe(true);
    expect(page.br.body.length).toBeLessThan(page.identity.body.length / 5);
    expect([page.identity.etag, page.br.etag, page.gzip.etag]).toEqual([`"${page.tag}"`, `"${page.tag}-br"`, `"${page.tag}-gzip"`]);
    // The same response stored twice gets the same tag; another text another one.
    expect(cacheablePage('/wiki/A', 200, headers, Buffer.from(html('hello '.repeat(500))), Infinity)!.tag).toBe(page.tag);
    expect(cacheablePage('/wiki/A', 200, headers, Buffer.from(html('bye')), Infinity)!.tag).not.toBe(page.tag);
  });

  it('answers If-None-Match by the page’s tag in any encoding, and picks the encoding by q-value', () => {
    expect(namesTag('"abc-br"', 'abc')).toBe(true);
    expect(namesTag('W/"abc-gzip", "x"', 'abc')).toBe(true);
    expect(namesTag('"x", "abc"', 'abc')).toBe(true);
    expect(namesTag('*', 'abc')).toBe(true);
    expect(namesTag('"abcd"', 'abc')).toBe(false);
    expect(namesTag('abc', 'abc')).toBe(false);
    expect(namesTag(undefined, 'abc')).toBe(false);
    expect(encodingFor('gzip, deflate, br, zstd')).toBe('br');
    expect(encodingFor('gzip')).toBe('gzip');
    expect(encodingFor('br;q=0.1, gzip;q=0.9')).toBe('gzip');
    expect(encodingFor('br;q=0, gzip;q=0')).toBe('identity');
    expect(encodingFor(undefined)).toBe('identity');
  });

  it('refuses errors, cookies, compressed bodies, non-HTML and pages without a nonce (nothing would tell their scripts apart)', () => {
    const body = Buffer.from(html('x'));
    expect(cacheablePage('/wiki/A', 404, headers, body, Infinity)).toBeNull();
    expect(cacheablePage('/wiki/A', 200, { ...headers, 'set-cookie': ['a=1'] }, body, Infinity)).toBeNull();
    expect(cacheablePage('/wiki/A', 200, { ...headers, 'content-encoding': 'gzip' }, body, Infinity)).toBeNull();
    expect(cacheablePage('/wiki/A', 200, { ...headers, 'content-type': 'application/json' }, body, Infinity)).toBeNull();
    expect(cacheablePage('/wiki/A', 200, { ...headers, 'content-security-policy': "default-src 'self'" }, body, Infinity)).toBeNull();
  });

  it('refuses a page the app did not declare under this very key', () => {
    const body = Buffer.from(html('x'));
    expect(cacheablePage('/wiki/A', 200, { ...headers, [PAGE_CACHE_KEY_HEADER]: undefined }, body, Infinity)).toBeNull();
    expect(cacheablePage('en /wiki/x/../A', 200, { ...headers, [PAGE_CACHE_KEY_HEADER]: 'en /wiki/A' }, body, Infinity)).toBeNull();
    expect(cacheablePage('en /wiki/A', 200, { ...headers, [PAGE_CACHE_KEY_HEADER]: 'it /wiki/A' }, body, Infinity)).toBeNull();
    expect(cacheablePage('en /wiki/A', 200, { ...headers, [PAGE_CACHE_KEY_HEADER]: 'en /wiki/A' }, body, Infinity)).not.toBeNull();
  });
});

describe('the cache store', () => {
  const page = (key: string, size: number, expiresAt = Infinity) =>
    cacheablePage(key, 200, { 'content-type': 'text/html', 'content-security-policy': POLICY, [PAGE_CACHE_KEY_HEADER]: key }, Buffer.alloc(size, 'x'), expiresAt)!;
  const fill = (cache: PageCache, key: string, size: number, expiresAt = Infinity) => cache.finishMiss(cache.beginMiss(key), page(key, size, expiresAt));

  it('drops the least recently used pages past its size', () => {
    // Each entry: the page, its brotli and gzip forms, and about 1 KB for its key and headers.
    const cache = new PageCache({ maxBytes: 14_000 });
    for (const key of ['/wiki/A', '/wiki/B', '/wiki/C', '/wiki/D']) fill(cache, key, 2_000);
    cache.lookup('/wiki/A');
    fill(cache, '/wiki/E', 2_000);
    expect([...cache.entries.keys()].sort()).toEqual(['/wiki/A', '/wiki/C', '/wiki/D', '/wiki/E']);
    expect(cache.bytes).toBeLessThanOrEqual(14_000);
    expect(fill(cache, '/wiki/Huge', 5_000)).toBe(false);
  });

  it('does not store a render that an invalidation overtook, nor anything while turned off', () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const [englishA, italianA] = [cacheKeyFor('/wiki/A', 'en'), cacheKeyFor('/wiki/A', 'it')];
    const early = cache.beginMiss(italianA);
    cache.invalidate(['/wiki/A']);
    const late = cache.beginMiss(italianA);
    expect(cache.finishMiss(early, page(italianA, 10))).toBe(false);
    expect(cache.finishMiss(late, page(italianA, 10))).toBe(true);
    const beforeClear = cache.beginMiss('/wiki/B');
    cache.setEnabled(false);
    expect(cache.lookup(italianA)).toBeUndefined();
    expect(cache.finishMiss(beforeClear, page('/wiki/B', 10))).toBe(false);
    expect(fill(cache, '/wiki/C', 10)).toBe(false);
    expect(englishA).not.toBe(italianA);
  });

  it('drops every language and every cached query of a page when the page changes, and renders of them in flight', () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    for (const language of ['en', 'it']) fill(cache, cacheKeyFor('/wiki/A', language), 10);
    for (const query of ['?oldid=3', '?diff=prev&oldid=3', '?action=history']) fill(cache, cacheKeyFor('/wiki/A', 'it', query), 10);
    fill(cache, cacheKeyFor('/wiki/B', 'it'), 10);
    fill(cache, cacheKeyFor('/wiki/B', 'en', '?oldid=4'), 10);
    const inFlight = cache.beginMiss(cacheKeyFor('/wiki/A', 'en', '?action=history'));
    cache.invalidate(['/wiki/A']);
    expect([...cache.entries.keys()]).toEqual([cacheKeyFor('/wiki/B', 'it'), cacheKeyFor('/wiki/B', 'en', '?oldid=4')]);
    expect(cache.finishMiss(inFlight, page(inFlight.key, 10))).toBe(false);
    cache.invalidate(['/wiki/B']);
    expect(cache.entries.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('forgets a page when what it shows expires (a protection ending)', () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    fill(cache, '/wiki/A', 10, 5_000);
    expect(cache.lookup('/wiki/A', 4_999)).toBeDefined();
    expect(cache.lookup('/wiki/A', 5_000)).toBeUndefined();
  });

  it('reads its size from WIKI_PAGE_CACHE_MB', () => {
    expect(pageCacheBytesFromEnv({})).toBe(64 * 1024 * 1024);
    expect(pageCacheBytesFromEnv({ WIKI_PAGE_CACHE_MB: '0' })).toBe(0);
    expect(() => pageCacheBytesFromEnv({ WIKI_PAGE_CACHE_MB: 'lots' })).toThrow(/WIKI_PAGE_CACHE_MB/);
  });
});

describe('the front handler over real HTTP', () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A stand-in for Next.js that streams a page in chunks, as Next.js does. */
  async function serve(cache: PageCache, render: () => string) {
    let renders = 0;
    server = http.createServer((req, res) => {
      const key = cacheKeyOf(req);
      if (key !== null && answerFromPageCache(cache, key, req, res)) return;
      if (key !== null) capturePageForCache(cache, key, req, res);
      renders += 1;
      res.statusCode = 200;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('content-security-policy', POLICY);
      res.setHeader('x-encoding-seen', String(req.headers['accept-encoding'] ?? 'none'));
      res.setHeader(PAGE_CACHE_KEY_HEADER, cacheKeyFor(req.url!, 'en'));
      const text = render();
      res.write(text.slice(0, 20));
      setTimeout(() => res.end(text.slice(20)), 5);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
    return { base, renders: () => renders };
  }

  it('answers the second anonymous view from memory, the same bytes each time, and the next after an invalidation from Next.js', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    let text = 'first';
    const { base, renders } = await serve(cache, () => html(text));
    const first = await fetch(`${base}/wiki/A`);
    expect(first.headers.get('x-wiki-cache')).toBe('miss');
    expect(first.headers.get('x-encoding-seen')).toBe('none');
    expect(await first.text()).toBe(html('first'));

    const hits = [await fetch(`${base}/wiki/A`), await fetch(`${base}/wiki/A`)];
    for (const hit of hits) {
      expect(hit.headers.get('x-wiki-cache')).toBe('hit');
      expect(hit.headers.get('content-security-policy')).toBe(STORED_POLICY);
      expect(await hit.text()).toBe(stored('first'));
    }
    expect(hits[0]!.headers.get('etag')).toBe(hits[1]!.headers.get('etag'));
    expect(renders()).toBe(1);

    // fetch asks for gzip and brotli and decodes: the same page; a repeat view by ETag is a 304.
    const compressed = await fetch(`${base}/wiki/A`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(compressed.headers.get('content-encoding')).toBe('br');
    expect(await compressed.text()).toBe(stored('first'));
    const again = await fetch(`${base}/wiki/A`, { headers: { 'if-none-match': compressed.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(hits[0]!.headers.get('etag'));

    text = 'second';
    cache.invalidate(['/wiki/A']);
    const changed = await fetch(`${base}/wiki/A`, { headers: { 'if-none-match': compressed.headers.get('etag')! } });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toBe(html('second'));
    const head = await fetch(`${base}/wiki/A`, { method: 'HEAD', headers: { 'accept-encoding': 'identity' } });
    expect(head.headers.get('x-wiki-cache')).toBe('hit');
    expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength(stored('second')));
    expect(renders()).toBe(2);
  });

  it('never stores a page for a signed-in reader', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const { base, renders } = await serve(cache, () => html('Signed in as Fan'));
    await fetch(`${base}/wiki/A`, { headers: { cookie: 'next-auth.session-token=abc' } });
    const anonymous = await fetch(`${base}/wiki/A`);
    expect(anonymous.headers.get('x-wiki-cache')).toBe('miss');
    expect(renders()).toBe(2);
  });
});
