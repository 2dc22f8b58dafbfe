import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pageCacheKey } from '@/lib/domain/page-cache';
import { parseTitle } from '@/lib/domain/titles';
import { LOCALE_COOKIE, negotiateLocale } from '@/lib/i18n/negotiate-locale.mjs';
import { proxy } from '@/proxy';
import { cacheKeyOf, PAGE_CACHE_KEY_HEADER, PageCache } from '../../runtime/page-cache.mjs';
import { answerFromPageCache, capturePageForCache, withholdCacheKeyDeclaration } from '../../runtime/page-cache-http.mjs';

/*
 * The front handler in front of a stand-in for Next.js that routes as Next.js does (the WHATWG URL
 * parser resolves "/x/../", "./" and "%2e%2e" before anything sees the path) and runs the real
 * proxy.ts, which declares the key a view may be cached under. Requests go out with node:http, which
 * sends the path exactly as written (fetch would resolve the dot segments itself).
 */
const texts = new Map<string, string>();
let cache: PageCache;
let server: http.Server;
let port: number;

beforeEach(async () => {
  cache = new PageCache({ maxBytes: 1_000_000 });
  server = http.createServer(async (req, res) => {
    const key = cacheKeyOf(req);
    if (key !== null && answerFromPageCache(cache, key, req, res)) return;
    if (key !== null) capturePageForCache(cache, key, req, res);
    else withholdCacheKeyDeclaration(res);
    const url = new URL(req.url!, 'http://wiki.test');
    const headers = new Headers(Object.entries(req.headers).map(([name, value]) => [name, String(value)] as [string, string]));
    const routed = await proxy(new NextRequest(url, { method: req.method, headers }));
    for (const [name, value] of routed.headers) if (name === PAGE_CACHE_KEY_HEADER || name === 'content-security-policy') res.setHeader(name, value);
    // The page's language as lib/i18n/request.ts decides it, with Next.js's cookie parser (the last of a repeated cookie wins).
    const language = negotiateLocale({ cookie: new NextRequest(url, { headers }).cookies.get(LOCALE_COOKIE)?.value, acceptLanguage: req.headers['accept-language'] });
    const title = parseTitle(decodeURIComponent(url.pathname.slice('/wiki/'.length)));
    const nonce = /'nonce-([^']+)'/.exec(String(res.getHeader('content-security-policy')))?.[1];
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<html lang="${language}"><script nonce="${nonce}"></script><p>${texts.get(title.prefixedDbKey) ?? 'Missing page'}</p></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(path: string, headers: Record<string, string> = {}): Promise<{ cache: string | undefined; declared: unknown; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ cache: res.headers['x-wiki-cache'] as string | undefined, declared: res.headers[PAGE_CACHE_KEY_HEADER], body }));
      })
      .on('error', reject);
  });
}

const ALIASES = ['/wiki/x/../Fan_club', '/wiki/./Fan_club', '/wiki/x/%2e%2e/Fan_club', '/wiki/x/%2E%2E/Fan_club', '/wiki/Fan%5Fclub'];

describe('the page cache and other spellings of a page address', () => {
  it('never stores a view reached through an alias, so hiding or deleting the text reaches every address', async () => {
    texts.set('Fan_club', 'Secret words');
    for (const alias of ALIASES) {
      for (let visit = 0; visit < 3; visit += 1) {
        const view = await get(alias);
        expect(view.body).toContain('Secret words');
        expect(view.cache, alias).toBe('miss');
      }
    }
    await get('/wiki/Fan_club');
    expect((await get('/wiki/Fan_club')).cache).toBe('hit');
    expect([...cache.entries.keys()]).toEqual(['en /wiki/Fan_club']);

    // What a hiding or a deletion does: the text changes, and its canonical path is invalidated.
    texts.set('Fan_club', 'Nothing to see');
    cache.invalidate([pageCacheKey(parseTitle('Fan club'))]);
    for (const alias of [...ALIASES, '/wiki/Fan_club']) {
      const view = await get(alias);
      expect(view.body, alias).toContain('Nothing to see');
      expect(view.body, alias).not.toContain('Secret words');
    }
  });

  it('never stores a category, another special page, or recent changes under another spelling', async () => {
    for (const path of [
      '/wiki/x/../Special:RecentChanges',
      '/wiki/./Special:RecentChanges',
      '/wiki/x/%2e%2e/Category:Fans',
      '/wiki/Category:Fans',
      '/wiki/Special:AllPages',
    ]) {
      await get(path);
      expect((await get(path)).cache ?? 'bypassed', path).not.toBe('hit');
    }
    expect([...cache.entries.keys()]).toEqual([]);
    // Recent changes itself is kept, under its one canonical address (dropped with the Main Page).
    await get('/wiki/Special:RecentChanges');
    expect((await get('/wiki/Special:RecentChanges')).cache).toBe('hit');
    expect([...cache.entries.keys()]).toEqual(['en /wiki/Special:RecentChanges']);
  });

  it('keeps its declaration to itself', async () => {
    texts.set('Fan_club', 'Words');
    for (const path of ['/wiki/Fan_club', '/wiki/Fan_club', '/wiki/x/../Fan_club', '/wiki/Special:RecentChanges']) {
      expect((await get(path)).declared, path).toBeUndefined();
    }
  });
});

describe('the page cache and the language cookie', () => {
  it('does not let a repeated cookie store the Italian page under the English key', async () => {
    texts.set('Fan_club', 'Words');
    for (let visit = 0; visit < 3; visit += 1) {
      expect((await get('/wiki/Fan_club', { cookie: 'wiki_language=en; wiki_language=it' })).body).toContain('lang="it"');
    }
    for (let visit = 0; visit < 2; visit += 1) expect((await get('/wiki/Fan_club')).body).toContain('lang="en"');
    expect((await get('/wiki/Fan_club')).cache).toBe('hit');
    expect((await get('/wiki/Fan_club', { cookie: 'wiki_language=it' })).body).toContain('lang="it"');
  });
});
