import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { uniqueTitle } from '../support/database';
import { newEditor, saveEdits, type TestEditor } from '../support/rest-client';
import { GET, POST } from '@/app/w/api.php/route';
import { API_MODULES } from '@/lib/server/action-api/modules';
import { tokenFor } from '@/lib/server/action-api/tokens';
import { BOT_SESSION_COOKIE } from '@/lib/server/action-api/bot-session';

/*
 * Property: whatever a client sends to /w/api.php — any action this wiki has, any mix of
 * parameters MediaWiki's modules know with hostile values, GET or POST, anonymous or signed in
 * with a valid csrf token — the answer is well-formed JSON that is either a result or MediaWiki's
 * error object with a `code` (and the MediaWiki-API-Error header naming it), and never a 500.
 * A 500 would mean a bug that a bot can trigger; this finds the input that does.
 */

vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= 'action-api-property-test-secret-0123456789';
});

const ORIGIN = 'http://wiki.test';
let editor: TestEditor;
let csrf: string;
let title: string;
let revisionId: number;

beforeAll(async () => {
  editor = await newEditor();
  csrf = tokenFor('csrf', `bearer|${createHash('sha256').update(editor.token).digest('hex')}`);
  title = uniqueTitle('Api property');
  [revisionId] = (await saveEdits(editor, title, [{ text: 'Some text.\n\n## A section\n\nMore.' }])) as [number];
});

/** Parameter names MediaWiki's modules take (query submodules with their prefixes included). */
const NAMES = [
  ...['title', 'titles', 'pageid', 'pageids', 'revids', 'text', 'appendtext', 'prependtext', 'section', 'sectiontitle', 'summary', 'minor', 'bot'],
  ...['basetimestamp', 'starttimestamp', 'baserevid', 'createonly', 'nocreate', 'recreate', 'md5', 'undo', 'undoafter', 'contentmodel', 'watchlist'],
  ...['from', 'fromid', 'to', 'reason', 'movetalk', 'noredirect', 'protections', 'expiry', 'cascade', 'filename', 'comment', 'ignorewarnings', 'url', 'filekey'],
  ...['page', 'oldid', 'prop', 'redirects', 'meta', 'list', 'generator', 'continue', 'type', 'siprop', 'uiprop', 'search', 'limit', 'namespace'],
  ...['rvprop', 'rvslots', 'rvlimit', 'rvdir', 'rvstartid', 'rvendid', 'rvstart', 'rvend', 'rvcontinue', 'rvuser', 'inprop', 'cllimit', 'pllimit', 'iiprop'],
  ...['rcprop', 'rcshow', 'rclimit', 'rctype', 'rccontinue', 'rcstart', 'rcend', 'rcdir', 'aplimit', 'apfrom', 'apprefix', 'apnamespace', 'apcontinue'],
  ...['srsearch', 'srlimit', 'sroffset', 'srwhat', 'cmtitle', 'cmlimit', 'cmcontinue', 'cmtype', 'bltitle', 'bllimit', 'blcontinue'],
  ...['ucuser', 'uclimit', 'uccontinue', 'ucshow', 'letype', 'leaction', 'lelimit', 'lecontinue', 'gaplimit', 'gapcontinue', 'lgname', 'lgpassword', 'lgtoken'],
  ...['formatversion', 'errorformat', 'maxlag', 'assert', 'assertuser', 'requestid', 'curtimestamp', 'format', 'unwatch'],
];

const hostileValue = fc.oneof(
  fc.constantFrom('', '0', '-1', '1', 'max', 'now', 'infinite', '2', 'latest', 'json', 'plaintext', 'user', 'bot', 'new', '*', '|', '\u001f', 'edit=sysop|move=all'),
  fc.constantFrom('ids|timestamp|user|comment|content|size|sha1', 'main', 'older', 'newer', 'siteinfo|tokens|userinfo', 'recentchanges', 'allpages', 'csrf|login'),
  fc.constantFrom('2026-12-07T00:00:00Z', '20261207000000', '1970-01-01T00:00:00Z', '99999999999999', '9'.repeat(40), '-9007199254740993'),
  fc.constantFrom('Special:Search', 'Talk:', ':', '[[x]]', '<script>alert(1)</script>', '%00', '\u0000', 'File:Nothing.png', '../../etc/passwd', 'a'.repeat(300)),
  fc.string({ maxLength: 40 }),
  fc.integer({ min: -5, max: 2_000_000_000 }).map(String),
);

const request = fc.record({
  action: fc.constantFrom(...Object.keys(API_MODULES), 'query', 'nosuchaction', ''),
  params: fc.dictionary(fc.constantFrom(...NAMES), hostileValue, { maxKeys: 8 }),
  method: fc.constantFrom('GET', 'POST'),
  signedIn: fc.boolean(),
  aboutPage: fc.boolean(),
});

