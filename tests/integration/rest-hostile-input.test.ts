import { uniqueTitle } from '../support/database';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { newEditor, ORIGIN, pagePath, readJson, restRequest, saveEdits, watchedStream, type TestEditor } from '../support/rest-client';
import { GET as pageGET, PUT as pagePUT } from '@/app/w/rest.php/v1/page/[...path]/route';
import { POST as pagePOST } from '@/app/w/rest.php/v1/page/route';
import { GET as revisionGET } from '@/app/w/rest.php/v1/revision/[...path]/route';
import { GET as searchPageGET } from '@/app/w/rest.php/v1/search/page/route';
import { GET as searchTitleGET } from '@/app/w/rest.php/v1/search/title/route';
import { GET as recentChangesFeedGET } from '@/app/w/feeds/recentchanges/route';
import { GET as historyFeedGET } from '@/app/w/feeds/history/[...title]/route';
import { proxy } from '@/proxy';
import { MAX_BODY_BYTES } from '@/lib/server/rest/body';

/*
 * Hostile requests to every REST v1 route (app/w/rest.php/v1/**) and the feeds: oversized, malformed
 * or mistyped bodies and out-of-range numbers get a 4xx in MediaWiki's error shape, never a 500.
 * (The 413 of a body that never ends is checked over real HTTP in tests/e2e/http-hostile-input.test.ts.)
 */

vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= 'rest-hostile-input-test-secret-0123456789';
});

interface ErrorBody {
  messageTranslations: { en: string };
  httpCode: number;
  httpReason: string;
  errorKey: string;
}

async function expectRestError(response: Response, status: number, errorKey?: string): Promise<ErrorBody> {
  const body = await readJson<ErrorBody>(response);
  expect(response.status, body.messageTranslations?.en).toBe(status);
  expect(body.httpCode).toBe(status);
  expect(typeof body.httpReason).toBe('string');
  expect(body.messageTranslations.en).toMatch(/\S{3}/u);
  if (errorKey !== undefined) expect(body.errorKey).toBe(errorKey);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/u);
  return body;
}

let editor: TestEditor;
let title: string;
let revisionId: number;

beforeAll(async () => {
  editor = await newEditor();
  title = uniqueTitle('Hostile input');
  [revisionId] = (await saveEdits(editor, title, [{ text: 'Testo iniziale.' }])) as [number];
});

/** The two endpoints that take a body, with a body that would otherwise be accepted. */
const WRITES = [
  { name: 'POST /page', send: (init: Parameters<typeof restRequest>[1]) => pagePOST(restRequest('/page', { method: 'POST', token: editor.token, ...init })) },
  { name: 'PUT /page/{title}', send: (init: Parameters<typeof restRequest>[1]) => pagePUT(restRequest(pagePath(title), { method: 'PUT', token: editor.token, ...init })) },
];
const validBody = () => JSON.stringify({ title: uniqueTitle('Hostile create'), source: 'x', comment: '', latest: { id: revisionId } });

