import { uniqueTitle } from '../support/database';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { newEditor, pagePath, readJson, REST, restRequest, sessionCookie, watchedStream, type TestEditor } from '../support/rest-client';
import { GET, PUT } from '@/app/w/rest.php/v1/page/[...path]/route';
import { POST } from '@/app/w/rest.php/v1/page/route';
import { revokeApiToken } from '@/lib/server/api-tokens';
import { getDb } from '@/lib/server/db';
import { NS } from '@/lib/domain/titles';

// lib/server/auth.ts reads the secret when it is first imported: set it before any import runs.
const SECRET = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= 'rest-pages-test-secret-0123456789abcdef';
  return process.env.NEXTAUTH_SECRET;
});

interface PageObject {
  id: number;
  key: string;
  title: string;
  latest: { id: number; timestamp: string };
  content_model: string;
  license: { url: string; title: string };
  source?: string;
  html_url?: string;
}

interface ErrorBody {
  messageTranslations: { en: string };
  httpCode: number;
  httpReason: string;
  errorKey: string;
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const LICENSE = { url: 'https://creativecommons.org/licenses/by-sa/4.0/', title: 'Creative Commons Attribution-Share Alike' };

const create = (editor: TestEditor, title: string, source: string, extra: Record<string, unknown> = {}) =>
  POST(restRequest('/page', { method: 'POST', token: editor.token, json: { title, source, comment: 'create', ...extra } }));

const update = (editor: TestEditor, title: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  PUT(restRequest(pagePath(title), { method: 'PUT', token: editor.token, json: { comment: 'edit', ...body }, headers }));

async function createOk(editor: TestEditor, title: string, source: string): Promise<PageObject> {
  const response = await create(editor, title, source);
  expect(response.status, await response.clone().text()).toBe(201);
  return readJson<PageObject>(response);
}

/** Asserts MediaWiki's error shape and returns it. */
async function expectError(response: Response, status: number, errorKey: string): Promise<ErrorBody> {
  const body = await readJson<ErrorBody>(response);
  expect({ status: response.status, errorKey: body.errorKey }, body.messageTranslations?.en).toEqual({ status, errorKey });
  expect(body.httpCode).toBe(status);
  expect(typeof body.httpReason).toBe('string');
  expect(body.messageTranslations.en.length).toBeGreaterThan(10);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return body;
}

let editor: TestEditor;

// A fresh editor per test: the edit throttle (30 a minute per user) must not carry over between tests.
beforeEach(async () => {
  editor = await newEditor();
});

describe('GET /page/{title}', () => {
  it('creates with POST and returns the page in its three forms', async () => {
    const title = uniqueTitle('Rest read');
    const response = await create(editor, title, '# Heading\n\nSome *text*.');
    expect(response.status).toBe(201);
    const created = await readJson<PageObject>(response);
    const key = title.replaceAll(' ', '_');
    expect(response.headers.get('location')).toBe(`${REST}/page/${encodeURIComponent(key)}`);
    expect(created).toEqual({
      id: expect.any(Number),
      key,
      title,
      latest: { id: expect.any(Number), timestamp: expect.stringMatching(TIMESTAMP) },
      content_model: 'markdown',
      license: LICENSE,
      source: '# Heading\n\nSome *text*.',
    });

    const source = await GET(restRequest(pagePath(title)));
    expect(source.status).toBe(200);
    expect(await readJson(source)).toEqual(created);

    const bare = await GET(restRequest(`${pagePath(title)}/bare`));
    expect(bare.status).toBe(200);
    const { source: _omitted, ...withoutSource } = created;
    expect(await readJson(bare)).toEqual({ ...withoutSource, html_url: `${REST}/page/${encodeURIComponent(key)}/html` });

    const html = await GET(restRequest(`${pagePath(title)}/html`));
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const document = await html.text();
    expect(document).toMatch(/^<!DOCTYPE html>/);
    expect(document).toContain(`<title>${title}</title>`);
    expect(document).toMatch(/<h1[^>]*>Heading<\/h1>/);
    expect(document).toContain('<em>text</em>');
  });

  it('redirects non-canonical spellings permanently to the key, keeping the variant', async () => {
    const title = uniqueTitle('Rest canonical');
    await createOk(editor, title, 'x');
    const key = encodeURIComponent(title.replaceAll(' ', '_'));
    const lowerSpaced = encodeURIComponent(title.charAt(0).toLowerCase() + title.slice(1));
    for (const [path, target] of [
      [`/page/${lowerSpaced}`, `${REST}/page/${key}`],
      [`/page/${encodeURIComponent(title)}/bare`, `${REST}/page/${key}/bare`],
      [`/page/${lowerSpaced}/html?x=1`, `${REST}/page/${key}/html?x=1`],
    ] as const) {
      const response = await GET(restRequest(path));
      expect(response.status, path).toBe(301);
      expect(response.headers.get('location')).toBe(target);
    }
  });

  it('reads titles containing "/" sent as %2F, even ones ending in a variant name', async () => {
    const title = `${uniqueTitle('Rest slash')}/html`;
    const created = await createOk(editor, title, 'subpage');
    expect(created.key).toBe(title.replaceAll(' ', '_'));
    const response = await GET(restRequest(pagePath(title)));
    expect(response.status).toBe(200);
    expect((await readJson<PageObject>(response)).source).toBe('subpage');
    // A raw "/" inside the title (not the last segment) also works.
    const raw = await GET(restRequest(`/page/${created.key.split('/').map(encodeURIComponent).join('/')}/bare`));
    expect(raw.status).toBe(200);
    expect((await readJson<PageObject>(raw)).html_url).toBe(`${REST}/page/${encodeURIComponent(created.key)}/html`);
  });

  it('answers 404 for a missing page and 400 naming the rule for an invalid title', async () => {
    await expectError(await GET(restRequest(pagePath(uniqueTitle('Rest missing')))), 404, 'rest-nonexistent-title');
    await expectError(await GET(restRequest(`${pagePath(uniqueTitle('Rest missing'))}/html`)), 404, 'rest-nonexistent-title');
    const invalid = await expectError(await GET(restRequest('/page/Foo%5Bbar%5D')), 400, 'rest-invalid-title');
    expect(invalid.messageTranslations.en).toContain('"["');
    const malformed = await expectError(await GET(restRequest('/page/Foo%E0%A4%A')), 400, 'rest-invalid-title');
    expect(malformed.messageTranslations.en).toMatch(/percent-encoding/);
    await expectError(await GET(restRequest('/page/%20')), 400, 'rest-invalid-title');
  });
});

describe('PUT /page/{title}', () => {
  it('saves an edit based on the latest revision', async () => {
    const title = uniqueTitle('Rest edit');
    const created = await createOk(editor, title, 'first');
    const response = await update(editor, title, { source: 'second', latest: { id: created.latest.id } });
    expect(response.status).toBe(200);
    const page = await readJson<PageObject>(response);
    expect(page).toMatchObject({ id: created.id, key: created.key, source: 'second', content_model: 'markdown' });
    expect(page.latest.id).toBeGreaterThan(created.latest.id);
    expect(page.latest.timestamp).toMatch(TIMESTAMP);
  });

  it('merges a stale edit that does not overlap the changes saved since', async () => {
    const title = uniqueTitle('Rest merge');
    const lines = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'];
    const created = await createOk(editor, title, lines.join('\n'));
    const theirs = await update(editor, title, { source: ['ALPHA', ...lines.slice(1)].join('\n'), latest: { id: created.latest.id } });
    expect(theirs.status).toBe(200);
    const mine = await update(editor, title, { source: [...lines.slice(0, 6), 'GOLF'].join('\n'), latest: { id: created.latest.id } });
    expect(mine.status).toBe(200);
    expect((await readJson<PageObject>(mine)).source).toBe(['ALPHA', ...lines.slice(1, 6), 'GOLF'].join('\n'));
  });

  it('answers 409 in MediaWiki shape when a stale edit overlaps, and saves nothing', async () => {
    const title = uniqueTitle('Rest conflict');
    const created = await createOk(editor, title, 'one\ntwo\nthree');
    await update(editor, title, { source: 'one\nTWO (theirs)\nthree', latest: { id: created.latest.id } });
    const response = await update(editor, title, { source: 'one\nTWO (mine)\nthree', latest: { id: created.latest.id } });
    const body = await expectError(response, 409, 'editconflict');
    expect(body.httpReason).toBe('Conflict');
    expect(body.messageTranslations.en).toMatch(/Nothing was saved/);
    const current = await readJson<PageObject>(await GET(restRequest(pagePath(title))));
    expect(current.source).toBe('one\nTWO (theirs)\nthree');
  });

  it('refuses to overwrite an existing page without "latest" (409), creates a missing one (201)', async () => {
    const title = uniqueTitle('Rest nolatest');
    await createOk(editor, title, 'original');
    await expectError(await update(editor, title, { source: 'blind overwrite' }), 409, 'rest-update-cannot-create-page');

    const fresh = uniqueTitle('Rest put-create');
    const response = await update(editor, fresh, { source: 'made with PUT' });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`${REST}${pagePath(fresh)}`);
    expect(await readJson<PageObject>(response)).toMatchObject({ title: fresh, source: 'made with PUT' });

    await expectError(await update(editor, uniqueTitle('Rest gone'), { source: 'x', latest: { id: 1 } }), 404, 'rest-nonexistent-title');
  });

  it('returns the current page for an unchanged text (null edit)', async () => {
    const title = uniqueTitle('Rest null edit');
    const created = await createOk(editor, title, 'same');
    const response = await update(editor, title, { source: 'same', latest: { id: created.latest.id } });
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual(created);
  });
});

describe('POST /page', () => {
  it('answers 409 when the page exists', async () => {
    const title = uniqueTitle('Rest exists');
    await createOk(editor, title, 'here');
    const body = await expectError(await create(editor, title, 'again'), 409, 'articleexists');
    expect(body.messageTranslations.en).toContain(title);
  });

  it('validates the fields and names the one to fix', async () => {
    const noSource = await expectError(
      await POST(restRequest('/page', { method: 'POST', token: editor.token, json: { title: uniqueTitle(), comment: '' } })),
      400,
      'rest-validation',
    );
    expect(noSource.messageTranslations.en).toContain('"source"');
    const badTitle = await expectError(await create(editor, 'Bad|title', 'x'), 400, 'rest-invalid-title');
    expect(badTitle.messageTranslations.en).toContain('"|"');
    await expectError(await create(editor, uniqueTitle(), 'x', { content_model: 'wikitext' }), 400, 'rest-bad-content-model');
    const badLatest = await expectError(await update(editor, uniqueTitle(), { source: 'x', latest: { id: 'abc' } }), 400, 'rest-validation');
    expect(badLatest.messageTranslations.en).toContain('latest.id');
  });
});

describe('titles no page may be stored at', () => {
  const specialPages = (key: string) => getDb().page.count({ where: { namespace: NS.SPECIAL, title: key } });

  it('refuses to create or update a Special: page with 400 saying what to fix, and stores nothing', async () => {
    const name = uniqueTitle('Phish').replaceAll(' ', '_');
    const created = await expectError(await create(editor, `Special:${name}`, 'Your password expired: sign in at evil.example'), 400, 'rest-validation');
    expect(created.messageTranslations.en).toContain(`"Special:${name.replaceAll('_', ' ')}" cannot be saved`);
    expect(created.messageTranslations.en).toContain('without the "Special:" prefix');
    const updated = await expectError(await update(editor, 'Special:UserLogin', { source: 'Sign in at evil.example' }), 400, 'rest-validation');
    expect(updated.messageTranslations.en).toContain('"Special:UserLogin" cannot be saved');
    // Any spelling of the namespace is the same namespace.
    await expectError(await update(editor, `special:${name}`, { source: 'x' }), 400, 'rest-validation');
    expect(await specialPages(name)).toBe(0);
    expect(await specialPages('UserLogin')).toBe(0);
  });
});

describe('request bodies', () => {
  it('answers 415 unless the body is JSON', async () => {
    const request = restRequest('/page', { method: 'POST', token: editor.token, body: 'source=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const body = await expectError(await POST(request), 415, 'rest-bad-content-type');
    expect(body.messageTranslations.en).toContain('application/json');
  });

  it('answers 400 for malformed JSON and for JSON that is not an object', async () => {
    const malformed = restRequest('/page', { method: 'POST', token: editor.token, body: '{"title": "x", ', headers: { 'content-type': 'application/json' } });
    await expectError(await POST(malformed), 400, 'rest-bad-json');
    await expectError(await POST(restRequest('/page', { method: 'POST', token: editor.token, json: ['x'] })), 400, 'rest-bad-json');
  });

  it('answers 413 for a declared Content-Length over the limit without reading the body', async () => {
    const { stream, pulled } = watchedStream(1, 16);
    const request = restRequest('/page', {
      method: 'POST',
      token: editor.token,
      body: stream,
      headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) },
    });
    await expectError(await POST(request), 413, 'rest-too-large');
    expect(pulled()).toBe(0);
  });

  it('answers 413 for a streamed body without Content-Length once it passes the limit', async () => {
    const { stream, pulled } = watchedStream(64, 1024 * 1024);
    const request = restRequest(pagePath(uniqueTitle()), { method: 'PUT', token: editor.token, body: stream, headers: { 'content-type': 'application/json' } });
    expect(request.headers.get('content-length')).toBeNull();
    await expectError(await PUT(request), 413, 'rest-too-large');
    expect(pulled()).toBeLessThan(10); // stopped at ~4 MiB, not after 64 MiB
  });

  it('answers 413 for source over 2 MiB in a body under the limit', async () => {
    const body = await expectError(await create(editor, uniqueTitle(), 'a'.repeat(2 * 1024 * 1024 + 1)), 413, 'rest-too-large');
    expect(body.messageTranslations.en).toContain('"source"');
  });
});

describe('authentication', () => {
  it('answers 401 to anonymous writes and 403 rest-badtoken (as MediaWiki) to invalid or revoked tokens', async () => {
    const anonymous = restRequest('/page', { method: 'POST', json: { title: uniqueTitle(), source: 'x', comment: '' } });
    const body = await readJson<ErrorBody>(await POST(anonymous));
    expect(body).toMatchObject({ httpCode: 401, httpReason: 'Unauthorized' });
    const anonymousPut = restRequest(pagePath(uniqueTitle()), { method: 'PUT', json: { source: 'x', comment: '' } });
    expect((await PUT(anonymousPut)).status).toBe(401);

    await expectError(await create({ ...editor, token: 'wiki_not-a-real-token' }, uniqueTitle(), 'x'), 403, 'rest-badtoken');
    const revoked = await newEditor();
    await revokeApiToken(revoked.tokenId);
    await expectError(await create(revoked, uniqueTitle(), 'x'), 403, 'rest-badtoken');
  });

  it('accepts the session cookie only from the wiki’s own origin (CSRF)', async () => {
    const cookie = await sessionCookie(editor, SECRET);
    const post = (headers: Record<string, string>) =>
      POST(restRequest('/page', { method: 'POST', json: { title: uniqueTitle('Rest cookie'), source: 'x', comment: '' }, headers: { cookie, ...headers } }));

    expect((await post({ origin: 'http://wiki.test' })).status).toBe(201);
    expect((await post({ referer: 'http://wiki.test/wiki/Some_page?action=edit' })).status).toBe(201);
    // Behind a TLS proxy (TRUST_PROXY): the origin is computed from Host and X-Forwarded-Proto, default port dropped.
    vi.stubEnv('TRUST_PROXY', 'true');
    expect((await post({ host: 'wiki.example', 'x-forwarded-proto': 'https', origin: 'https://wiki.example:443' })).status).toBe(201);

    const foreign = await expectError(await post({ origin: 'https://evil.example' }), 403, 'rest-badtoken');
    expect(foreign.messageTranslations.en).toContain('https://evil.example');
    await expectError(await post({ origin: 'http://wiki.test:8080' }), 403, 'rest-badtoken');
    await expectError(await post({ host: 'wiki.example', 'x-forwarded-proto': 'https', origin: 'http://wiki.example' }), 403, 'rest-badtoken');
    vi.unstubAllEnvs();
    await expectError(await post({}), 403, 'rest-badtoken');
    // A token needs no Origin: browsers never attach one on their own.
    expect((await create(editor, uniqueTitle('Rest token'), 'x')).status).toBe(201);
  });
});

describe('throttling', () => {
  it('answers 429 with Retry-After after 30 edits in a minute by one user', async () => {
    const busy = await newEditor();
    const title = uniqueTitle('Rest throttle');
    let latest = (await createOk(busy, title, 'edit 0')).latest.id;
    for (let i = 1; i < 30; i++) {
      const response = await update(busy, title, { source: `edit ${i}`, latest: { id: latest } });
      expect(response.status, `edit ${i}`).toBe(200);
      latest = (await readJson<PageObject>(response)).latest.id;
    }
    const refused = await update(busy, title, { source: 'edit 30', latest: { id: latest } });
    const retryAfter = Number(refused.headers.get('retry-after'));
    await expectError(refused, 429, 'rest-ratelimited');
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Other users are not affected.
    expect((await create(editor, uniqueTitle('Rest unthrottled'), 'x')).status).toBe(201);
  });
});