/** One request to /w/api.php, as a bot would send it. */
async function call(method: 'GET' | 'POST', values: URLSearchParams, headers: Record<string, string> = {}): Promise<Response> {
  return method === 'GET'
    ? GET(new Request(`${ORIGIN}/w/api.php?${values}`, { headers }))
    : POST(new Request(`${ORIGIN}/w/api.php`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: values }));
}

describe('/w/api.php under arbitrary input', () => {
  it('answers JSON that is a result or a well-formed MediaWiki error, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ action, params, method, signedIn, aboutPage }) => {
        const values = new URLSearchParams({ action, format: 'json', ...params });
        // Half the requests are about a real page and carry a valid token, so they reach the modules' own checks.
        if (aboutPage) values.set('title', title);
        if (aboutPage && !values.has('oldid')) values.set('oldid', String(revisionId));
        if (signedIn && method === 'POST') values.set('token', csrf);
        const response = await call(method, values, signedIn ? { authorization: `Bearer ${editor.token}` } : {});
        const text = await response.text();
        expect(response.status, text).toBeLessThan(500);
        const body = JSON.parse(text) as unknown;
        const errorCode = response.headers.get('mediawiki-api-error');
        if (errorCode !== null) {
          const { error, errors } = body as { error?: { code?: unknown; info?: unknown }; errors?: { code?: unknown }[] };
          const code = error?.code ?? errors?.[0]?.code;
          expect(code, text).toBe(errorCode);
          expect(typeof code).toBe('string');
          if (error) expect(typeof error.info).toBe('string');
        } else {
          expect(body, text).not.toHaveProperty('error');
        }
      }),
      { numRuns: 300 },
    );
  }, 240_000);

  // The property once found, on CI, that action=parse&oldid=99999999999999 failed its query (ids
  // are INTEGER columns) and answered 500; these are every way this API takes an id from a client.
  it('answers an id beyond the database’s INTEGER range as naming nothing, never a 500', async () => {
    const huge = '99999999999';
    const requests: [string, 'GET' | 'POST', Record<string, string>, string | null][] = [
      ['parse oldid', 'GET', { action: 'parse', oldid: huge }, 'nosuchrevid'],
      ['parse pageid', 'GET', { action: 'parse', pageid: huge }, 'nosuchpageid'],
      ['query pageids', 'GET', { action: 'query', pageids: '9999999999' }, null],
      ['query revids', 'GET', { action: 'query', revids: '9999999999' }, null],
      ['rvcontinue', 'GET', { action: 'query', prop: 'revisions', titles: title, rvcontinue: '9999999999' }, 'badcontinue'],
      ['clcontinue', 'GET', { action: 'query', prop: 'categories', titles: title, clcontinue: '9999999999|X' }, 'badcontinue'],
      ['plcontinue', 'GET', { action: 'query', prop: 'links', titles: title, plcontinue: '9999999999|0|X' }, 'badcontinue'],
      ['blcontinue', 'GET', { action: 'query', list: 'backlinks', bltitle: title, blcontinue: '0|9999999999' }, 'badcontinue'],
      ['cmcontinue', 'GET', { action: 'query', list: 'categorymembers', cmtitle: 'Category:Fans', cmcontinue: 'page||9999999999' }, 'badcontinue'],
      [
        'cmcontinue by time',
        'GET',
        { action: 'query', list: 'categorymembers', cmtitle: 'Category:Fans', cmsort: 'timestamp', cmcontinue: '2026-13-45T00:00:00.000Z|1' },
        'badcontinue',
      ],
      ['ucuserids', 'GET', { action: 'query', list: 'usercontribs', ucuserids: '9999999999' }, null],
      ['edit undo', 'POST', { action: 'edit', title, undo: huge, token: csrf }, 'nosuchrevid'],
      ['edit baserevid', 'POST', { action: 'edit', title, text: 'Some text, again.', baserevid: huge, token: csrf }, null],
    ];
    for (const [name, method, params, expectedCode] of requests) {
      const response = await call(method, new URLSearchParams({ format: 'json', formatversion: '2', ...params }), { authorization: `Bearer ${editor.token}` });
      const text = await response.text();
      expect(response.status, `${name}: ${text}`).toBeLessThan(500);
      const code = response.headers.get('mediawiki-api-error');
      expect(code ?? '', `${name}: ${text}`).not.toMatch(/^internal_api_error/);
      if (expectedCode !== null) expect(code, `${name}: ${text}`).toBe(expectedCode);
    }
    // A forged bot session cookie naming such an id is no session: the request is anonymous.
    const cookie = `${BOT_SESSION_COOKIE}=9999999999.${Math.floor(Date.now() / 1000)}.${'0'.repeat(64)}`;
    const anonymous = await call('GET', new URLSearchParams({ action: 'query', meta: 'userinfo', format: 'json', formatversion: '2' }), { cookie });
    expect(anonymous.status).toBe(200);
    expect(((await anonymous.json()) as { query: { userinfo: { anon?: boolean } } }).query.userinfo.anon).toBe(true);
  });
});
