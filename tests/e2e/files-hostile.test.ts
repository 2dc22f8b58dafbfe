import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import { newWikiContext, signUp } from '../support/browser';
import { hostileCorpus } from '../support/hostile-files';

/**
 * Issue 16's "the hostile corpus is refused or inert in Chromium", for the whole corpus of
 * tests/support/hostile-files.ts: a signed-in Chromium page sends every file as Special:Upload
 * does (multipart, its session cookie, same origin) to the production server, which refuses each
 * hostile one and stores nothing under its name; what it accepts, Chromium then opens as a
 * reader would follow a link: an image document with an opaque origin (the sandbox), which
 * cannot read the wiki's cookies, or for an SVG original, a download that never renders.
 * (One file through the form itself, with the message the uploader sees: tests/e2e/files.test.ts.)
 * The console is checked here rather than by failOnPageErrors: every refusal is logged, and
 * Chromium's own image viewer logs the inline styles the files' policy blocks.
 */
const suite = useSharedWikiInBrowser();
const base = () => suite.wiki().baseUrl;

/** The console errors and uncaught exceptions of a page, as they come. */
function problems(page: Page): string[] {
  const found: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') found.push(message.text());
  });
  page.on('pageerror', (error) => found.push(`uncaught ${error.name}: ${error.message}`));
  return found;
}

interface Answer {
  status: number;
  body: { original?: { url: string }; thumbnail?: { url: string }; errorKey?: string };
}

/** Sends a file from the page as Special:Upload's form does: FormData, same origin, the session cookie. */
async function uploadFromPage(page: Page, name: string, bytes: Uint8Array): Promise<Answer> {
  return page.evaluate(
    async ({ name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const form = new FormData();
      form.set('file', new File([bytes], name, { type: 'image/png' }));
      form.set('title', `File:${name}`);
      form.set('comment', 'hostile corpus');
      const response = await fetch('/w/rest.php/v1/file', { method: 'POST', body: form });
      return { status: response.status, body: await response.json() };
    },
    { name, base64: Buffer.from(bytes).toString('base64') },
  );
}

/** What Chromium makes of an address opened as a document: its origin, and whether it may read cookies. */
async function openAsDocument(page: Page, url: string): Promise<{ status: number; headers: Record<string, string>; contentType: string; origin: string; cookies: string }> {
  const response = await page.goto(url);
  const found = await page.evaluate(() => {
    let cookies: string;
    try {
      cookies = `readable: ${document.cookie}`;
    } catch (error) {
      cookies = (error as Error).name;
    }
    return { contentType: document.contentType, origin: self.origin, cookies };
  });
  return { status: response!.status(), headers: response!.headers(), ...found };
}

describe('the hostile corpus in Chromium', () => {
  it('refuses every hostile file a signed-in page sends, storing nothing, and serves what it accepts inert', async () => {
    const context = await newWikiContext(suite.browser());
    const page = await context.newPage();
    await signUp(page, base(), 'Corpus fan');
    const uploadPageProblems = problems(page);
    const accepted: { label: string; mime: string; original: string; thumbnail: string }[] = [];
    let refusals = 0;

    for (const entry of await hostileCorpus()) {
      const refused = entry.refusedBy !== undefined || entry.wrongExtension === true;
      const answer = await uploadFromPage(page, entry.name, entry.bytes);
      if (refused) {
        expect([400, 413, 415], `${entry.label}: ${JSON.stringify(answer.body)}`).toContain(answer.status);
        expect(answer.body.errorKey, entry.label).toEqual(expect.any(String));
        const stored = await fetch(`${base()}/w/rest.php/v1/file/${encodeURIComponent(`File:${entry.name}`)}`);
        expect(stored.status, `${entry.label} left a file behind`).toBe(404);
        refusals += 1;
        continue;
      }
      expect(answer.status, `${entry.label}: ${JSON.stringify(answer.body)}`).toBe(201);
      accepted.push({ label: entry.label, mime: entry.mime!, original: answer.body.original!.url, thumbnail: answer.body.thumbnail!.url });
    }
    expect(accepted.map((file) => file.mime).sort()).toEqual(['image/avif', 'image/gif', 'image/jpeg', 'image/png', 'image/svg+xml', 'image/webp']);
    // Chromium logs each refused request ("Failed to load resource: … status of 415"), and nothing else.
    await expect.poll(() => uploadPageProblems.length).toBe(refusals);
    expect(uploadPageProblems.filter((text) => !/status of (400|413|415)\b/.test(text))).toEqual([]);

    const viewer = await context.newPage();
    const viewerProblems = problems(viewer);
    for (const file of accepted) {
      for (const [what, url] of [
        ['thumbnail', file.thumbnail],
        ['original', file.original],
      ] as const) {
        if (what === 'original' && file.mime === 'image/svg+xml') {
          // Never rendered in the wiki's origin: Chromium saves it instead of showing it.
          const download = viewer.waitForEvent('download');
          await viewer.goto(url).catch((error: Error) => expect(error.message).toMatch(/Download is starting/));
          expect((await download).suggestedFilename(), file.label).toMatch(/\.svg$/);
          continue;
        }
        const opened = await openAsDocument(viewer, url);
        const where = `${file.label}, ${what}`;
        expect(opened.status, where).toBe(200);
        expect(opened.headers['content-security-policy'], where).toBe("default-src 'none'; sandbox");
        expect(opened.headers['x-content-type-options'], where).toBe('nosniff');
        // An image document (a drawing's thumbnail is a bitmap), in an opaque origin.
        expect(opened.contentType, where).toMatch(what === 'original' ? file.mime : /^image\/(webp|png|jpeg)$/);
        expect(opened.origin, where).toBe('null');
        expect(opened.cookies, where).toBe('SecurityError');
      }
    }
    // Nothing ran or failed in them; the only complaints are the policy refusing the inline styles
    // of Chromium's image viewer.
    expect(viewerProblems.filter((text) => !/^Applying inline style violates the following Content Security Policy directive 'default-src 'none''/.test(text))).toEqual([]);
    await context.close();
  });
});