describe.each(WRITES)('$name with a hostile body', ({ name, send }) => {
  it('answers 413 to a declared Content-Length over the limit without reading the body', async () => {
    const { stream, pulled } = watchedStream(1_000, 64 * 1024);
    const response = await send({ body: stream, headers: { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) } });
    await expectRestError(response, 413, 'rest-too-large');
    expect(pulled()).toBe(0);
  });

  it('answers 413 to a chunked body without length once it passes the limit, reading no further', async () => {
    const chunkBytes = 256 * 1024;
    const { stream, pulled } = watchedStream(1_000, chunkBytes); // 250 MiB if read whole
    const response = await send({ body: stream, headers: { 'content-type': 'application/json' } });
    await expectRestError(response, 413, 'rest-too-large');
    expect(pulled()).toBeLessThanOrEqual(Math.ceil(MAX_BODY_BYTES / chunkBytes) + 2);
  });

  it.each([
    ['truncated JSON', '{"source": "x", '],
    ['a lone brace', '{'],
    ['single quotes', "{'source': 'x'}"],
    ['trailing garbage', '{"source": "x"} extra'],
    ['an empty body', ''],
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ['1 000 nested arrays', '['.repeat(1_000) + ']'.repeat(1_000)],
  ])('answers 400 to %s', async (_name, body) => {
    const response = await send({ body: body as BodyInit, headers: { 'content-type': 'application/json' } });
    await expectRestError(response, 400, 'rest-bad-json');
  });

  // POST /page has no "latest" field (it creates) and PUT takes the title from the address.
  it.each(
    (
      [
        ['an array', [], null],
        ['a string', 'source', null],
        ['null', null, null],
        ['a number as source', { title: 'Hostile number', source: 42, comment: '' }, 'source'],
        ['an object as comment', { title: 'Hostile object', source: 'x', comment: { en: 'x' } }, 'comment'],
        ['no source', { title: 'Hostile none', comment: '' }, 'source'],
        ['a number as title', { title: 7, source: 'x', comment: '' }, 'title'],
        ['a negative latest.id', { source: 'x', comment: '', latest: { id: -5 } }, 'latest'],
        ['a float latest.id', { source: 'x', comment: '', latest: { id: 1.5 } }, 'latest'],
        ['a huge latest.id', { source: 'x', comment: '', latest: { id: 1e300 } }, 'latest'],
        ['latest as a string', { source: 'x', comment: '', latest: '12' }, 'latest'],
      ] as [string, unknown, string | null][]
    ).filter(([, , field]) => (name === 'POST /page' ? field !== 'latest' : field !== 'title')),
  )('answers 400 naming the field to JSON of the wrong shape: %s', async (_case, json, field) => {
    const response = await send({ json });
    const body = await expectRestError(response, 400);
    if (field !== null) expect(body.messageTranslations.en).toContain(`"${field}`);
  });

  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['form data', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['JSON in another charset', { 'content-type': 'application/json; charset=latin1' }],
    ['no Content-Type', {}],
  ])('answers 415 to %s', async (_name, headers) => {
    const response = await send({ body: new Blob([validBody()]), headers });
    await expectRestError(response, 415, 'rest-bad-content-type');
  });
});

describe('unknown ids and titles', () => {
  it('answers 404 to a page that does not exist, in every form', async () => {
    for (const suffix of ['', '/bare', '/html', '/history']) {
      const response = await pageGET(restRequest(`${pagePath(uniqueTitle('Never created'))}${suffix}`));
      await expectRestError(response, 404);
    }
  });

  it('answers 404 to revision ids that name no revision, and 400 to ones that are not numbers', async () => {
    const cases: [string, number][] = [
      ['/revision/2147483000', 404],
      ['/revision/99999999999999999999', 404],
      ['/revision/0', 404],
      ['/revision/-5', 400],
      ['/revision/1.5', 400],
      ['/revision/0x10', 400],
      ['/revision/1e3', 400],
      ['/revision/abc/bare', 400],
      ['/revision/%FF', 400],
      [`/revision/${revisionId}/compare/99999999999999999999`, 404],
      [`/revision/${revisionId}/compare/-1`, 400],
      ['/revision/', 404],
      [`/revision/${revisionId}/nonsense`, 404],
    ];
    for (const [path, status] of cases) {
      const response = await revisionGET(restRequest(path));
      expect(`${path} → ${response.status}`).toBe(`${path} → ${status}`);
      await expectRestError(response, status);
    }
  });

  it('answers 400 or 404 to history cursors that are negative, huge or not numbers', async () => {
    const cases: [string, number][] = [
      ['older_than=-1', 400],
      ['older_than=0', 400],
      ['newer_than=abc', 400],
      ['older_than=1.5', 400],
      ['older_than=99999999999999999999', 404],
      ['older_than=1&newer_than=2', 400],
      ['filter=%00', 400],
    ];
    for (const [query, status] of cases) {
      const response = await pageGET(restRequest(`${pagePath(title)}/history?${query}`));
      expect(`${query} → ${response.status}`).toBe(`${query} → ${status}`);
      await expectRestError(response, status);
    }
  });

  it('answers 400 to search limits that are negative, zero, huge, fractional or not numbers', async () => {
    for (const endpoint of [searchPageGET, searchTitleGET]) {
      for (const limit of ['-1', '0', '1e9', '101', '1.5', 'abc', '99999999999999999999', '']) {
        const response = await endpoint(restRequest(`/search/page?q=a&limit=${encodeURIComponent(limit)}`));
        await expectRestError(response, 400);
      }
      await expectRestError(await endpoint(restRequest('/search/page')), 400);
    }
  });
});

