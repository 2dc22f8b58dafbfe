import { uniqueTitle } from '../support/database';
import { beforeAll, describe, expect, it } from 'vitest';
import { newEditor, ORIGIN, pagePath, readJson, restRequest, saveEdits, type TestEditor } from '../support/rest-client';
import { GET as pageGET, POST as pagePOSTWithTitle } from '@/app/w/rest.php/v1/page/[...path]/route';
import { POST as createPOST, PUT as pagePUTWithoutTitle } from '@/app/w/rest.php/v1/page/route';
import { GET as revisionGET } from '@/app/w/rest.php/v1/revision/[...path]/route';
import { GET as searchPageGET } from '@/app/w/rest.php/v1/search/page/route';
import { GET as searchTitleGET } from '@/app/w/rest.php/v1/search/title/route';
import * as catchAll from '@/app/w/rest.php/[[...rest]]/route';
import { getDb } from '@/lib/server/db';
import { savePage } from '@/lib/server/save-page';
import { parseTitle } from '@/lib/domain/titles';

/*
 * Ports of MediaWiki's tests/api-testing/REST/ Page.js (with_html, response headers), Revision.js
 * (with_html), Search.js (title-only matches, redirects, caching) and the router's answers for
 * unknown routes and missing titles, rewritten for this wiki (Markdown instead of wikitext).
 */

interface ErrorBody {
  messageTranslations: { en: string };
  httpCode: number;
  httpReason: string;
  errorKey: string;
}
interface SearchPage {
  id: number;
  title: string;
  excerpt: string | null;
  matched_title: string | null;
}

async function expectError(response: Response, status: number, errorKey: string): Promise<ErrorBody> {
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = await readJson<ErrorBody>(response);
  expect({ status: response.status, errorKey: body.errorKey }, body.messageTranslations?.en).toEqual({ status, errorKey });
  expect(body.httpCode).toBe(status);
  expect(body.messageTranslations.en.length).toBeGreaterThan(10);
  return body;
}

const get = (path: string, headers: Record<string, string> = {}) => (path.startsWith('/revision') ? revisionGET : pageGET)(restRequest(path, { headers }));
const PAGE_KEYS = ['id', 'key', 'title', 'latest', 'content_model', 'license'];

let editor: TestEditor;
const page = uniqueTitle('PageSource');
let revisions: number[];

beforeAll(async () => {
  editor = await newEditor();
  revisions = await saveEdits(editor, page, [{ text: '*Edit 1* and **Edit 2**', summary: 'first' }]);
});

describe('GET /page/{title}/with_html (Page.js)', () => {
  it('ports "Should successfully return page HTML and metadata": the bare object plus the whole document, no source', async () => {
    const response = await get(`${pagePath(page)}/with_html`);
    expect(response.status).toBe(200);
    const body = await readJson<Record<string, unknown>>(response);
    expect(Object.keys(body).sort()).toEqual([...PAGE_KEYS, 'html'].sort());
    expect(body).toMatchObject({ title: page, key: page.replaceAll(' ', '_'), content_model: 'markdown', latest: { id: revisions[0] } });
    expect(body.html).toMatch(/<html\b/);
    expect(body.html).toMatch(/<strong>Edit 2<\/strong>/);
  });

  it('ports "Title normalization should return permanent redirect (301)" and "404 for non-existent page"', async () => {
    const response = await get(`/page/${encodeURIComponent(page)}/with_html`);
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(`${ORIGIN}/w/rest.php/v1${pagePath(page)}/with_html`);
    await expectError(await get(`${pagePath(uniqueTitle('DummyPage'))}/with_html`), 404, 'rest-nonexistent-title');
  });

  it('ports "Wiki redirects should return temporary redirect (307)", "Bypass redirects with query param redirect=no" and the redirect_target of the other variants', async () => {
    const redirect = uniqueTitle('Redirect');
    await saveEdits(editor, redirect, [{ text: `#REDIRECT [[${page}]]` }]);
    for (const suffix of ['/html', '/with_html']) {
      const sent = await get(`${pagePath(redirect)}${suffix}`);
      expect(sent.status).toBe(307);
      expect(sent.headers.get('location')).toBe(`${ORIGIN}/w/rest.php/v1${pagePath(page)}${suffix}`);
    }
    const bypassed = await get(`${pagePath(redirect)}/with_html?redirect=no`);
    expect(bypassed.status).toBe(200);
    expect((await readJson<{ redirect_target: string }>(bypassed)).redirect_target).toBe(`${ORIGIN}/w/rest.php/v1${pagePath(page)}/with_html`);
    for (const suffix of ['', '/bare']) {
      const described = await get(`${pagePath(redirect)}${suffix}`);
      expect(described.status).toBe(200);
      expect((await readJson<{ redirect_target: string }>(described)).redirect_target).toBe(`${ORIGIN}/w/rest.php/v1${pagePath(page)}${suffix}`);
    }
    // A page that is not a redirect has no redirect_target.
    expect(await readJson(await get(pagePath(page)))).not.toHaveProperty('redirect_target');
  });
});

