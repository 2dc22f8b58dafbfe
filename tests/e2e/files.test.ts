import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import { editThroughForm, expectConsoleError, failOnPageErrors, newWikiContext, pageSource, signUp, waitForHydration } from '../support/browser';
import { describeFindings, isBlocking, runAxe } from '../support/axe';
import { hostileCorpus } from '../support/hostile-files';

/**
 * Issue 16's journey in Chromium against the production server: a fan follows the seeded ECPAT
 * article's upload link for its missing logo, uploads a picture by drag and drop (preview,
 * progress), lands on its File page, sees the article show it with its caption, shows it again
 * with [[File:…|thumb|…]], uploads a new version, reverts to the first, and finds the article in the
 * file's usage; axe finds nothing serious on the File page and Special:Upload; a hostile file is
 * refused with a message the uploader sees. Any console error fails the test (failOnPageErrors).
 */
const suite = useSharedWikiInBrowser();
failOnPageErrors(suite);
const base = () => suite.wiki().baseUrl;

async function png(width: number, height: number, background: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
}

/**
 * Drops a file on the element as a browser does when one is dragged from the desktop: a
 * DataTransfer holding the File, sent with dragenter, dragover and drop (playwright-core has no
 * file drag of its own).
 */
async function dropFile(page: Page, target: Locator, file: { name: string; mimeType: string; bytes: Uint8Array }): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, mimeType, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: mimeType }));
      return transfer;
    },
    { name: file.name, mimeType: file.mimeType, base64: Buffer.from(file.bytes).toString('base64') },
  );
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
}

/** The File page's history rows (one per version, newest first): the table's body rows. */
function versionRows(page: Page): Locator {
  return page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Dimensions' }) })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const blocking = (await runAxe(page, where)).filter(isBlocking);
  expect(blocking, describeFindings(blocking)).toEqual([]);
}

