import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { failOnPageErrors, signIn } from '../support/browser';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import { putPage } from '../support/page-cache-client';

/*
 * A page's article text travels once (issue 18): the production server puts it into the HTML of a
 * document request (runtime/article-body-splice.mjs) and the RSC payload embedded for hydration
 * names it only by digest. Readers, signed-in or not, and client-side navigation still see it.
 */
const SENTENCE = 'A sentence that should reach the reader exactly once.';

const suite = useSharedWikiInBrowser();
failOnPageErrors(suite);
// The signed-in editor is the wiki's administrator; the pages are saved by its bot.
const { name: EDITOR, password: PASSWORD } = suite.admin;
let wiki: { baseUrl: string };
let browser: Browser;

beforeAll(async () => {
  wiki = suite.wiki();
  browser = suite.browser();
  // The sentence is neither the lead (the page's description in its metadata) nor near the change
  // (a diff shows changed lines and their neighbours as source).
  const text = (end: string) => ['A page read by many.', '## Details', SENTENCE, 'One.', 'Two.', 'Three.', 'Four.', end].join('\n\n');
  await putPage(wiki, suite.bot().token, 'Once', text('See [[Main Page]].'));
  await putPage(wiki, suite.bot().token, 'Once', text('See [[Main Page]] and [[Once again]].'));
});

const copies = (html: string) => html.split(SENTENCE).length - 1;

async function revisionsOf(title: string): Promise<number[]> {
  const response = await fetch(`${wiki.baseUrl}/w/rest.php/v1/page/${title}/history`);
  return ((await response.json()) as { revisions: { id: number }[] }).revisions.map((revision) => revision.id);
}

async function articleText(page: Page): Promise<string> {
  return page.locator('.article-body').innerText();
}

describe('the article text of a page', () => {
  it('is sent once to anonymous readers: the article, a permalink and a diff, compressed or not', async () => {
    const [latest, previous] = await revisionsOf('Once');
    for (const path of ['/wiki/Once', `/wiki/Once?oldid=${previous}`, `/wiki/Once?diff=${latest}&oldid=${previous}`]) {
      // The second view is the stored copy: both must hold the text once.
      for (let view = 0; view < 2; view += 1) {
        const html = await (await fetch(`${wiki.baseUrl}${path}`, { headers: { 'accept-encoding': 'identity' } })).text();
        expect(copies(html), path).toBe(1);
      }
      const compressed = await fetch(`${wiki.baseUrl}${path}`, { headers: { 'accept-encoding': 'br' } });
      expect(compressed.headers.get('content-encoding')).toBe('br');
      expect(copies(await compressed.text())).toBe(1);
    }
  });

  it('is sent once to a signed-in editor, brotli-compressed, and still reads after client-side navigation and Back', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, wiki.baseUrl, EDITOR, PASSWORD);
    const answer = await context.request.get(`${wiki.baseUrl}/wiki/Once`, { headers: { 'accept-encoding': 'br' } });
    expect(answer.headers()['content-encoding']).toBe('br');
    expect(answer.headers()['x-wiki-cache']).toBeUndefined();
    // Playwright decodes the body as a browser does.
    const html = await answer.text();
    expect(copies(html)).toBe(1);
    // The signed-in page has the editor's own parts: section edit links and the header's name.
    expect(html).toContain('href="/wiki/Once?action=edit&#38;section=1"');
    expect(html).toContain(EDITOR);

    await page.goto(`${wiki.baseUrl}/wiki/Once`);
    await page.waitForFunction(() => Object.keys(document.querySelector('main')!).some((key) => key.startsWith('__react')));
    expect(await articleText(page)).toContain(SENTENCE);
    // A client-side navigation fetches the next page's RSC payload, which carries its text itself.
    await page.getByRole('link', { name: 'Main page' }).first().click();
    await page.waitForURL(/\/wiki\/Main_Page$/);
    await page.getByRole('heading', { name: 'Main Page', level: 1 }).waitFor();
    expect(await articleText(page)).not.toContain(SENTENCE);
    // Back restores the first page from the router's cache, which holds only the digest.
    await page.goBack();
    await page.waitForURL(/\/wiki\/Once$/);
    await page.getByRole('heading', { name: 'Once', level: 1 }).waitFor();
    expect(await articleText(page)).toContain(SENTENCE);
    await context.close();
  });
});
