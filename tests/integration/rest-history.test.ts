import { uniqueTitle } from '../support/database';
import { beforeAll, describe, expect, it } from 'vitest';
import { newEditor, pagePath, readJson, REST, restRequest, type TestEditor, saveEdits } from '../support/rest-client';
import { GET as pageGET, PUT as pagePUT } from '@/app/w/rest.php/v1/page/[...path]/route';
import { GET as revisionGET } from '@/app/w/rest.php/v1/revision/[...path]/route';

interface HistoryRevision {
  id: number;
  timestamp: string;
  minor: boolean;
  size: number;
  comment: string;
  user: { id: number | null; name: string };
  delta: number | null;
}

interface History {
  revisions: HistoryRevision[];
  latest: string;
  older?: string;
  newer?: string;
}

interface ErrorBody {
  messageTranslations: { en: string };
  httpCode: number;
  httpReason: string;
  errorKey: string;
}

interface CompareLine {
  type: number;
  lineNumber?: number;
  text: string;
  offset: { from: number | null; to: number | null };
  highlightRanges?: { start: number; length: number; type: number }[];
  moveInfo?: { id: string; linkId: string; linkDirection: number };
}

interface Compare {
  from: { id: number; slot_role: string; sections: { level: number; heading: string; offset: number }[] };
  to: { id: number; slot_role: string; sections: { level: number; heading: string; offset: number }[] };
  diff: CompareLine[];
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const LICENSE = { url: 'https://creativecommons.org/licenses/by-sa/4.0/', title: 'Creative Commons Attribution-Share Alike' };
const utf8 = new TextEncoder();
const bytes = (text: string) => utf8.encode(text).length;

const historyPath = (title: string, query = '') => `${pagePath(title)}/history${query}`;
const historyUrl = (title: string, query = '') => `${REST}${historyPath(title, query)}`;

async function getHistory(pathOrUrl: string): Promise<History> {
  const path = pathOrUrl.startsWith(REST) ? pathOrUrl.slice(REST.length) : pathOrUrl;
  const response = await pageGET(restRequest(path));
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return readJson<History>(response);
}

async function expectError(response: Response, status: number, errorKey: string): Promise<ErrorBody> {
  const body = await readJson<ErrorBody>(response);
  expect({ status: response.status, errorKey: body.errorKey }, body.messageTranslations?.en).toEqual({ status, errorKey });
  expect(body.httpCode).toBe(status);
  expect(body.messageTranslations.en.length).toBeGreaterThan(10);
  return body;
}

const revision = (path: string) => revisionGET(restRequest(`/revision/${path}`));

/** The old line is the text without the added ranges, the new line the text without the removed ones. */
function sides(line: CompareLine): { old: string; new: string } {
  const raw = utf8.encode(line.text);
  const keep = (skipType: number) => {
    const out: number[] = [];
    let at = 0;
    for (const range of line.highlightRanges ?? []) {
      out.push(...raw.slice(at, range.start));
      if (range.type !== skipType) out.push(...raw.slice(range.start, range.start + range.length));
      at = range.start + range.length;
    }
    out.push(...raw.slice(at));
    return new TextDecoder().decode(new Uint8Array(out));
  };
  return { old: keep(0), new: keep(1) };
}

let editor: TestEditor;

beforeAll(async () => {
  editor = await newEditor();
});

describe('GET /page/{title}/history', () => {
  it('lists the revisions newest first in MediaWiki shape', async () => {
    const title = uniqueTitle('History shape');
    const [first, second, third] = await saveEdits(editor, title, [
      { text: 'Hello', summary: 'create' },
      { text: 'Hello, world', summary: 'expand' },
      { text: 'Hello world', summary: 'typo', minor: true },
    ]);
    const history = await getHistory(historyPath(title));
    const user = { id: editor.id, name: editor.name };
    expect(history).toEqual({
      revisions: [
        { id: third, timestamp: expect.stringMatching(TIMESTAMP), minor: true, size: 11, comment: 'typo', user, delta: -1 },
        { id: second, timestamp: expect.stringMatching(TIMESTAMP), minor: false, size: 12, comment: 'expand', user, delta: 7 },
        // MediaWiki gives the first revision no delta: there is nothing to compare it with.
        { id: first, timestamp: expect.stringMatching(TIMESTAMP), minor: false, size: 5, comment: 'create', user, delta: null },
      ],
      latest: historyUrl(title),
    });
  });

  it('pages by 20 with older/newer addresses until they disappear, and filters minor edits', async () => {
    const title = uniqueTitle('History paging');
    // 45 revisions; the even-numbered ones (23 of them) are minor.
    const ids = await saveEdits(
      editor,
      title,
      Array.from({ length: 45 }, (_, i) => ({ text: `version ${i}`, summary: `edit ${i}`, minor: i > 0 && i % 2 === 0 })),
    );
    const newestFirst = [...ids].reverse();

    const page1 = await getHistory(historyPath(title));
    expect(page1.revisions.map((r) => r.id)).toEqual(newestFirst.slice(0, 20));
    expect(page1.latest).toBe(historyUrl(title));
    expect(page1.newer).toBeUndefined();
    expect(page1.older).toBe(historyUrl(title, `?older_than=${newestFirst[19]}`));

    const page2 = await getHistory(page1.older!);
    expect(page2.revisions.map((r) => r.id)).toEqual(newestFirst.slice(20, 40));
    expect(page2.older).toBe(historyUrl(title, `?older_than=${newestFirst[39]}`));
    expect(page2.newer).toBe(historyUrl(title, `?newer_than=${newestFirst[20]}`));

    const page3 = await getHistory(page2.older!);
    expect(page3.revisions.map((r) => r.id)).toEqual(newestFirst.slice(40));
    expect(page3.older).toBeUndefined();
    expect(page3.newer).toBe(historyUrl(title, `?newer_than=${newestFirst[40]}`));

    // Walking back: the newer page is page 2 again, then page 1 with no newer address.
    const back2 = await getHistory(page3.newer!);
    expect(back2.revisions.map((r) => r.id)).toEqual(page2.revisions.map((r) => r.id));
    const back1 = await getHistory(back2.newer!);
    expect(back1.revisions.map((r) => r.id)).toEqual(page1.revisions.map((r) => r.id));
    expect(back1.newer).toBeUndefined();

    // filter=minor: only minor edits, and every address keeps the filter.
    const minorIds = newestFirst.filter((_, index) => {
      const i = 44 - index;
      return i > 0 && i % 2 === 0;
    });
    expect(minorIds).toHaveLength(22);
    const minor1 = await getHistory(historyPath(title, '?filter=minor'));
    expect(minor1.revisions.every((r) => r.minor)).toBe(true);
    expect(minor1.revisions.map((r) => r.id)).toEqual(minorIds.slice(0, 20));
    expect(minor1.latest).toBe(historyUrl(title, '?filter=minor'));
    expect(minor1.older).toBe(historyUrl(title, `?filter=minor&older_than=${minorIds[19]}`));
    const minor2 = await getHistory(minor1.older!);
    expect(minor2.revisions.map((r) => r.id)).toEqual(minorIds.slice(20));
    expect(minor2.older).toBeUndefined();
    expect(minor2.newer).toBe(historyUrl(title, `?filter=minor&newer_than=${minorIds[20]}`));
  });

  it('answers 400 for malformed parameters and 404 for unknown pages and foreign cursors', async () => {
    const title = uniqueTitle('History errors');
    const [id] = await saveEdits(editor, title, [{ text: 'x' }]);
    const other = uniqueTitle('History other');
    const [otherId] = await saveEdits(editor, other, [{ text: 'y' }]);

    await expectError(await pageGET(restRequest(historyPath(title, '?older_than=abc'))), 400, 'paramvalidator-badinteger');
    await expectError(await pageGET(restRequest(historyPath(title, '?newer_than=1.5'))), 400, 'paramvalidator-badinteger');
    await expectError(await pageGET(restRequest(historyPath(title, '?older_than=0'))), 400, 'rest-pagehistory-param-range-error');
    await expectError(await pageGET(restRequest(historyPath(title, '?newer_than=-4'))), 400, 'rest-pagehistory-param-range-error');
    await expectError(await pageGET(restRequest(historyPath(title, `?older_than=${id}&newer_than=${id}`))), 400, 'rest-pagehistory-incompatible-params');
    await expectError(await pageGET(restRequest(historyPath(title, '?filter=nonsense'))), 400, 'paramvalidator-badvalue-enumnotmulti');
    await expectError(await pageGET(restRequest('/page/Foo%5Bbar%5D/history')), 400, 'rest-invalid-title');

    await expectError(await pageGET(restRequest(historyPath(uniqueTitle('History missing')))), 404, 'rest-nonexistent-title');
    await expectError(await pageGET(restRequest(historyPath(title, `?older_than=${otherId}`))), 404, 'rest-nonexistent-title-revision');
    await expectError(await pageGET(restRequest(historyPath(title, '?newer_than=99999999999'))), 404, 'rest-nonexistent-title-revision');
  });

  it('tells /history from a title ending in "/history", redirects other spellings and refuses PUT', async () => {
    const base = uniqueTitle('History slash');
    const [subpageRevision] = await saveEdits(editor, `${base}/history`, [{ text: 'a subpage called history' }]);
    // "%2F": the page "<base>/history" itself …
    const page = await pageGET(restRequest(pagePath(`${base}/history`)));
    expect(page.status).toBe(200);
    expect((await readJson<{ source: string }>(page)).source).toBe('a subpage called history');
    // … and its history; "<base>" has none, it does not exist.
    expect((await getHistory(historyPath(`${base}/history`))).revisions.map((r) => r.id)).toEqual([subpageRevision]);
    await expectError(await pageGET(restRequest(historyPath(base))), 404, 'rest-nonexistent-title');

    const lower = encodeURIComponent(base.charAt(0).toLowerCase() + base.slice(1) + '/history');
    const redirect = await pageGET(restRequest(`/page/${lower}/history?filter=minor`));
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe(historyUrl(`${base}/history`, '?filter=minor'));

    const put = await pagePUT(restRequest(historyPath(`${base}/history`), { method: 'PUT', token: editor.token, json: { source: 'x', comment: '' } }));
    await expectError(put, 404, 'rest-no-match');
  });
});

describe('GET /revision/{id}', () => {
  it('returns the revision with its source, bare with html_url, and its HTML', async () => {
    const title = uniqueTitle('Revision read');
    const [first, second] = await saveEdits(editor, title, [
      { text: '# Heading\n\nFirst *text*.', summary: 'create' },
      { text: '# Heading\n\nSecond *text*, longer.', summary: 'edit <b>bold</b>', minor: true },
    ]);
    const key = title.replaceAll(' ', '_');

    const response = await revision(String(second));
    expect(response.status).toBe(200);
    const body = await readJson(response);
    const expected = {
      id: second,
      size: bytes('# Heading\n\nSecond *text*, longer.'),
      minor: true,
      timestamp: expect.stringMatching(TIMESTAMP),
      content_model: 'markdown',
      page: { id: expect.any(Number), key, title },
      license: LICENSE,
      user: { id: editor.id, name: editor.name },
      comment: 'edit <b>bold</b>',
      delta: bytes('# Heading\n\nSecond *text*, longer.') - bytes('# Heading\n\nFirst *text*.'),
    };
    expect(body).toEqual({ ...expected, source: '# Heading\n\nSecond *text*, longer.' });

    const firstBody = await readJson(await revision(String(first)));
    expect(firstBody).toMatchObject({ id: first, delta: null, minor: false, source: '# Heading\n\nFirst *text*.' });

    const bare = await revision(`${second}/bare`);
    expect(bare.status).toBe(200);
    expect(await readJson(bare)).toEqual({ ...expected, html_url: `${REST}/revision/${second}/html` });

    const html = await revision(`${first}/html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const document = await html.text();
    expect(document).toMatch(/^<!DOCTYPE html>/);
    expect(document).toContain('<em>text</em>');
    expect(document).toContain(`?oldid=${first}`);
  });

  it('answers 400 for ids that are not numbers and 404 for ids that name no revision', async () => {
    await expectError(await revision('abc'), 400, 'paramvalidator-badinteger');
    await expectError(await revision('1e3/bare'), 400, 'paramvalidator-badinteger');
    await expectError(await revision('0'), 404, 'rest-nonexistent-revision');
    await expectError(await revision('2147483647'), 404, 'rest-nonexistent-revision');
    await expectError(await revision('99999999999999999999'), 404, 'rest-nonexistent-revision');
    await expectError(await revision('1/unknown'), 404, 'rest-no-match');
    await expectError(await revision('1/compare'), 404, 'rest-no-match');
  });
});

describe('GET /revision/{from}/compare/{to}', () => {
  it('answers in wikidiff2 inline JSON: context, word-level change with byte ranges, added and removed lines', async () => {
    const title = uniqueTitle('Compare words');
    const before = ['# Über', '', 'Die schnelle braune Füchsin springt.', 'removed line', 'Outro'].join('\n');
    const after = ['# Über', '', 'Die schnelle rote Füchsin springt hoch.', 'Outro', 'added line'].join('\n');
    const [from, to] = await saveEdits(editor, title, [{ text: before }, { text: after }]);

    const response = await revision(`${from}/compare/${to}`);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await readJson<Compare>(response);
    expect(body.from).toEqual({ id: from, slot_role: 'main', sections: [{ level: 1, heading: 'Über', offset: 0 }] });
    expect(body.to).toEqual({ id: to, slot_role: 'main', sections: [{ level: 1, heading: 'Über', offset: 0 }] });

    const line3 = bytes('# Über\n\n');
    expect(body.diff).toEqual([
      { type: 0, lineNumber: 1, text: '# Über', offset: { from: 0, to: 0 } },
      { type: 0, lineNumber: 2, text: '', offset: { from: bytes('# Über\n'), to: bytes('# Über\n') } },
      {
        type: 3,
        lineNumber: 3,
        text: expect.any(String),
        offset: { from: line3, to: line3 },
        highlightRanges: expect.any(Array),
      },
      { type: 2, text: 'removed line', offset: { from: line3 + bytes('Die schnelle braune Füchsin springt.\n'), to: null } },
      {
        type: 0,
        lineNumber: 4,
        text: 'Outro',
        offset: { from: line3 + bytes('Die schnelle braune Füchsin springt.\nremoved line\n'), to: line3 + bytes('Die schnelle rote Füchsin springt hoch.\n') },
      },
      { type: 1, lineNumber: 5, text: 'added line', offset: { from: null, to: line3 + bytes('Die schnelle rote Füchsin springt hoch.\nOutro\n') } },
    ]);

    const change = body.diff[2]!;
    expect(sides(change)).toEqual({ old: 'Die schnelle braune Füchsin springt.', new: 'Die schnelle rote Füchsin springt hoch.' });
    // "braune" removed (1) and "rote" added (0) at their byte offsets; " hoch" added before the full stop.
    const marked = change.highlightRanges!.map((range) => ({
      type: range.type,
      text: new TextDecoder().decode(utf8.encode(change.text).slice(range.start, range.start + range.length)),
    }));
    expect(marked).toEqual([
      { type: 1, text: 'braune' },
      { type: 0, text: 'rote' },
      { type: 0, text: ' hoch' },
    ]);
    expect(change.highlightRanges![0]!.start).toBe(bytes('Die schnelle '));
  });

  it('reports a moved paragraph as a linked move-from / move-to pair, and identical revisions as no diff', async () => {
    const title = uniqueTitle('Compare move');
    const moved = 'This paragraph is long enough to count as moved.';
    const [from, to] = await saveEdits(editor, title, [
      { text: [moved, 'one', 'two', 'three', 'four', 'five'].join('\n') },
      { text: ['one', 'two', 'three', 'four', 'five', moved].join('\n') },
    ]);
    const body = await readJson<Compare>(await revision(`${from}/compare/${to}`));
    const source = body.diff.find((line) => line.type === 4);
    const destination = body.diff.find((line) => line.type === 5);
    expect(source).toMatchObject({ text: moved, offset: { from: 0, to: null }, moveInfo: { linkDirection: 0 } });
    expect(source!.lineNumber).toBeUndefined();
    expect(destination).toMatchObject({ text: moved, lineNumber: 6, offset: { from: null, to: bytes('one\ntwo\nthree\nfour\nfive\n') }, moveInfo: { linkDirection: 1 } });
    expect(source!.moveInfo!.linkId).toBe(destination!.moveInfo!.id);
    expect(destination!.moveInfo!.linkId).toBe(source!.moveInfo!.id);

    const same = await readJson<Compare>(await revision(`${to}/compare/${to}`));
    expect(same.diff).toEqual([]);
    // Either order is allowed, as in MediaWiki.
    expect((await revision(`${to}/compare/${from}`)).status).toBe(200);
  });

  it('refuses revisions of different pages (400) and unknown or malformed ids (404 / 400)', async () => {
    const [a] = await saveEdits(editor, uniqueTitle('Compare a'), [{ text: 'a' }]);
    const [b] = await saveEdits(editor, uniqueTitle('Compare b'), [{ text: 'b' }]);
    const mismatch = await expectError(await revision(`${a}/compare/${b}`), 400, 'rest-compare-page-mismatch');
    expect(mismatch.messageTranslations.en).toContain('different pages');
    const missing = await expectError(await revision(`${a}/compare/2147483000`), 404, 'rest-compare-nonexistent');
    expect(missing.messageTranslations.en).toContain('"to"');
    await expectError(await revision(`99999999999/compare/${a}`), 404, 'rest-compare-nonexistent');
    await expectError(await revision(`${a}/compare/x`), 400, 'paramvalidator-badinteger');
  });
});