describe('files: a fan uploads the ECPAT logo and uses it', () => {
  it('uploads by drag and drop, shows it as a thumbnail in ECPAT, adds a version, reverts, and sees the usage', async () => {
    // bypassCSP: axe goes in as a script tag, which the wiki's Content-Security-Policy refuses.
    const context = await newWikiContext(suite.browser(), { bypassCSP: true });
    const page = await context.newPage();
    await signUp(page, base(), 'Logo fan');
    const main = page.getByRole('main');

    // The seeded article offers to upload its missing logo, beside the caption.
    await page.goto(`${base()}/wiki/ECPAT`);
    const seeded = () => main.locator('figure').filter({ hasText: 'Logo della ECPAT' });
    await seeded().getByRole('link', { name: 'Upload File:ECPAT logo.png' }).click();

    // Special:Upload for that name: the file dropped on the zone, a preview, the name kept.
    await page.waitForURL(/\/wiki\/Special:Upload\?wpDestFile=ECPAT_logo\.png$/);
    const dropZone = page.locator('.upload-drop-zone');
    await waitForHydration(page.getByLabel('File to upload'));
    await expectNoAxeViolations(page, 'Special:Upload');
    const logo = await png(600, 400, '#1d4f91');
    await dropFile(page, dropZone, { name: 'my drawing.png', mimeType: 'image/png', bytes: logo });
    await page.getByRole('img', { name: 'Preview of my drawing.png' }).waitFor();
    expect(await page.getByLabel('Destination file name').inputValue()).toMatch(/^ECPAT[ _]logo\.png$/);
    await page.getByLabel('Description').fill('The ECPAT logo, redrawn by a fan.');
    await page.getByLabel('Upload comment').fill('first version');
    await page.getByRole('button', { name: 'Upload file' }).click();
    // The progress bar shows while the file is sent and checked.
    await page.getByRole('progressbar', { name: 'Upload progress' }).waitFor();

    // The File page: the image, its size, the history with one version, by this fan.
    await page.waitForURL(/\/wiki\/File:ECPAT_logo\.png$/);
    await page.getByRole('heading', { level: 1, name: 'File:ECPAT logo.png' }).waitFor();
    expect(await main.textContent()).toContain('600 × 400 pixels');
    expect(await main.textContent()).toContain('The ECPAT logo, redrawn by a fan.');
    expect(await versionRows(page).count()).toBe(1);
    expect(await versionRows(page).first().textContent()).toContain('Logo fan');
    await expectNoAxeViolations(page, 'File page');

    // The seeded article shows it now, as a thumbnail with its caption.
    await page.goto(`${base()}/wiki/ECPAT`);
    await seeded().getByRole('img').waitFor();
    expect(await seeded().getByRole('img').getAttribute('src')).toMatch(/^\/images\/thumb\/[0-9a-f]{40}\/\d+px-ECPAT_logo\.png$/);
    expect(
      await seeded()
        .getByRole('link', { name: /^Upload / })
        .count(),
    ).toBe(0);

    // A fan's own [[File:…|thumb|…]]: a thumbnail with its caption, linking to the File page.
    const source = await pageSource(base(), 'ECPAT');
    await editThroughForm(page, base(), 'ECPAT', `[[File:ECPAT logo.png|thumb|right|The logo, uploaded by a fan]]\n\n${source}`, 'the logo');
    const figure = main.locator('figure').filter({ hasText: 'The logo, uploaded by a fan' });
    const thumbnail = figure.getByRole('img');
    await thumbnail.waitFor();
    expect(await figure.locator('figcaption').textContent()).toContain('The logo, uploaded by a fan');
    const src = (await thumbnail.getAttribute('src'))!;
    expect(src).toMatch(/^\/images\/thumb\/[0-9a-f]{40}\/\d+px-ECPAT_logo\.png$/);
    expect(await thumbnail.getAttribute('width')).not.toBeNull();
    expect(await thumbnail.getAttribute('loading')).toBe('lazy');
    // The browser loaded it (a broken image has no natural width).
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await figure.getByRole('link').first().getAttribute('href')).toBe('/wiki/File:ECPAT_logo.png');

    // A new version from the File page's link (no description field: the page keeps its text).
    await page.goto(`${base()}/wiki/File:ECPAT_logo.png`);
    await main.getByRole('link', { name: 'Upload a new version of this file' }).click();
    await waitForHydration(page.getByLabel('File to upload'));
    await dropFile(page, page.locator('.upload-drop-zone'), { name: 'logo-v2.png', mimeType: 'image/png', bytes: await png(300, 300, '#e30613') });
    await page.getByLabel('Upload comment').fill('square version');
    await page.getByRole('button', { name: 'Upload file' }).click();
    await page.waitForURL(/\/wiki\/File:ECPAT_logo\.png$/);
    await page.getByText('300 × 300 pixels', { exact: false }).first().waitFor();
    expect(await versionRows(page).count()).toBe(2);
    expect(await versionRows(page).first().textContent()).toContain('square version');

    // Revert to the first version: a third version with its bytes and size.
    await versionRows(page).nth(1).getByRole('link', { name: 'revert' }).click();
    await page.getByRole('button', { name: 'Revert' }).click();
    await page.waitForURL(/\/wiki\/File:ECPAT_logo\.png$/);
    await page.getByText('600 × 400 pixels', { exact: false }).first().waitFor();
    expect(await versionRows(page).count()).toBe(3);
    expect(await versionRows(page).first().textContent()).toMatch(/Reverted to version as of/);

    // File usage lists the article.
    const usage = page.getByRole('region', { name: 'File usage' });
    expect(await usage.getByRole('listitem').allTextContents()).toEqual(['ECPAT']);
    expect(await usage.getByRole('link', { name: 'ECPAT', exact: true }).getAttribute('href')).toBe('/wiki/ECPAT');

    // The article's thumbnail now has the first version's bytes again: the address changed back.
    await page.goto(`${base()}/wiki/ECPAT`);
    expect(await main.locator('figure').filter({ hasText: 'The logo, uploaded by a fan' }).getByRole('img').getAttribute('src')).toBe(src);
    await context.close();
  });

  it('refuses a hostile file with a message the uploader can read, and keeps the form', async () => {
    const context = await newWikiContext(suite.browser());
    const page = await context.newPage();
    await signUp(page, base(), 'Hostile fan');
    const corpus = await hostileCorpus();
    const disguised = corpus.find((file) => file.label === '<html><script> bytes')!;
    await page.goto(`${base()}/wiki/Special:Upload`);
    await waitForHydration(page.getByLabel('File to upload'));
    await dropFile(page, page.locator('.upload-drop-zone'), { name: disguised.name, mimeType: 'image/png', bytes: disguised.bytes });
    await page.getByLabel('Upload comment').fill('not really a picture');
    // The REST API answers 415 (MediaWiki's shape), which Chromium logs for the request.
    expectConsoleError(page, /status of 415/, 'the refused upload answers 415 Unsupported Media Type');
    await page.getByRole('button', { name: 'Upload file' }).click();
    // In the form (Next.js's route announcer is an empty alert of its own).
    const alert = page.getByRole('main').getByRole('alert').filter({ hasText: /\S/ });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/PNG, JPEG/);
    // It shows above the form, out of view of the button: it takes the focus, which brings it into view.
    const seen = await alert.evaluate((element) => ({
      focused: element === document.activeElement,
      top: element.getBoundingClientRect().top,
      bottom: element.getBoundingClientRect().bottom,
    }));
    expect(seen.focused).toBe(true);
    expect(seen.top).toBeGreaterThanOrEqual(0);
    expect(seen.bottom).toBeLessThanOrEqual(page.viewportSize()!.height);
    expect(page.url()).toMatch(/\/wiki\/Special:Upload$/);
    expect(await page.getByLabel('Upload comment').inputValue()).toBe('not really a picture');
    // Nothing was stored: the name has no file.
    const response = await fetch(`${base()}/w/rest.php/v1/file/${encodeURIComponent(`File:${disguised.name}`)}`);
    expect(response.status).toBe(404);
    await context.close();
  });
});
