import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signIn } from '../support/browser';
import { useWikiInBrowser } from '../support/e2e-suite';
import { putPage, viewPage, warmPage } from '../support/page-cache-client';
import type { RunningWiki } from '../support/wiki-server';

/*
 * The anonymous page cache of the production server: hits are the same bytes for everyone (scripts
 * pinned by hash, compressed once, revalidated by ETag), every kind of
 * write shows at the very next anonymous view, signed-in pages are never cached or leaked.
 * Two instances on one database: page-cache-instances.test.ts (timed, so it runs alone).
 */
const ADMIN = 'Cache keeper';
const ADMIN_PASSWORD = 'a long passphrase for the cache keeper';
/** A reader who never edits: their name can only reach a page through the signed-in header. */
const READER = 'Quiet reader';
/** An editor whose name the Main Page lists among the latest changes until an admin hides it. */
const AUTHOR = 'Alias author';

const suite = useWikiInBrowser({
  users: [
    { name: ADMIN, password: ADMIN_PASSWORD, admin: true, token: true },
    { name: READER, password: ADMIN_PASSWORD },
    { name: AUTHOR, password: ADMIN_PASSWORD, token: true },
  ],
  env: { NEXTAUTH_SECRET: 'page-cache-e2e-secret-0123456789abcdef' },
});
let wiki: RunningWiki;
let browser: Browser;
let token: string;
let authorToken: string;

beforeAll(() => {
  wiki = suite.wiki();
  browser = suite.browser();
  token = suite.token(ADMIN);
  authorToken = suite.token(AUTHOR);
});

const view = (title: string, on: RunningWiki = wiki, init?: RequestInit) => viewPage(on, title, init);
/** Saves through REST on `on` (instance A unless told), as a bot would (the administrator unless told). */
const put = (title: string, source: string, on: RunningWiki = wiki, bearer = token) => putPage(on, bearer, title, source);
const warm = (title: string, on: RunningWiki = wiki, init?: RequestInit) => warmPage(on, title, init);

async function signedInPage(name = ADMIN): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, wiki.baseUrl, name, ADMIN_PASSWORD);
  return page;
}

const RED_LINK = (text: string) => `${text} (page does not exist)`;

interface RawAnswer {
  status: number;
  cache: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** GET with the path sent exactly as written (fetch and browsers resolve "/x/../" themselves; curl --path-as-is does not). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(wiki.baseUrl);
  return new Promise((resolve, reject) => {
    http
      .get({ host: hostname, port, path, headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, cache: response.headers['x-wiki-cache'] as string | undefined, headers: response.headers, body }),
        );
      })
      .on('error', reject);
  });
}

/** Spellings of /wiki/<title> that Next.js serves as the page itself. */
const aliasesOf = (title: string) => [`/wiki/x/../${title}`, `/wiki/./${title}`, `/wiki/x/%2e%2e/${title}`];