describe('response headers and conditional requests (Page.js "Should have appropriate response headers")', () => {
  it('ports it for the source, bare, html and with_html: ETag, Last-Modified and max-age; a new edit changes them', async () => {
    const title = uniqueTitle('Headers');
    const [first] = await saveEdits(editor, title, [{ text: "'''Edit 3'''" }]);
    // An hour old, so that Last-Modified after the next edit is clearly that edit's.
    await getDb().revision.update({ where: { id: first! }, data: { createdAt: new Date(Date.now() - 3_600_000) } });
    const suffixes = ['', '/bare', '/html', '/with_html'];
    const before = await Promise.all(suffixes.map((suffix) => get(`${pagePath(title)}${suffix}`)));
    for (const [index, response] of before.entries()) {
      const suffix = suffixes[index];
      expect(response.headers.get('etag'), suffix).toMatch(/^"[0-9a-f]{40}"$/);
      expect((await get(`${pagePath(title)}${suffix}`)).headers.get('etag'), suffix).toBe(response.headers.get('etag'));
      expect(response.headers.get('cache-control'), suffix).toMatch(/^max-age=\d/);
      expect(Date.parse(response.headers.get('last-modified')!), suffix).toBeLessThan(Date.now() - 3_000_000);
    }
    const saved = await savePage({ title: parseTitle(title), text: "'''Edit 4'''", summary: '', minor: false, authorId: editor.id, baseRevisionId: first! });
    expect(saved.status).toBe('saved');
    for (const [index, suffix] of suffixes.entries()) {
      const after = await get(`${pagePath(title)}${suffix}`);
      expect(after.headers.get('etag'), suffix).not.toBe(before[index]!.headers.get('etag'));
      expect(Date.parse(after.headers.get('last-modified')!), suffix).toBeGreaterThan(Date.now() - 600_000);
    }
    // A token or a session may see more (hidden revisions): such answers are for that client only.
    expect((await pageGET(restRequest(pagePath(title), { token: editor.token }))).headers.get('cache-control')).toBe('private, max-age=5');
  });

  it('answers 304 with the same ETag and no body to a matching If-None-Match or a not-older If-Modified-Since', async () => {
    for (const path of [pagePath(page), `${pagePath(page)}/html`, `${pagePath(page)}/history`, `/revision/${revisions[0]}`, `/revision/${revisions[0]}/with_html`]) {
      const first = await get(path);
      const etag = first.headers.get('etag')!;
      const lastModified = first.headers.get('last-modified')!;
      const notModified = await get(path, { 'if-none-match': etag });
      expect(notModified.status, path).toBe(304);
      expect(notModified.headers.get('etag'), path).toBe(etag);
      expect(await notModified.text(), path).toBe('');
      expect((await get(path, { 'if-none-match': `"other", W/${etag}` })).status, path).toBe(304);
      expect((await get(path, { 'if-modified-since': lastModified })).status, path).toBe(304);
      const older = new Date(Date.parse(lastModified) - 1000).toUTCString();
      expect((await get(path, { 'if-modified-since': older })).status, path).toBe(200);
      // If-None-Match decides when both are sent.
      expect((await get(path, { 'if-none-match': '"other"', 'if-modified-since': lastModified })).status, path).toBe(200);
    }
  });
});

describe('GET /revision/{id}/with_html (Revision.js)', () => {
  it('ports "Should successfully return revision HTML and metadata", and refuses a hidden text as the source endpoint does', async () => {
    const response = await get(`/revision/${revisions[0]}/with_html`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/^max-age=\d/);
    const body = await readJson<Record<string, unknown>>(response);
    expect(body).toMatchObject({ id: revisions[0], content_model: 'markdown', page: { title: page }, user: { name: editor.name } });
    expect(body).not.toHaveProperty('source');
    expect(body.html).toMatch(/<strong>Edit 2<\/strong>/);
    await expectError(await get('/revision/2147483647/with_html'), 404, 'rest-nonexistent-revision');

    const [, hidden] = await saveEdits(editor, uniqueTitle('Hidden text'), [{ text: 'visible' }, { text: 'secret' }, { text: 'later' }]);
    await getDb().revision.update({ where: { id: hidden! }, data: { hidden: 1 } });
    await expectError(await get(`/revision/${hidden}/with_html`), 403, 'rest-permission-denied-revision');
    await expectError(await get(`/revision/${hidden}/html`), 403, 'rest-permission-denied-revision');
  });
});

