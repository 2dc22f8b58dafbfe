import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AsyncLocalStorage } from 'node:async_hooks';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_BODIES, createBodySplicer, installArticleBodyStore, serveWithSplicedBodies, splicesArticleBodies } from '../../runtime/article-body-splice.mjs';

const DIGEST = 'OA1EQ9bAIS8hW9cBbbf0aP';
const placeholder = (digest: string) => `<div class="article-body" data-wiki-body="${digest}"></div>`;
const BODY = '<p>Hello <strong>readers</strong> — «ciao»</p>';
const PAGE = `<!DOCTYPE html><html><body><main>${placeholder(DIGEST)}</main><script>self.__next_f.push([1,"{\\"digest\\":\\"${DIGEST}\\"}"])</script></body></html>`;
const SPLICED = PAGE.replace(placeholder(DIGEST), `<div class="article-body" data-wiki-body="${DIGEST}">${BODY}</div>`);

function spliceInPieces(page: string, bodies: Map<string, string>, size: number): string {
  const splicer = createBodySplicer(bodies);
  const bytes = Buffer.from(page);
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(splicer.push(bytes.subarray(at, at + size)));
  out.push(splicer.finish());
  return Buffer.concat(out).toString('utf8');
}

describe('putting the article body into the HTML', () => {
  it('replaces the placeholder however the HTML is cut into chunks', () => {
    const bodies = new Map([[DIGEST, BODY]]);
    for (const size of [1, 2, 7, 33, 64, 65, 100, PAGE.length]) expect(spliceInPieces(PAGE, bodies, size)).toBe(SPLICED);
  });

  it('leaves a placeholder this request did not note, and everything else, byte for byte', () => {
    expect(spliceInPieces(PAGE, new Map([['x'.repeat(22), BODY]]), 10)).toBe(PAGE);
    const text = `<p>${'é'.repeat(200)} data-wiki-body="${DIGEST}"</p>`;
    expect(spliceInPieces(text, new Map([[DIGEST, BODY]]), 3)).toBe(text);
  });

  it('passes the chunks of a page that noted no body through as they are', () => {
    const splicer = createBodySplicer(new Map());
    const chunk = Buffer.from(PAGE);
    expect(splicer.push(chunk)).toBe(chunk);
    expect(splicer.finish().length).toBe(0);
  });

  it('is for document requests of wiki pages only', () => {
    const request = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers });
    expect(splicesArticleBodies(request('GET', '/wiki/ECPAT'))).toBe(true);
    expect(splicesArticleBodies(request('HEAD', '/wiki/ECPAT?oldid=3'))).toBe(true);
    expect(splicesArticleBodies(request('GET', '/wiki/ECPAT', { rsc: '1' }))).toBe(false);
    expect(splicesArticleBodies(request('GET', '/wiki/ECPAT', { 'next-router-prefetch': '1' }))).toBe(false);
    expect(splicesArticleBodies(request('POST', '/wiki/ECPAT?action=edit'))).toBe(false);
    expect(splicesArticleBodies(request('GET', '/w/rest.php/v1/page/ECPAT'))).toBe(false);
  });
});

describe('a response with a spliced body', () => {
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    installArticleBodyStore();
    const storage = (globalThis as unknown as Record<symbol, AsyncLocalStorage<Map<string, string>>>)[ARTICLE_BODIES]!;
    // Stands in for Next.js: notes the body from inside the request's store, as the page does,
    // and writes the page in two pieces with a Content-Length that the splice makes wrong.
    server = http.createServer((req, res) =>
      serveWithSplicedBodies(req, res, () => {
        res.setHeader('x-seen-accept-encoding', String(req.headers['accept-encoding'] ?? 'none'));
        storage.getStore()!.set(DIGEST, BODY);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(Buffer.byteLength(PAGE)) });
        res.write(PAGE.slice(0, 90));
        res.end(PAGE.slice(90));
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function get(encoding?: string): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      http
        .get(`${base}/wiki/ECPAT`, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });
  }

  it('is the page with its article, compressed after the splice as the client accepts', async () => {
    const plain = await get();
    expect(plain.body.toString('utf8')).toBe(SPLICED);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['x-seen-accept-encoding']).toBe('none');
    const brotli = await get('gzip, deflate, br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toContain('Accept-Encoding');
    expect(brotliDecompressSync(brotli.body).toString('utf8')).toBe(SPLICED);
    // Next.js itself was asked for the uncompressed page: the splice cannot read compressed bytes.
    expect(brotli.headers['x-seen-accept-encoding']).toBe('none');
    const gzip = await get('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(SPLICED);
  });
});
