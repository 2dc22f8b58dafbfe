import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import { checkControlledBox, failOnPageErrors, fillContent, hasFocus, newWikiContext, signedUpState, waitForHydration } from '../support/browser';
import { describeFindings, isBlocking, runAxe } from '../support/axe';

/**
 * Issue 17's side-by-side preview in Chromium against the production build: the toggle puts the
 * live preview in a column beside the code editor, remembered across visits; the preview follows
 * typing and scrolls to the section the cursor is in without taking the focus; at 360 px it stays
 * below; without JavaScript there is no toggle.
 */
const suite = useSharedWikiInBrowser();
failOnPageErrors(suite);
const base = () => suite.wiki().baseUrl;

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
let editorState: StorageState;

beforeAll(async () => {
  editorState = await signedUpState(suite.browser(), base(), 'Beside Fan');
});

// Six sections of short lines (none wraps), long enough for the preview to scroll.
const LINES = ['Lead line.', ''];
for (let section = 1; section <= 6; section += 1) {
  LINES.push(`## Section ${section}`, '');
  for (let line = 1; line <= 8; line += 1) LINES.push(`Line ${line} of section ${section}.`, '');
}
const TEXT = LINES.join('\n');

async function openEditor(page: Page, key: string): Promise<void> {
  await page.goto(`${base()}/wiki/${key}?action=edit`);
  await waitForHydration(page.locator('.cm-content[contenteditable="true"]'));
}

/** How far the heading of `section` is below the top of the scrolling preview pane, in px. */
function headingOffset(page: Page, section: number): Promise<number | null> {
  return page.evaluate((n) => {
    const pane = document.querySelector('.preview-beside');
    const heading = pane?.querySelector(`[data-section="${n}"]`);
    return pane && heading ? heading.getBoundingClientRect().top - pane.getBoundingClientRect().top : null;
  }, section);
}

describe('the preview beside the text', () => {
  it('shows the live preview next to the editor, follows typing and the cursor, and is remembered', async () => {
    const context = await newWikiContext(suite.browser(), { storageState: editorState, viewport: { width: 1280, height: 700 } });
    const page = await context.newPage();
    await openEditor(page, 'Beside_notes');
    await fillContent(page, TEXT);
    await checkControlledBox(page.getByLabel('Preview beside the text'));
    expect(await page.getByLabel('Live preview').isChecked()).toBe(true);
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.getByRole('heading', { name: 'Section 6' }).waitFor();

    // Two columns: the preview starts right of the editor, at the same height.
    const editorBox = (await page.locator('.cm-editor').boundingBox())!;
    const previewBox = (await preview.boundingBox())!;
    expect(previewBox.x).toBeGreaterThanOrEqual(editorBox.x + editorBox.width - 1);
    expect(previewBox.y).toBeLessThan(editorBox.y + editorBox.height);

    // The cursor on "## Section 4" brings section 4 to the top of the preview; the focus stays.
    await page.getByLabel('Content').click();
    await page.keyboard.press('Control+Home');
    for (let line = 0; line < LINES.indexOf('## Section 4'); line += 1) await page.keyboard.press('ArrowDown');
    await expect.poll(() => headingOffset(page, 4), { timeout: 5000 }).toBeGreaterThanOrEqual(-2);
    await expect.poll(() => headingOffset(page, 4), { timeout: 5000 }).toBeLessThanOrEqual(2);
    expect(await hasFocus(page.getByLabel('Content'))).toBe(true);

    // Typing there shows up in the preview, which keeps section 4 in view.
    await page.keyboard.press('End');
    await page.keyboard.type(' typed beside');
    await preview.getByRole('heading', { name: 'Section 4 typed beside' }).waitFor();
    await expect.poll(() => headingOffset(page, 4), { timeout: 5000 }).toBeLessThanOrEqual(2);
    expect(await hasFocus(page.getByLabel('Content'))).toBe(true);

    // Back at the top, the preview's top is in view again.
    await page.keyboard.press('Control+Home');
    await expect.poll(() => page.locator('.preview-beside').evaluate((pane) => pane.scrollTop), { timeout: 5000 }).toBeLessThan(5);

    // The choice is remembered by the browser (a new tab: leaving this one would ask first).
    const again = await context.newPage();
    await openEditor(again, 'Beside_notes');
    expect(await again.getByLabel('Preview beside the text').isChecked()).toBe(true);
    expect(await again.locator('.edit-panes-beside .preview-beside').count()).toBe(1);
    await context.close();
  });

  it('has no serious or critical axe violation with the preview beside the text', async () => {
    // bypassCSP: axe goes in as a script tag, which the wiki's Content-Security-Policy refuses.
    const context = await newWikiContext(suite.browser(), { storageState: editorState, viewport: { width: 1280, height: 700 }, bypassCSP: true });
    const page = await context.newPage();
    await openEditor(page, 'ECPAT');
    await checkControlledBox(page.getByLabel('Preview beside the text'));
    await page.locator('.preview-beside').getByRole('heading', { name: 'ECPAT Philippines' }).waitFor();
    const findings = (await runAxe(page, 'edit page with the preview beside the text')).filter(isBlocking);
    expect(findings, describeFindings(findings)).toEqual([]);
    await context.close();
  });

  it('keeps the preview below the text on a 360 px screen', async () => {
    const context = await newWikiContext(suite.browser(), { storageState: editorState, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await openEditor(page, 'Narrow_beside_notes');
    await fillContent(page, 'Narrow **text**.');
    await checkControlledBox(page.getByLabel('Preview beside the text'));
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.locator('strong').filter({ hasText: 'text' }).waitFor();
    expect(await page.locator('.edit-panes-beside').count()).toBe(0);
    const editorBox = (await page.locator('.cm-editor').boundingBox())!;
    expect((await preview.boundingBox())!.y).toBeGreaterThanOrEqual(editorBox.y + editorBox.height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });

  it('is not offered without JavaScript', async () => {
    const context = await newWikiContext(suite.browser(), { storageState: editorState, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base()}/wiki/No_script_beside?action=edit`);
    await page.getByLabel('Content').waitFor();
    expect(await page.getByLabel('Preview beside the text').count()).toBe(0);
    await context.close();
  });
});