describe('the anonymous page cache', () => {
  it('answers warm views from memory with the same bytes for everyone, compressed once, 304 by ETag, and the page still runs its scripts in Chromium', async () => {
    await put('Cache_bytes', 'A page to read twice.');
    const first = await view('Cache_bytes');
    await first.text();
    expect(first.headers.get('x-wiki-cache')).toBe('miss');
    const identity = { 'accept-encoding': 'identity' };
    const hits = [await view('Cache_bytes', wiki, { headers: identity }), await view('Cache_bytes', wiki, { headers: identity })];
    const bodies = [];
    for (const hit of hits) {
      expect(hit.headers.get('x-wiki-cache')).toBe('hit');
      expect(hit.headers.get('content-security-policy')).not.toContain('nonce');
      expect(hit.headers.get('content-security-policy')).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+ 'strict-dynamic'/);
      expect(hit.headers.get('cache-control')).toBe('public, no-cache');
      bodies.push(await hit.text());
    }
    expect(bodies[0]).toContain('A page to read twice.');
    expect(bodies[1]).toBe(bodies[0]);
    const sameHeaders = (response: Response) => ['content-security-policy', 'etag', 'vary', 'content-length'].map((name) => response.headers.get(name));
    expect(sameHeaders(hits[1]!)).toEqual(sameHeaders(hits[0]!));

    // Brotli and gzip hold the same page; a repeat view naming its ETag gets 304 and no body.
    for (const encoding of ['br', 'gzip']) {
      const compressed = await view('Cache_bytes', wiki, { headers: { 'accept-encoding': encoding } });
      expect(compressed.headers.get('content-encoding')).toBe(encoding);
      expect(Number(compressed.headers.get('content-length'))).toBeLessThan(bodies[0]!.length / 3);
      expect(await compressed.text()).toBe(bodies[0]);
      const repeat = await view('Cache_bytes', wiki, { headers: { 'accept-encoding': encoding, 'if-none-match': compressed.headers.get('etag')! } });
      expect(repeat.status).toBe(304);
      expect(await repeat.text()).toBe('');
    }

    const page = await (await browser.newContext()).newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${wiki.baseUrl}/wiki/Cache_bytes`);
    expect(response?.headers()['x-wiki-cache']).toBe('hit');
    // React marks the nodes it hydrated; scripts blocked by the policy would leave none.
    await page.waitForFunction(() => Object.keys(document.querySelector('main')!).some((key) => key.startsWith('__react')));
    // A client-side navigation still loads the next page's scripts (allowed through 'strict-dynamic').
    await page.getByRole('link', { name: 'View history' }).first().click();
    await page.getByRole('heading', { name: /Revision history/ }).waitFor();
    expect(violations).toEqual([]);

    // After an edit the old ETag no longer matches: the next view is the new page.
    const etag = hits[0]!.headers.get('etag')!;
    await put('Cache_bytes', 'A page read twice, then changed.');
    const changed = await view('Cache_bytes', wiki, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain('then changed');
    await page.context().close();
  });

  it('runs none of the markup that slipped into a stored page: script elements, a script from this site, an inline handler', async () => {
    await put('Cache_injected', 'An article with a sanitizer bug.');
    await warm('Cache_injected');
    const context = await browser.newContext();
    const page = await context.newPage();
    // What a sanitizer bug would have let into the article, put into the stored page's bytes on the way to the browser.
    const slipped = [
      '<script>window.slipped = "inline"</script>',
      '<script nonce="guessed">window.slipped = "guessed nonce"</script>',
      '<script src="/w/slipped.js"></script>',
      '<img src="/w/missing.png" onerror="window.slipped = \'handler\'">',
    ].join('');
    /** Serves the stored page with the slipped markup in its article; `withPolicy: false` also drops its CSP (the control). */
    const slipInto = (target: Page, { withPolicy }: { withPolicy: boolean }) =>
      target.route(`${wiki.baseUrl}/wiki/Cache_injected`, async (route) => {
        const stored = await route.fetch();
        expect(stored.headers()['x-wiki-cache']).toBe('hit');
        const text = await stored.text();
        const paragraph = '<p>An article with a sanitizer bug.</p>';
        expect(text).toContain(paragraph);
        const headers = { ...stored.headers() };
        if (!withPolicy) delete headers['content-security-policy'];
        await route.fulfill({ response: stored, headers, body: text.replace(paragraph, `${paragraph}${slipped}`) });
      });
    await slipInto(page, { withPolicy: true });
    // Blocked requests are reported too (and fail); only those the server answered count.
    const answered: string[] = [];
    page.on('response', (response) => answered.push(new URL(response.url()).pathname));
    await page.addInitScript(() => {
      (window as unknown as { blocked: string[] }).blocked = [];
      document.addEventListener('securitypolicyviolation', (event) => (window as unknown as { blocked: string[] }).blocked.push(event.effectiveDirective));
    });
    await page.goto(`${wiki.baseUrl}/wiki/Cache_injected`);
    await page.waitForFunction(() => Object.keys(document.querySelector('main')!).some((key) => key.startsWith('__react')));
    await page.waitForFunction(() => (window as unknown as { blocked: string[] }).blocked.length >= 4);
    expect(await page.evaluate(() => (window as unknown as { slipped?: string }).slipped)).toBeUndefined();
    expect(answered).toContain('/wiki/Cache_injected');
    expect(answered).not.toContain('/w/slipped.js');
    expect(await page.evaluate(() => (window as unknown as { blocked: string[] }).blocked)).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr']));

    // The control: without the stored policy the same markup does run, so the test can see it.
    const unprotected = await context.newPage();
    await slipInto(unprotected, { withPolicy: false });
    await unprotected.goto(`${wiki.baseUrl}/wiki/Cache_injected`);
    await unprotected.waitForFunction(() => (window as unknown as { slipped?: string }).slipped !== undefined);
    await context.close();
  });

  it('keeps permalinks, diffs, the history and recent changes, and shows each kind of change at the very next view, in both languages', async () => {
    await put('Cache_history', 'First text.');
    await put('Cache_history', 'Second text.');
    const history = (await (await fetch(`${wiki.baseUrl}/w/rest.php/v1/page/Cache_history/history`)).json()) as { revisions: { id: number }[] };
    const [second, first] = history.revisions.map((revision) => revision.id);
    const viewsOf = (title: string) => [
      `/wiki/${title}?oldid=${first}`,
      `/wiki/${title}?diff=${second}&oldid=${first}`,
      `/wiki/${title}?diff=prev&oldid=${second}`,
      `/wiki/${title}?action=history`,
      '/wiki/Special:RecentChanges',
    ];
    const languages = [
      { language: 'en', init: {} },
      { language: 'it', init: { headers: { 'accept-language': 'it' } } },
    ];
    /** Views each path in both languages until it is served from the cache. */
    const warmAll = async (paths: string[]) => {
      for (const path of paths) {
        for (const { init } of languages) {
          let cache: string | null = null;
          for (let attempt = 0; attempt < 5 && cache !== 'hit'; attempt += 1) {
            const response = await fetch(`${wiki.baseUrl}${path}`, init);
            await response.text();
            cache = response.headers.get('x-wiki-cache');
          }
          expect(cache, path).toBe('hit');
        }
      }
    };
    /** The next view of each path in both languages: rendered again (not the stored copy), then checked. */
    const nextViews = async (paths: string[], check: (path: string, body: string, status: number, language: string) => void = () => {}) => {
      for (const path of paths) {
        for (const { language, init } of languages) {
          const response = await fetch(`${wiki.baseUrl}${path}`, { ...init, redirect: 'manual' });
          const body = await response.text();
          expect(response.headers.get('x-wiki-cache'), `${language} ${path}`).not.toBe('hit');
          if (response.status === 200) expect(body, path).toContain(`<html lang="${language}"`);
          check(path, body, response.status, language);
        }
      }
    };
    const admin = await signedInPage();

    // An edit: the history and recent changes list it; the permalinks' and diffs' "newer" links change.
    await warmAll(viewsOf('Cache_history'));
    await put('Cache_history', 'Third text.');
    const third = ((await (await fetch(`${wiki.baseUrl}/w/rest.php/v1/page/Cache_history/bare`)).json()) as { latest: { id: number } }).latest.id;
    await nextViews(viewsOf('Cache_history'), (path, body) => {
      if (path.endsWith('history')) expect(body.includes(`oldid=${third}`), path).toBe(true);
      if (path.includes('RecentChanges')) expect(body.includes(`data-revision-id="${third}"`), path).toBe(true);
    });

    // Hiding the first revision's summary.
    await warmAll(viewsOf('Cache_history'));
    await admin.goto(`${wiki.baseUrl}/wiki/Cache_history?action=history`);
    await admin
      .locator('li')
      .filter({ has: admin.getByRole('link', { name: 'change visibility' }) })
      .last()
      .getByRole('link', { name: 'change visibility' })
      .click();
    await admin.waitForURL(/Special:RevisionDelete/);
    await admin.getByLabel('Hide edit summary').check();
    await admin.getByLabel('Reason').fill('Cache test');
    await admin.getByRole('button', { name: 'Apply to the selected revision' }).click();
    await admin.waitForURL(/\/wiki\/Cache_history\?action=history$/);
    await nextViews(viewsOf('Cache_history'), (path, body, _status, language) => {
      if (path.endsWith('history')) expect(body.includes(language === 'it' ? '(oggetto rimosso)' : '(edit summary removed)'), path).toBe(true);
    });

    // A protection.
    await warmAll(viewsOf('Cache_history'));
    await admin.goto(`${wiki.baseUrl}/wiki/Cache_history?action=protect`);
    await admin.getByLabel('Edit protection', { exact: true }).selectOption('admin');
    await admin.getByLabel('Reason', { exact: true }).fill('Cache test');
    await admin.getByRole('button', { name: 'Confirm' }).click();
    await admin.waitForURL(/postedit=protected$/);
    await nextViews(viewsOf('Cache_history').slice(0, 4));

    // A move: the old title's views are no longer the stored ones; the new title's are its own.
    await warmAll(viewsOf('Cache_history'));
    await admin.goto(`${wiki.baseUrl}/wiki/Special:MovePage/Cache_history`);
    await admin.getByLabel('New title').fill('Cache history moved');
    await admin.getByLabel('Reason').fill('Cache test');
    await admin.getByRole('button', { name: 'Move page' }).click();
    await admin.waitForURL(/Special:MovePage\?/);
    await nextViews(viewsOf('Cache_history'), (path, body) => {
      if (path.includes('RecentChanges')) expect(body.includes('Cache history moved'), path).toBe(true);
    });

    // A deletion, then the undeletion.
    await warmAll(viewsOf('Cache_history_moved'));
    await admin.goto(`${wiki.baseUrl}/wiki/Cache_history_moved?action=delete`);
    await admin.getByLabel('Reason').fill('Cache test');
    await admin.getByRole('button', { name: 'Delete page' }).click();
    await admin.waitForURL(/Special:Log/);
    await nextViews(viewsOf('Cache_history_moved').slice(0, 4), (path, body, status) => {
      expect(status, path).not.toBe(200);
      expect(body.includes('Second text.'), path).toBe(false);
    });
    await admin.goto(`${wiki.baseUrl}/wiki/Special:Undelete/Cache_history_moved`);
    await admin.getByLabel('Reason').fill('Cache test');
    await admin.getByRole('button', { name: 'Restore all revisions' }).click();
    await admin.waitForURL(/\/wiki\/Cache_history_moved\?action=history$/);
    await nextViews(viewsOf('Cache_history_moved'), (path, _body, status) => expect(status, path).toBe(200));
    await admin.context().close();
  });

  it('shows an edit, and a newly created link target (red link turning blue), at the very next anonymous view', async () => {
    await put('Cache_edit', 'Before the edit. See [[Cache target]].');
    expect(await warm('Cache_edit')).toContain(RED_LINK('Cache target'));
    await put('Cache_edit', 'After the edit. See [[Cache target]].');
    const edited = await (await view('Cache_edit')).text();
    expect(edited).toContain('After the edit.');

    await warm('Cache_edit');
    await put('Cache_target', 'The target exists now.');
    const linked = await (await view('Cache_edit')).text();
    expect(linked).not.toContain(RED_LINK('Cache target'));
    expect(linked).toContain('href="/wiki/Cache_target"');
  });

  it('keeps one copy per interface language (Accept-Language or the switcher cookie), and an edit reaches every language', async () => {
    const italian = { headers: { 'accept-language': 'it-IT,it;q=0.9,en;q=0.8' } };
    const chosenEnglish = { headers: { 'accept-language': 'it-IT,it;q=0.9', cookie: 'wiki_language=en' } };
    await put('Cache_languages', 'First words.');
    expect(await warm('Cache_languages', wiki, italian)).toContain('<html lang="it"');
    expect(await warm('Cache_languages')).toContain('<html lang="en"');
    expect(await warm('Cache_languages', wiki, chosenEnglish)).toContain('<html lang="en"');
    expect(await (await view('Cache_languages', wiki, { headers: { cookie: 'wiki_language=it' } })).text()).toContain('<html lang="it"');

    await put('Cache_languages', 'Second words.');
    for (const init of [italian, undefined]) {
      const response = await view('Cache_languages', wiki, init);
      expect(response.headers.get('x-wiki-cache')).toBe('miss');
      expect(await response.text()).toContain('Second words.');
    }
  });

  it('shows a protection, a move and a deletion at the very next anonymous view', async () => {
    await put('Cache_admin', 'Administered page.');
    await put('Cache_linker', 'Links to [[Cache admin]] and [[Cache moved]].');
    const admin = await signedInPage();

    expect(await warm('Cache_admin')).not.toContain('Protected:');
    await admin.goto(`${wiki.baseUrl}/wiki/Cache_admin?action=protect`);
    await admin.getByLabel('Edit protection', { exact: true }).selectOption('admin');
    await admin.getByLabel('Edit expiry', { exact: true }).selectOption('1 week');
    await admin.getByLabel('Reason', { exact: true }).fill('Cache test');
    await admin.getByRole('button', { name: 'Confirm' }).click();
    await admin.waitForURL(/postedit=protected$/);
    expect(await (await view('Cache_admin')).text()).toContain('Protected: only administrators can edit this page until');

    await warm('Cache_admin');
    expect(await warm('Cache_linker')).toContain(RED_LINK('Cache moved'));
    await admin.goto(`${wiki.baseUrl}/wiki/Special:MovePage/Cache_admin`);
    await admin.getByLabel('New title').fill('Cache moved');
    await admin.getByLabel('Reason').fill('Cache test');
    await admin.getByRole('button', { name: 'Move page' }).click();
    await admin.waitForURL(/Special:MovePage\?/);
    const redirected = await view('Cache_admin', wiki, { redirect: 'manual' });
    expect(redirected.status).toBeGreaterThanOrEqual(300);
    expect(redirected.headers.get('location')).toContain('/wiki/Cache_moved');
    const linker = await (await view('Cache_linker')).text();
    expect(linker).not.toContain(RED_LINK('Cache moved'));

    await warm('Cache_moved');
    await admin.goto(`${wiki.baseUrl}/wiki/Cache_moved?action=delete`);
    await admin.getByLabel('Reason').fill('Cache test');
    await admin.getByRole('button', { name: 'Delete page' }).click();
    await admin.waitForURL(/Special:Log/);
    const deleted = await view('Cache_moved');
    expect(deleted.status).toBe(404);
    expect(await deleted.text()).toContain('This page has been deleted.');
    await admin.context().close();
  });

  it('never caches a signed-in page, and never shows a signed-in header to anonymous readers', async () => {
    await put('Cache_private', 'Shared text.');
    const reader = await signedInPage(READER);
    for (let visit = 0; visit < 2; visit += 1) {
      const response = await reader.goto(`${wiki.baseUrl}/wiki/Cache_private`);
      expect(response?.headers()['x-wiki-cache']).not.toBe('hit');
    }
    const cookies = (await reader.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
    const signedIn = await view('Cache_private', wiki, { headers: { cookie: cookies } });
    expect(signedIn.headers.get('x-wiki-cache')).not.toBe('hit');
    expect(await signedIn.text()).toContain(READER);
    await reader.context().close();

    const anonymous = await warm('Cache_private');
    expect(anonymous).not.toContain(READER);
    expect(anonymous).toContain('Log in');
  });

  it('stores no view reached through another spelling of its address: hiding an author and deleting a page reach every spelling', async () => {
    const text = 'Words that must leave with the page.';
    await put('Cache_alias', text, wiki, authorToken);
    for (const [title, shows] of [
      ['Main_Page', AUTHOR],
      ['Cache_alias', text],
    ] as const) {
      for (const alias of aliasesOf(title)) {
        for (let visit = 0; visit < 3; visit += 1) {
          const view = await rawGet(alias);
          expect(view.status, alias).toBe(200);
          expect(view.body, alias).toContain(shows);
          expect(view.cache, alias).toBe('miss');
          expect(view.headers['x-wiki-page-cache-key'], alias).toBeUndefined();
        }
      }
    }
    expect(await warm('Main_Page')).toContain(AUTHOR);

    const admin = await signedInPage();
    await admin.goto(`${wiki.baseUrl}/wiki/Cache_alias?action=history`);
    await admin.getByRole('listitem').filter({ hasText: AUTHOR }).getByRole('link', { name: 'change visibility' }).click();
    await admin.waitForURL(/Special:RevisionDelete/);
    await admin.getByLabel("Hide editor's username").check();
    await admin.getByLabel('Hide edit summary').check();
    await admin.getByLabel('Reason').fill('Cache test');
    await admin.getByRole('button', { name: 'Apply to the selected revision' }).click();
    await admin.waitForURL(/\/wiki\/Cache_alias\?action=history$/);
    for (const path of ['/wiki/Main_Page', ...aliasesOf('Main_Page')]) {
      const view = await rawGet(path);
      expect(view.status, path).toBe(200);
      expect(view.body, path).not.toContain(AUTHOR);
    }

    await admin.goto(`${wiki.baseUrl}/wiki/Cache_alias?action=delete`);
    await admin.getByLabel('Reason').fill('Cache test');
    await admin.getByRole('button', { name: 'Delete page' }).click();
    await admin.waitForURL(/Special:Log/);
    await admin.context().close();
    for (const path of ['/wiki/Cache_alias', ...aliasesOf('Cache_alias')]) {
      const view = await rawGet(path);
      expect(view.status, path).toBe(404);
      expect(view.body, path).not.toContain(text);
    }
  });

  it('never stores another special page, a category listing or recent changes under another spelling', async () => {
    for (const path of [
      '/wiki/Special:AllPages',
      ...aliasesOf('Special:RecentChanges'),
      '/wiki/Special:RecentChanges?days=7',
      '/wiki/Category:Fans',
      ...aliasesOf('Category:Fans'),
    ]) {
      for (let visit = 0; visit < 3; visit += 1) expect((await rawGet(path)).cache, path).not.toBe('hit');
    }
  });

  it('does not let a repeated language cookie put the Italian page before English readers', async () => {
    await put('Cache_cookie', 'Words in every language.');
    const mixed = { cookie: 'wiki_language=en; wiki_language=it' };
    for (let visit = 0; visit < 3; visit += 1) expect(await (await view('Cache_cookie', wiki, { headers: mixed })).text()).toContain('<html lang="it"');
    expect(await warm('Cache_cookie')).toContain('<html lang="en"');
    expect(await warm('Cache_cookie', wiki, { headers: { cookie: 'wiki_language=it' } })).toContain('<html lang="it"');
  });
});
