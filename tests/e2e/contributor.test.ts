import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import { checkControlledBox, clickUntil, contentText, failOnPageErrors, fillContent, signUp as signUpWith, waitForHydration } from '../support/browser';

const suite = useSharedWikiInBrowser();
failOnPageErrors(suite);

const signUp = (page: Page, name: string) => signUpWith(page, suite.wiki().baseUrl, name);

describe('a fan contributor in Chromium', () => {
  it('signs up, previews an edit, saves it and sees it live', async () => {
    const context = await suite.browser().newContext();
    const page = await context.newPage();
    await signUp(page, 'Giulia Fan');

    await page.goto(`${suite.wiki().baseUrl}/wiki/ECPAT?action=edit`);
    await fillContent(page, `${await contentText(page)}\n\nFans remember the **1998 Rafto Prize** fondly.`);
    await checkControlledBox(page.getByLabel('Live preview'));
    await expect(page.getByRole('region', { name: 'Preview' }).locator('strong').filter({ hasText: '1998 Rafto Prize' }).waitFor()).resolves.toBeUndefined();
    await page.getByLabel('Summary').fill('A fan note');
    await page.getByRole('button', { name: 'Save page' }).click();
    await page.waitForURL(/\/wiki\/ECPAT$/);
    expect(await page.locator('.article-body').textContent()).toContain('Fans remember the 1998 Rafto Prize fondly.');
    expect(await page.locator('.article-footer').textContent()).toContain('Giulia Fan');
    await context.close();
  });

  // Retried once: on CI's busy two cores its Save has twice not navigated within 30 s (cause still
  // open, see the closing note of issues 17/21); each attempt signs up an account of its own.
  it('keeps what was typed before the page’s scripts arrived (a slow connection), and saves it', { retry: 1 }, async () => {
    const context = await suite.browser().newContext();
    const page = await context.newPage();
    await signUp(page, `Slow Line Fan ${Date.now() % 1_000_000}`);
    // Hold the page's scripts back so the server-rendered form is typed into before React takes over.
    let releaseScripts!: () => void;
    const scriptsHeld = new Promise<void>((resolve) => (releaseScripts = resolve));
    await page.route('**/_next/static/**/*.js', async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    await page.goto(`${suite.wiki().baseUrl}/wiki/ECPAT?action=edit`, { waitUntil: 'domcontentloaded' });
    const content = page.getByLabel('Content');
    const typed = `${await content.inputValue()}\n\nTyped before the scripts ran.`;
    await content.fill(typed);
    await page.getByLabel('Summary').fill('typed early');
    releaseScripts();
    await waitForHydration(content);
    await page.waitForLoadState('load');
    expect(await contentText(page)).toBe(typed);
    expect(await page.getByLabel('Summary').inputValue()).toBe('typed early');

    // The code editor has just replaced the textarea and still measures its lines, which moves the
    // button below it: a click pressed before and released after such a move clicks nothing (CI,
    // 7 December: the page stayed on the edit form, nothing in the server's log). clickUntil waits
    // until the button stays put, as on the other edit-form clicks (tests/support/browser.ts).
    await clickUntil(page.getByRole('button', { name: 'Save page' }), async () => /\/wiki\/ECPAT$/.test(page.url()), 'Save page');
    await page.waitForLoadState('load');
    expect(await page.locator('.article-body').textContent()).toContain('Typed before the scripts ran.');
    await context.close();
  });

  it('keeps the second editor’s text on a conflict screen when two fans change the same line', async () => {
    const [first, second] = [await suite.browser().newContext(), await suite.browser().newContext()];
    const pageA = await first.newPage();
    const pageB = await second.newPage();
    await signUp(pageA, 'Marco Fan');
    await signUp(pageB, 'Sara Fan');
    await pageA.goto(`${suite.wiki().baseUrl}/wiki/Conflict_test?action=edit`);
    await fillContent(pageA, 'The shared line.');
    await pageA.getByRole('button', { name: 'Save page' }).click();
    await pageA.waitForURL(/\/wiki\/Conflict_test$/);

    await pageA.goto(`${suite.wiki().baseUrl}/wiki/Conflict_test?action=edit`);
    await pageB.goto(`${suite.wiki().baseUrl}/wiki/Conflict_test?action=edit`);
    await fillContent(pageA, 'The shared line, as Marco sees it.');
    await fillContent(pageB, 'The shared line, as Sara sees it.');
    await pageA.getByRole('button', { name: 'Save page' }).click();
    await pageA.waitForURL(/\/wiki\/Conflict_test$/);
    await pageB.getByRole('button', { name: 'Save page' }).click();

    await expect(pageB.locator('form [role="alert"]').textContent()).resolves.toContain('Edit conflict');
    expect(await contentText(pageB)).toBe('The shared line, as Marco sees it.');
    expect(await pageB.getByLabel('Your version (not saved)').inputValue()).toBe('The shared line, as Sara sees it.');
    await pageB.screenshot({ path: path.join('test-results', 'conflict-screen.png'), fullPage: true });

    await fillContent(pageB, 'The shared line, as Marco and Sara see it.');
    await pageB.getByRole('button', { name: 'Save page' }).click();
    await pageB.waitForURL(/\/wiki\/Conflict_test$/);
    expect(await pageB.locator('.article-body').textContent()).toContain('as Marco and Sara see it');
    await first.close();
    await second.close();
  });

  it('shows anonymous readers a sign-in prompt and the read-only source instead of the edit form', async () => {
    const context = await suite.browser().newContext();
    const page = await context.newPage();
    await page.goto(`${suite.wiki().baseUrl}/wiki/ECPAT?action=edit`);
    expect(await page.getByLabel('Source of this page (read-only)').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByRole('button', { name: 'Save page' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Log in' }).first().click();
    await page.waitForURL(/Special:UserLogin/);
    await context.close();
  });

  it('previews without JavaScript through a server round trip', async () => {
    const withJs = await suite.browser().newContext();
    await signUp(await withJs.newPage(), 'Nojs Fan');
    const noJs = await suite.browser().newContext({ javaScriptEnabled: false, storageState: await withJs.storageState() });
    const page = await noJs.newPage();
    await page.goto(`${suite.wiki().baseUrl}/wiki/No_script_page?action=edit`);
    await page.getByLabel('Content').fill('Written *without* scripts');
    await page.getByRole('button', { name: 'Show preview' }).click();
    await page.getByRole('region', { name: 'Preview' }).waitFor();
    expect(await page.getByRole('region', { name: 'Preview' }).locator('em').textContent()).toBe('without');
    expect(await page.getByLabel('Content').inputValue()).toBe('Written *without* scripts');
    await withJs.close();
    await noJs.close();
  });

  it('ends the session on sign-out: replaying the old cookie no longer signs anyone in', async () => {
    const context = await suite.browser().newContext();
    const page = await context.newPage();
    await signUp(page, 'Replay Fan');
    const oldCookies = await context.cookies();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Log in' }).waitFor();

    const replay = await suite.browser().newContext();
    await replay.addCookies(oldCookies);
    const replayed = await replay.newPage();
    await replayed.goto(`${suite.wiki().baseUrl}/wiki/ECPAT?action=edit`);
    expect(await replayed.getByRole('navigation', { name: 'Personal tools' }).textContent()).not.toContain('Replay Fan');
    // Signed out: View source (a read-only textarea), no form to save.
    expect(await replayed.locator('textarea:not([readonly])').count()).toBe(0);
    expect(await replayed.getByRole('button', { name: 'Save page' }).count()).toBe(0);
    await context.close();
    await replay.close();
  });
});
