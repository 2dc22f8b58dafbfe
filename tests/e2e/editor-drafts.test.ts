import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import { clickUntil, failOnPageErrors, newWikiContext, pageSource, signUp, waitForHydration } from '../support/browser';

/**
 * Issue 17's drafts in Chromium against the production server: a fan types into ECPAT's editor,
 * the tab closes without saving, the reopened editor offers the draft, "Show changes" shows it,
 * the save goes through and the draft is gone. Without JavaScript, "Show changes" and the summary
 * reminder work through the Server Action.
 */
const suite = useSharedWikiInBrowser();
failOnPageErrors(suite);
const base = () => suite.wiki().baseUrl;

const SENTENCE = 'Fans kept this sentence through a closed tab.';

/** The drafts the page's origin keeps in localStorage. */
function storedDrafts(page: Page): Promise<{ text: string; summary: string; baseRevisionId: string }[]> {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('wiki-draft:v1:'))
      .map((key) => JSON.parse(localStorage.getItem(key)!)),
  );
}

/** Opens ECPAT's editor: the code editor once it has loaded, the textarea without it; either is labelled "Content". */
async function openEditor(page: Page) {
  await page.goto(`${base()}/wiki/ECPAT?action=edit`);
  await waitForHydration(page.getByLabel('Summary')); // the textarea may be hidden by then
  return page.getByLabel('Content');
}

/** The text the form will post: the textarea holds it, hidden or not, whichever editor is shown. */
const formText = (page: Page) => page.locator('#wpTextbox1').inputValue();

describe('drafts that survive a closed tab', () => {
  it('restores the typed text after the tab closed, shows the changes, saves, and forgets the draft', async () => {
    const context = await newWikiContext(suite.browser());
    let page = await context.newPage();
    await signUp(page, base(), 'Draft keeper');
    const original = await pageSource(base(), 'ECPAT');

    let content = await openEditor(page);
    await page.locator('.cm-content').waitFor(); // the code editor, once its chunk has loaded
    // At the top, so that Enter starts a plain paragraph whatever the article ends with (a list would continue).
    await content.click();
    await content.press('Control+Home');
    await content.pressSequentially(SENTENCE);
    await content.press('Enter');
    await content.press('Enter');
    expect(await formText(page)).toBe(`${SENTENCE}\n\n${original}`);
    await page.getByLabel('Summary').fill('a sentence');
    // The counter follows the typing: 47 bytes (two line breaks and the sentence) added.
    await page.getByText(/\(\+47\)$/).waitFor();
    await expect.poll(() => storedDrafts(page), { timeout: 5000 }).toMatchObject([{ summary: 'a sentence' }]);
    expect((await storedDrafts(page))[0]!.text).toBe(`${SENTENCE}\n\n${original}`);

    // Leaving asks first: a tab (a client-side link) through confirm, the answer "stay" keeps the editor ...
    const confirmed = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.message()))));
    await page.getByRole('link', { name: 'View history' }).click();
    expect(await confirmed).toBe('You have unsaved changes. Leave this page without saving them?');
    await page.waitForTimeout(300);
    expect(page.url()).toMatch(/\/wiki\/ECPAT\?action=edit$/);
    expect(await formText(page)).toBe(`${SENTENCE}\n\n${original}`);
    // ... and closing the tab through the browser's own question:
    const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.type()))));
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);
    // ... and the tab is closed anyway, as a crash would.
    await page.close();

    page = await context.newPage();
    content = await openEditor(page);
    await page.locator('.cm-content').waitFor();
    const notice = page.getByRole('status').filter({ hasText: 'Restore your unsaved changes from' });
    await notice.waitFor();
    expect(await formText(page)).toBe(original);
    await notice.getByRole('button', { name: 'Restore' }).click();
    expect(await formText(page)).toBe(`${SENTENCE}\n\n${original}`);
    await content.getByText(SENTENCE).waitFor(); // shown in the editor too
    expect(await page.getByLabel('Summary').inputValue()).toBe('a sentence');

    // Clicked once the button stopped moving (the editor just grew by the restored text); twice on
    // CI a click right away showed no changes within 30 s (tests/support/browser.ts, clickUntil).
    const changes = page.getByRole('region', { name: 'Your changes' });
    await clickUntil(page.getByRole('button', { name: 'Show changes' }), () => changes.isVisible(), 'Show changes');
    expect(await changes.locator('.diff-addedline').allTextContents()).toContainEqual(expect.stringContaining(SENTENCE));
    expect(await changes.locator('.diff-deletedline').count()).toBe(0);
    expect(await formText(page)).toBe(`${SENTENCE}\n\n${original}`);

    await page.getByRole('button', { name: 'Save page' }).click();
    await page.waitForURL(/\/wiki\/ECPAT$/);
    expect(await page.locator('.article-body').textContent()).toContain(SENTENCE);
    expect(await storedDrafts(page)).toEqual([]);

    // The next edit starts clean: no offer, no draft.
    await openEditor(page);
    await page.waitForTimeout(500); // the offer is read just after the first paint
    expect(await page.getByRole('button', { name: 'Restore' }).count()).toBe(0);
    expect(await storedDrafts(page)).toEqual([]);
    await context.close();
  });
});

describe('without JavaScript', () => {
  it('shows the changes and reminds about an empty summary through the Server Action', async () => {
    const withJs = await newWikiContext(suite.browser());
    await signUp(await withJs.newPage(), base(), 'Scriptless reviewer');
    const noJs = await newWikiContext(suite.browser(), { javaScriptEnabled: false, storageState: await withJs.storageState() });
    const page = await noJs.newPage();
    await page.goto(`${base()}/wiki/ECPAT?action=edit`);
    const content = page.getByLabel('Content');
    const added = 'A long paragraph written without scripts. '.repeat(15).trim();
    await content.fill(`${await content.inputValue()}\n\n${added}`);

    await page.getByRole('button', { name: 'Show changes' }).click();
    const changes = page.getByRole('region', { name: 'Your changes' });
    await changes.waitFor();
    expect(await changes.locator('.diff-addedline').allTextContents()).toContainEqual(expect.stringContaining(added));
    expect(await content.inputValue()).toContain(added);

    // A large change with no summary: the first Save reminds, the second saves.
    await page.getByRole('button', { name: 'Save page' }).click();
    await page.getByRole('alert').filter({ hasText: 'you have not provided an edit summary' }).waitFor();
    expect(await content.inputValue()).toContain(added);
    await page.getByRole('button', { name: 'Save page' }).click();
    await page.waitForURL(/\/wiki\/ECPAT$/);
    expect(await pageSource(base(), 'ECPAT')).toContain(added);
    await withJs.close();
    await noJs.close();
  });
});
