import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_FORM_BODY_BYTES } from '@/lib/domain/http-security';
import { PAGE_CACHE_KEY_HEADER } from '@/lib/domain/page-cache';
import { proxy } from '@/proxy';

afterEach(() => vi.unstubAllEnvs());

const action = { 'next-action': '7f00ddee', 'content-type': 'text/plain;charset=UTF-8' };
const passed = (response: Response) => response.headers.get('x-middleware-next') === '1';

function post(headers: Record<string, string>, body?: ReadableStream<Uint8Array>) {
  // duplex: a streamed request body (Node's fetch requires it; not yet in the DOM typings).
  const init = { method: 'POST', headers: { host: 'wiki.test', ...action, ...headers }, body, duplex: 'half' };
  return proxy(new NextRequest('http://localhost:3000/wiki/Some_page', init as ConstructorParameters<typeof NextRequest>[1]));
}

/** A body streamed in 64 KiB chunks without Content-Length (Transfer-Encoding: chunked). */
function streamed(bytes: number): ReadableStream<Uint8Array> {
  let left = bytes;
  return new ReadableStream({
    pull(controller) {
      if (left <= 0) return controller.close();
      const size = Math.min(left, 64 * 1024);
      left -= size;
      controller.enqueue(new Uint8Array(size).fill(120));
    },
  });
}

describe("proxy.ts: whose writes count as the wiki's own", () => {
  it("does not take X-Forwarded-Host from the client as the wiki's host unless TRUST_PROXY says a proxy sets it", async () => {
    const forged = { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' };
    const refused = await post(forged);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('evil.example, not from a page of this wiki (wiki.test)');
    vi.stubEnv('TRUST_PROXY', 'true');
    expect(passed(await post(forged))).toBe(true);
  });

  it("compares with NEXTAUTH_URL when it is set: the wiki's address, not what the request says", async () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://wiki.example.org');
    expect(passed(await post({ origin: 'https://wiki.example.org' }))).toBe(true);
    expect((await post({ origin: 'http://wiki.test' })).status).toBe(403);
  });
});

describe('proxy.ts: bodies streamed without Content-Length', () => {
  it('answers 413 to a chunked form post past the limit, as to one that declares its size', async () => {
    const response = await post({ origin: 'http://wiki.test' }, streamed(5 * 1024 * 1024));
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('larger than 4.06 MiB');
  });

  it('lets a chunked post within the limit through', async () => {
    expect(passed(await post({ origin: 'http://wiki.test' }, streamed(MAX_FORM_BODY_BYTES)))).toBe(true);
  });
});

describe('proxy.ts: what the page cache may keep', () => {
  const view = async (path: string, headers: Record<string, string> = {}) =>
    (await proxy(new NextRequest(`http://localhost:3000${path}`, { headers }))).headers.get(PAGE_CACHE_KEY_HEADER);

  it('declares an article view under its canonical path and the language the page will use', async () => {
    expect(await view('/wiki/Caf%C3%A9_club')).toBe('en /wiki/Caf%C3%A9_club');
    expect(await view('/wiki/Caf%C3%A9_club', { cookie: 'wiki_language=en; wiki_language=it' })).toBe('it /wiki/Caf%C3%A9_club');
    expect(await view('/wiki/Caf%C3%A9_club', { 'accept-language': 'it-IT' })).toBe('it /wiki/Caf%C3%A9_club');
  });

  it('declares the history’s first page, a permalink and recent changes under their exact address', async () => {
    expect(await view('/wiki/Main_Page?action=history')).toBe('en /wiki/Main_Page?action=history');
    expect(await view('/wiki/Main_Page?diff=prev&oldid=1')).toBe('en /wiki/Main_Page?diff=prev&oldid=1');
    expect(await view('/wiki/Special:RecentChanges')).toBe('en /wiki/Special:RecentChanges');
  });

  it('declares nothing for other special pages, categories, other queries and redirects to the canonical spelling', async () => {
    expect(await view('/wiki/Special:AllPages')).toBeNull();
    expect(await view('/wiki/Category:Fans')).toBeNull();
    expect(await view('/wiki/Main_Page?action=edit')).toBeNull();
    expect(await view('/wiki/Main_Page?action=history&older=5')).toBeNull();
    expect(await view('/wiki/main_Page')).toBeNull();
  });
});
