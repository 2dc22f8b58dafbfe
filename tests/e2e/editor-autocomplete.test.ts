import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import { contentText, failOnPageErrors, hasFocus, newWikiContext, signedUpState, waitForHydration } from '../support/browser';
import { describeFindings, isBlocking, runAxe } from '../support/axe';

/**
 * Issue 17's link autocompletion and Insert image picker, in Chromium against the production
 * build: on ECPAT's edit page `[[EC` suggests ECPAT and Enter writes `[[ECPAT]]`; `[[File:`
 * suggests an uploaded file and Tab completes it; Insert image lists the uploaded files, searches
 * them and puts the chosen one at the cursor as `[[File:…|thumb|]]` with the caret in the caption;
 * Esc closes the picker and gives the focus back. In both languages.
 */
const suite = useSharedWikiInBrowser();
failOnPageErrors(suite);
const base = () => suite.wiki().baseUrl;

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
let fanState: StorageState;
const FILE = `Picker sunrise ${Date.now().toString(36)}.png`;

beforeAll(async () => {
  fanState = await signedUpState(suite.browser(), base(), 'Autocomplete Fan');
  // A file to pick, uploaded through the REST API with the fan's session (same-origin request).
  const context = await newWikiContext(suite.browser(), { storageState: fanState });
  const bytes = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#e07b39' } })
    .png()
    .toBuffer();
  const response = await context.request.post(`${base()}/w/rest.php/v1/file`, {
    headers: { origin: base() },
    multipart: { file: { name: FILE, mimeType: 'image/png', buffer: bytes }, title: FILE, comment: 'for the picker' },
  });
  expect(response.status(), await response.text()).toBe(201);
  await context.close();
});

async function openEditor(page: Page, key: string): Promise<void> {
  await page.goto(`${base()}/wiki/${key}?action=edit`);
  await waitForHydration(page.locator('.cm-content[contenteditable="true"]'));
}

/**
 * The list of suggestions once it answers the text as typed: CodeMirror greys the previous list
 * while newer titles are asked for and ignores Enter and Tab on it then, and for its first 75 ms
 * (interactionDelay, against keys meant for the text).
 */
async function settledList(page: Page, name: string) {
  const list = page.locator('.cm-tooltip-autocomplete:not(.cm-tooltip-autocomplete-disabled)').getByRole('listbox', { name });
  await list.waitFor();
  await page.waitForTimeout(100);
  return list;
}

/** A new last line in the editor, with the cursor on it. */
async function newLastLine(page: Page): Promise<void> {
  await page.getByLabel(/^(Content|Testo)$/).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
}

describe('link autocompletion', () => {
  it('suggests ECPAT for [[EC on ECPAT’s edit page, and Enter writes [[ECPAT]]', async () => {
    const context = await newWikiContext(suite.browser(), { storageState: fanState });
    const page = await context.newPage();
    await openEditor(page, 'ECPAT');
    const before = await contentText(page);
    await newLastLine(page);
    await page.keyboard.type('See [[EC', { delay: 60 });
    const list = await settledList(page, 'Link suggestions');
    const first = list.getByRole('option').first();
    expect(await first.textContent()).toBe('ECPAT');
    expect(await first.getAttribute('aria-selected')).toBe('true');
    // The editing area points screen readers at the highlighted suggestion.
    expect(await page.locator('.cm-content').getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
    await page.keyboard.press('Enter');
    expect(await contentText(page)).toBe(`${before}\nSee [[ECPAT]]`);
    await list.waitFor({ state: 'detached' });
    await context.close();
  });

  it('suggests uploaded files after [[File: (Italian page), Tab completes without doubling an existing ]]', async () => {
    const context = await newWikiContext(suite.browser(), { storageState: fanState, locale: 'it-IT' });
    const page = await context.newPage();
    await openEditor(page, 'ECPAT');
    const before = await contentText(page);
    await newLastLine(page);
    await page.keyboard.type(']]', { delay: 30 });
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('[[File:Picker sun', { delay: 60 });
    const list = await settledList(page, 'Suggerimenti di collegamento');
    expect(await list.getByRole('option').allTextContents()).toEqual([`File:${FILE}`]);
    await page.keyboard.press('Tab');
    expect(await contentText(page)).toBe(`${before}\n[[File:${FILE}]]`);
    expect(await hasFocus(page.getByLabel('Testo', { exact: true }))).toBe(true);
    await context.close();
  });
});

describe('Insert image', () => {
  it('lists the uploaded files, searches them, and inserts the chosen one at the cursor with the caret in the caption', async () => {
    const context = await newWikiContext(suite.browser(), { storageState: fanState });
    const page = await context.newPage();
    await openEditor(page, 'ECPAT');
    const before = await contentText(page);
    await newLastLine(page);
    await page.keyboard.type('Photo: ');
    await page.getByRole('button', { name: 'Insert image' }).click();
    const dialog = page.getByRole('dialog', { name: 'Insert an image' });
    await dialog.waitFor();
    expect(await hasFocus(dialog.getByRole('searchbox', { name: 'Search files' }))).toBe(true);
    expect(await dialog.getByRole('link', { name: 'Upload a new file (opens in a new tab)' }).getAttribute('target')).toBe('_blank');
    await page.keyboard.type('picker sunrise');
    const choice = dialog.getByRole('button', { name: FILE });
    await choice.waitFor();
    // Its thumbnail is the wiki's own and loads.
    expect(await choice.locator('img').evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).toBeGreaterThan(0);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.keyboard.type('Sunrise over the bay');
    expect(await contentText(page)).toBe(`${before}\nPhoto: [[File:${FILE}|thumb|Sunrise over the bay]]`);
    await context.close();
  });

  it('passes axe while open, closes with Esc, inserts nothing and gives the focus back to the button', async () => {
    // bypassCSP: axe goes in as a script tag, which the wiki's Content-Security-Policy refuses.
    const context = await newWikiContext(suite.browser(), { storageState: fanState, bypassCSP: true });
    const page = await context.newPage();
    await openEditor(page, 'ECPAT');
    const before = await contentText(page);
    const button = page.getByRole('button', { name: 'Insert image' });
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Insert an image' });
    await dialog.getByRole('button', { name: FILE }).waitFor();
    const findings = (await runAxe(page, 'edit page with the Insert image picker open')).filter(isBlocking);
    expect(findings, describeFindings(findings)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await hasFocus(button)).toBe(true);
    expect(await contentText(page)).toBe(before);
    await context.close();
  });
});
