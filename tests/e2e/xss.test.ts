import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { parseFeed } from '@rowanmanning/feed-parser';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import { editThroughForm, failOnPageErrors, signUp } from '../support/browser';
import { CANARY_HOST, ONE_LINE_PAYLOADS, XSS_PAYLOADS } from '../support/xss-payloads';
import { parseTitle, titleToUrlPath } from '@/lib/domain/titles';

const suite = useSharedWikiInBrowser();
failOnPageErrors(suite);

// The nastiest name the username rules allow: quotes, "=", parentheses, an event handler (no "_":
// names and titles read it as a space).
const USERNAME = `Eve" onfocus="alert(document.domain)" autofocus x='(1)`;
// Quotes, apostrophes, "&" and an event handler: everything MediaWiki's title rules let through.
const PAYLOAD_TITLE = `Payload "quotes" & 'apostrophes' onerror=alert(1)`;
const CATEGORY = `Payload "cat" onmouseover='alert(2)'`;

/** A 1×1 transparent PNG. */
const BLANK_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

interface Watch {
  problems: string[];
}

/** Fails on any dialog, canary request or CSP violation in this context. */
async function watchContext(context: BrowserContext, watch: Watch): Promise<void> {
  // Only requests that leave the wiki are intercepted: routing the wiki's own pages and scripts
  // through this process as well would cost CPU time and change nothing the test looks at.
  const leavesTheWiki = (url: URL) => !url.href.startsWith(`${suite.wiki().baseUrl}/`);
  await context.route(leavesTheWiki, (route) => {
    const url = route.request().url();
    if (url.includes(CANARY_HOST) || !/^https?:/u.test(url)) {
      watch.problems.push(`request to ${url}`);
      return route.abort();
    }
    // Pictures hosted elsewhere (example.com in the corpus) are allowed by the policy; keep the test
    // offline with a blank picture (an aborted request would be a console error: failOnPageErrors).
    return route.fulfill({ status: 200, contentType: 'image/png', body: BLANK_PNG });
  });
  context.on('page', (page) => watchPage(page, watch));
}

