import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { useSharedWikiInBrowser } from '../support/e2e-suite';

/*
 * What the production server believes about a request, through the real server (Node's parser,
 * the front handler, Next.js, proxy.ts): X-Forwarded-* headers sent by a client are not the wiki's
 * address without TRUST_PROXY; a form post streamed without Content-Length past the limit gets
 * 413 like one that declares its size; the REST /html documents' <base> is one their policy allows;
 * the benchmark's baseline pages exist only on a wiki being benchmarked.
 */
// A wiki with the default settings (no NEXTAUTH_URL, TRUST_PROXY or WIKI_BENCH_BASELINES), whose
// administrator signs in here.
const suite = useSharedWikiInBrowser();
const SIGNER = suite.admin;
let wiki: { baseUrl: string };
let browser: Browser;
let token: string;

beforeAll(() => {
  wiki = suite.wiki();
  browser = suite.browser();
  token = suite.bot().token;
});

async function create(title: string, source: string): Promise<void> {
  const response = await fetch(`${wiki.baseUrl}/w/rest.php/v1/page`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title, source, comment: 'boundary test' }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

const FORGED = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

describe('forwarded headers without TRUST_PROXY', () => {
  it("builds the Atom feeds' ids and links from the Host the client reached, not from X-Forwarded-Host/-Proto", async () => {
    await create('Feed boundary', 'An edit for the feed.');
    const feed = await (await fetch(`${wiki.baseUrl}/wiki/Special:RecentChanges?feed=atom`, { headers: FORGED })).text();
    expect(feed).toContain(`<id>${wiki.baseUrl}/`);
    expect(feed).toContain(`href="${wiki.baseUrl}/wiki/Feed_boundary`);
    expect(feed).not.toContain('evil.example');
    expect(feed).not.toContain(wiki.baseUrl.replace('http:', 'https:'));
  });

  it('refuses a Server Action whose Origin only matches a forged X-Forwarded-Host (403, before Next.js)', async () => {
    const response = await fetch(`${wiki.baseUrl}/wiki/Main_Page`, {
      method: 'POST',
      headers: { ...FORGED, origin: 'https://evil.example', 'next-action': '7f00ddee', 'content-type': 'text/plain;charset=UTF-8' },
      body: '[]',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("only accepted from this wiki's own pages");
  });
});

/** Signs in as next-auth's form does (CSRF token first), every request carrying `headers`. */
async function signInWith(headers: Record<string, string>, callbackUrl: string): Promise<{ url: string | undefined; cookies: string[] }> {
  const csrf = await fetch(`${wiki.baseUrl}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${wiki.baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      ...headers,
      'content-type': 'application/x-www-form-urlencoded',
      origin: wiki.baseUrl,
      cookie: csrf.headers
        .getSetCookie()
        .map((c) => c.split(';')[0]!)
        .join('; '),
    },
    body: new URLSearchParams({ username: SIGNER.name, password: SIGNER.password, csrfToken, callbackUrl, json: 'true' }),
  });
  const body = (await response.json()) as { url?: string };
  return { url: body.url, cookies: response.headers.getSetCookie() };
}

describe('forwarded headers without TRUST_PROXY, at sign-in (next-auth)', () => {
  it('does not take a forged X-Forwarded-Host/-Proto for the site: no redirect there, no https-only cookie over http', async () => {
    const result = await signInWith(FORGED, 'https://evil.example/wiki/Main_Page');
    // next-auth sends people back only to its own site, which it would otherwise believe is evil.example.
    expect(new URL(result.url ?? '/', wiki.baseUrl).origin).toBe(wiki.baseUrl);
    const session = result.cookies.find((c) => /next-auth\.session-token=/u.test(c));
    expect(session).toMatch(/^next-auth\.session-token=/u);
    expect(session).not.toMatch(/;\s*Secure/iu);
  });
});

/** POSTs `bytes` to `path` in 64 KiB chunks without Content-Length (chunked), and returns the answer. */
function postChunked(pathname: string, bytes: number, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(wiki.baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, path: pathname, method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    // The server may answer and close before the whole body is sent; the answer is what counts.
    request.on('error', (error) => (request.writableFinished ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        const size = Math.min(left, chunk.length);
        left -= size;
        if (!request.write(chunk.subarray(0, size))) return void request.once('drain', pump);
      }
      request.end();
    };
    pump();
  });
}

describe('form posts streamed without Content-Length', () => {
  it('answers 413 saying the limit to a 5 MB chunked Server Action body, as to a declared one', async () => {
    // A real action: the language switcher's, which every page carries in its form.
    const html = await (await fetch(`${wiki.baseUrl}/wiki/Main_Page`)).text();
    const actionId = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(html)?.[1];
    expect(actionId).toBeTruthy();
    const answer = await postChunked('/wiki/Main_Page', 5 * 1024 * 1024, { 'next-action': actionId!, 'content-type': 'text/plain;charset=UTF-8' });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('larger than 4.06 MiB');
  });
});

describe('REST /html documents in a browser', () => {
  it('keep their <base>, so relative links lead to wiki pages, without a Content-Security-Policy violation', async () => {
    await create('Html boundary', 'See [the other page](Other_boundary), [[Linked boundary]] and [a section](#notes).\n\n## Notes\n\nText.');
    const page = await (await browser.newContext()).newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|base URI/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${wiki.baseUrl}/w/rest.php/v1/page/Html_boundary/html`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("base-uri 'self'");
    expect(await page.evaluate(() => document.baseURI)).toBe(`${wiki.baseUrl}/wiki/Html_boundary`);
    const hrefs = await page.locator('a').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    expect(hrefs).toContain(`${wiki.baseUrl}/wiki/Other_boundary`);
    expect(hrefs.filter((href) => href.startsWith(`${wiki.baseUrl}/wiki/Linked_boundary`))).toHaveLength(1); // a red link: ?action=edit
    expect(hrefs).toContain(`${wiki.baseUrl}/wiki/Html_boundary#notes`);
    expect(violations).toEqual([]);
    await page.context().close();
  });
});

describe("the benchmark's baselines", () => {
  // npm run bench serves them (WIKI_BENCH_BASELINES=1) to compare the wiki's pages with Next.js's floor.
  it('do not exist on a wiki that is not being benchmarked', async () => {
    for (const page of ['/bench/static', '/bench/dynamic']) {
      expect((await fetch(`${wiki.baseUrl}${page}`)).status, page).toBe(404);
    }
  });
});