describe('search (Search.js)', () => {
  const term = `Zx${process.pid}${Date.now().toString(36)}`;
  const titleOnly = `${term} title page`;
  const source = uniqueTitle(`Redirect source ${term}`);
  const target = uniqueTitle(`Redirect target ${term}`);
  const shared = `shared${term}`.toLowerCase();

  beforeAll(async () => {
    await saveEdits(editor, titleOnly, [{ text: 'Nothing to see in the text.' }]);
    await saveEdits(editor, source, [{ text: `#REDIRECT [[${target}]] ${shared}` }]);
    await saveEdits(editor, target, [{ text: `The target ${shared}.` }]);
  });

  const search = async (kind: 'page' | 'title', q: string) => {
    const response = await (kind === 'page' ? searchPageGET : searchTitleGET)(restRequest(`/search/${kind}?q=${encodeURIComponent(q)}`));
    expect(response.status).toBe(200);
    return { response, pages: (await readJson<{ pages: SearchPage[] }>(response)).pages };
  };

  it('ports "should return array of pages when there is only title match": excerpt null; full-text answers are not cached', async () => {
    const { response, pages } = await search('page', titleOnly);
    expect(pages).toEqual([expect.objectContaining({ title: titleOnly, excerpt: null, matched_title: null })]);
    expect(response.headers.get('cache-control')).not.toMatch(/public|max-age=0*[1-9]/);
  });

  it('ports "should ignore duplicate redirect source and target if both pages are a match"', async () => {
    const { pages } = await search('page', shared);
    expect(pages.map((p) => p.title)).toEqual([target]);
    expect(pages[0]!.excerpt).toContain(`<span class="searchmatch">${shared}</span>`);
  });

  it('ports "should include redirect for page if one exists" (title search), cached publicly as completion search is', async () => {
    const { response, pages } = await search('title', source);
    expect(pages).toEqual([expect.objectContaining({ title: target, matched_title: source })]);
    expect(response.headers.get('cache-control')).toMatch(/\bpublic\b.*\bmax-age=[1-9]\d*/);
  });
});

describe("error parity with MediaWiki's router and handlers", () => {
  const multipart = () => {
    const form = new FormData();
    form.set('file', new Blob(['x']), 'x.txt');
    return form;
  };

  it("answers any method on an unknown route with 404 rest-no-match in MediaWiki's shape, also a multipart POST", async () => {
    const at = (path: string, init: RequestInit = {}) => new Request(`${ORIGIN}/w/rest.php${path}`, init);
    await expectError(await catchAll.GET(at('/v1/nonsense')), 404, 'rest-no-match');
    await expectError(await catchAll.GET(at('')), 404, 'rest-no-match');
    await expectError(await catchAll.POST(at('/v1/nonsense/deeper', { method: 'POST', body: multipart() })), 404, 'rest-no-match');
    await expectError(await catchAll.PUT(at('/v2/page/Foo', { method: 'PUT', body: new URLSearchParams({ a: 'b' }) })), 404, 'rest-no-match');
    await expectError(await catchAll.DELETE(at('/v1/revision', { method: 'DELETE' })), 404, 'rest-no-match');
  });

  it('answers PUT /page/ without a title with 400, and another method on a page with 405 rest-wrong-method', async () => {
    const body = await expectError(await pagePUTWithoutTitle(restRequest('/page', { method: 'PUT', json: { source: 'x', comment: '' } })), 400, 'paramvalidator-missingparam');
    expect(body.messageTranslations.en).toContain('/w/rest.php/v1/page/{title}');
    const wrong = await pagePOSTWithTitle(restRequest(pagePath(page), { method: 'POST', body: multipart() }));
    await expectError(wrong.clone(), 405, 'rest-wrong-method');
    expect(wrong.headers.get('allow')).toBe('GET, PUT');
  });

  it('ports Update.js/Creation.js token checks: a bad token is 403 rest-badtoken', async () => {
    const create = createPOST(restRequest('/page', { method: 'POST', token: 'wiki_not-a-real-token', json: { title: uniqueTitle(), source: 'x', comment: '' } }));
    await expectError(await create, 403, 'rest-badtoken');
  });

  it('refuses content_model "wikitext" with 400 naming "markdown" and the import that converts wikitext', async () => {
    const response = await createPOST(
      restRequest('/page', { method: 'POST', token: editor.token, json: { title: uniqueTitle(), source: "''x''", comment: '', content_model: 'wikitext' } }),
    );
    const body = await expectError(response, 400, 'rest-bad-content-model');
    expect(body.messageTranslations.en).toContain('"markdown"');
    expect(body.messageTranslations.en).toContain('npm run import');
  });
});