function watchPage(page: Page, watch: Watch): void {
  page.on('dialog', (dialog) => {
    watch.problems.push(`dialog "${dialog.message()}" on ${page.url()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (?:execute|load|apply)/iu.test(message.text())) watch.problems.push(`CSP: ${message.text()}`);
  });
}

/** Visits a page and checks that no payload ran and no link can run script. */
async function visitInert(page: Page, url: string, watch: Watch): Promise<string> {
  const response = await page.goto(url);
  expect(response?.status(), url).toBeLessThan(400);
  await page.waitForLoadState('load');
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss), url).toBeUndefined();
  const hrefs = await page.evaluate(() => Array.from(document.querySelectorAll('a[href], area[href]'), (a) => (a as HTMLAnchorElement).href));
  const unsafe = hrefs.filter((href) => !/^(?:https?|mailto):/iu.test(href) || new URL(href).hostname === CANARY_HOST);
  expect(unsafe, url).toEqual([]);
  const active = await page
    .locator('main iframe, main object, main embed, main svg script, main form[action*="canary"], main [onerror], main [onload], main [onfocus], main [onmouseover]')
    .count();
  expect(active, url).toBe(0);
  expect(watch.problems, url).toEqual([]);
  return (await page.locator('main').textContent()) ?? '';
}

describe('XSS payloads in Chromium', () => {
  it('runs no payload anywhere user text appears', async () => {
    const base = suite.wiki().baseUrl;
    const watch: Watch = { problems: [] };
    const context = await suite.browser().newContext();
    await watchContext(context, watch);
    const page = await context.newPage();
    watchPage(page, watch);

    await signUp(page, base, USERNAME);
    const api = async (method: 'POST' | 'PUT', path: string, data: unknown) => {
      const response = await context.request.fetch(`${base}/w/rest.php/v1${path}`, { method, data, headers: { origin: base } });
      expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
      return (await response.json()) as { latest: { id: number } };
    };

    // The corpus in four pages, each edit summary a payload too.
    const chunks = [0, 1, 2, 3].map((i) => XSS_PAYLOADS.filter((_, n) => n % 4 === i));
    const titles = chunks.map((_, i) => `Xss corpus ${i + 1}`);
    const first: number[] = [];
    for (const [i, chunk] of chunks.entries()) {
      const source = `${chunk.map((p) => p.source).join('\n\n')}\n\n[[Category:${CATEGORY}]]`;
      first.push((await api('POST', '/page', { title: titles[i], source, comment: ONE_LINE_PAYLOADS[i]! })).latest.id);
    }
    const second = await api('PUT', `/page/${encodeURIComponent(titles[0]!.replaceAll(' ', '_'))}`, {
      source: `${chunks[0]!
        .map((p) => p.source)
        .reverse()
        .join('\n\n')}\n\n${ONE_LINE_PAYLOADS.join('\n\n')}`,
      comment: ONE_LINE_PAYLOADS[4]!,
      latest: { id: first[0]! },
    });
    await api('POST', '/page', { title: PAYLOAD_TITLE, source: ONE_LINE_PAYLOADS.join('\n\n'), comment: ONE_LINE_PAYLOADS[5]! });
    await api('POST', '/page', { title: 'Xss redirect', source: `#REDIRECT [[${PAYLOAD_TITLE}]]`, comment: ONE_LINE_PAYLOADS[6]! });
    // A signature (~~~~) expands to the payload username on a talk page.
    await editThroughForm(page, base, 'Talk:Xss_corpus_1', `Signed ~~~~ ${ONE_LINE_PAYLOADS[0]}`, ONE_LINE_PAYLOADS[7]);

    const path = (title: string) => `${base}${titleToUrlPath(parseTitle(title))}`;
    const corpusUrl = path(titles[0]!);
    for (const title of titles) await visitInert(page, path(title), watch);
    await visitInert(page, `${corpusUrl}?action=history`, watch);
    await visitInert(page, `${corpusUrl}?diff=${second.latest.id}&oldid=${first[0]}`, watch);
    await visitInert(page, `${corpusUrl}?diff=${second.latest.id}&oldid=${first[0]}&diffmode=inline`, watch);
    await visitInert(page, `${corpusUrl}?oldid=${first[0]}`, watch);
    await visitInert(page, `${corpusUrl}?action=edit`, watch);
    expect(await visitInert(page, path('Xss redirect'), watch)).toContain('Redirected from');
    expect(await visitInert(page, path(PAYLOAD_TITLE), watch)).toContain(PAYLOAD_TITLE);
    expect(await visitInert(page, path('Talk:Xss corpus 1'), watch)).toContain(USERNAME);
    expect(await visitInert(page, path(`Category:${CATEGORY}`), watch)).toContain('Xss corpus 2');
    expect(await visitInert(page, `${base}/wiki/Special:RecentChanges`, watch)).toContain(ONE_LINE_PAYLOADS[1]);
    expect(await visitInert(page, `${path(`Special:Contributions/${USERNAME}`)}`, watch)).toContain('Xss corpus 1');
    expect(await visitInert(page, `${base}/wiki/Special:Search?search=${encodeURIComponent('click')}&fulltext=1`, watch)).toContain('Xss corpus');
    await visitInert(page, `${base}/wiki/Special:Search?search=${encodeURIComponent(ONE_LINE_PAYLOADS[1]!)}&fulltext=1`, watch);

    // The suggestions box shows titles as text.
    const box = page.getByRole('combobox', { name: 'Search the wiki' });
    await box.fill('Payload');
    await page.getByRole('option', { name: /Payload "quotes"/ }).waitFor();
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    const suggestions = await context.request.get(`${base}/w/rest.php/v1/search/title?q=Payload&limit=5`);
    expect(suggestions.headers()['content-type']).toMatch(/^application\/json/u);

    // Feeds: well-formed XML whose markup is escaped text, never elements of the feed.
    for (const feedUrl of [`${base}/wiki/Special:RecentChanges?feed=atom`, `${corpusUrl}?action=history&feed=atom`]) {
      const response = await context.request.get(feedUrl);
      const xml = await response.text();
      expect(response.headers()['content-type']).toMatch(/^application\/atom\+xml/u);
      // User text sits in type="text" constructs, escaped or in CDATA: plain text to every reader.
      expect(xml.match(/<(?:title|summary|content|subtitle)\b[^>]*>/gu)?.filter((tag) => !tag.includes('type="text"')) ?? []).toEqual([]);
      const outsideCdata = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/gu, '');
      expect(outsideCdata.match(/<(?:script|img|svg|iframe|a)\b[^>]*>/giu) ?? []).toEqual([]);
      const feed = parseFeed(xml);
      expect(feed.items.map((item) => item.title ?? '').join('\n')).toContain('Xss corpus 1');
    }

    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('sends a nonce-based CSP that Next.js scripts carry, and the security headers everywhere', async () => {
    const base = suite.wiki().baseUrl;
    // A page rendered for this response (special pages are never cached; a stored article pins its
    // scripts by hash instead: tests/e2e/page-cache.test.ts).
    const html = await fetch(`${base}/wiki/Special:RecentChanges`);
    const policy = html.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/u.exec(policy)?.[1];
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(?!.*unsafe-eval)/u);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    const body = await html.text();
    const scripts = [...body.matchAll(/<script\b[^>]*>/gu)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    // Fresh for every response.
    const again = (await fetch(`${base}/wiki/Special:RecentChanges`)).headers.get('content-security-policy');
    expect(again).not.toBe(policy);

    for (const url of [
      '/wiki/Main_Page',
      '/wiki/main_page',
      '/wiki/Bad<title',
      '/w/rest.php/v1/page/Main_Page',
      '/w/rest.php/v1/page/Main_Page/html',
      '/wiki/Special:RecentChanges?feed=atom',
      '/no-such-route',
    ]) {
      const response = await fetch(`${base}${url}`, { redirect: 'manual' });
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), url).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('x-frame-options'), url).toBe('DENY');
      expect(response.headers.get('content-security-policy'), url).toMatch(/frame-ancestors 'none'/u);
    }
  });
});