describe('never a 500 on random addresses', () => {
  const segment = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('-1', '0', '1.5', '0x10', '99999999999999999999', 'NaN', '%', '%FF', '%2F', '..', 'bare', 'html', 'history', 'compare'),
  );
  const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.map((part) => encodeURIComponent(part).replace('%25', '%')).join('/'));
  const query = fc.array(fc.tuple(fc.constantFrom('limit', 'q', 'older_than', 'newer_than', 'filter'), segment), { maxLength: 3 });

  it('answers every GET on /page and /revision with a status below 500 and a MediaWiki-shaped error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('page', 'revision'), path, query, async (root, rest, params) => {
        const search = new URLSearchParams(params).toString();
        let request: Request;
        try {
          request = restRequest(`/${root}/${rest}${search ? `?${search}` : ''}`);
        } catch {
          return; // not a URL at all: never reaches a route
        }
        const response = await (root === 'page' ? pageGET : revisionGET)(request);
        expect(response.status, `${request.url} → ${response.status}`).toBeLessThan(500);
        if (response.status >= 400) await expectRestError(response, response.status);
      }),
      { numRuns: 150 },
    );
  });
});

describe('feeds', () => {
  const historyFeed = (encodedTitle: string) =>
    historyFeedGET(new Request(`${ORIGIN}/w/feeds/history/${encodedTitle}`), { params: Promise.resolve({ title: encodedTitle.split('/') }) });

  it('answers 404 to the feed of a page that does not exist and 400 to an invalid title, as text', async () => {
    const missing = await historyFeed(encodeURIComponent(uniqueTitle('No feed').replaceAll(' ', '_')));
    expect(missing.status).toBe(404);
    for (const bad of ['%3Cscript%3E', '%FF', 'Talk%3A', '~~~~']) {
      const response = await historyFeed(bad);
      expect(`${bad} → ${response.status}`).toBe(`${bad} → 400`);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/u);
    }
  });

  it('ignores query parameters on the recent changes feed', async () => {
    const response = await recentChangesFeedGET(new Request(`${ORIGIN}/w/feeds/recentchanges?limit=-1&days=1e99`));
    expect(response.status).toBe(200);
  });
});

describe('/wiki/ addresses with bad numbers', () => {
  const statusOf = async (path: string) => (await proxy(new NextRequest(`${ORIGIN}${path}`))).status;

  it.each([
    '/wiki/Main_Page?oldid=-1',
    '/wiki/Main_Page?oldid=0',
    '/wiki/Main_Page?oldid=1.5',
    '/wiki/Main_Page?oldid=99999999999999999999',
    '/wiki/Main_Page?diff=abc',
    '/wiki/Main_Page?diff=-3&oldid=2',
    '/wiki/Main_Page?action=history&limit=-1',
    '/wiki/Main_Page?action=history&limit=1e9',
    '/wiki/Main_Page?action=history&limit=abc',
    '/wiki/Main_Page?action=history&older=-1',
    '/wiki/Special:RecentChanges?limit=99999',
    '/wiki/Main_Page?undo=0x10',
  ])('answers 400 to %s', async (path) => {
    expect(await statusOf(path)).toBe(400);
  });

  it('lets good numbers through', async () => {
    expect(await statusOf('/wiki/Main_Page?oldid=12')).toBe(200);
    expect(await statusOf('/wiki/Special:RecentChanges?limit=50')).toBe(200);
  });
});
