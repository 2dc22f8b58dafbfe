import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import { failOnPageErrors, newWikiContext, pageSource, signUp, waitForHydration } from '../support/browser';
import { sectionText, splitSections } from '@/lib/domain/sections';

const suite = useSharedWikiInBrowser();
failOnPageErrors(suite);

const base = () => suite.wiki().baseUrl;

async function signedUpPage(name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newWikiContext(suite.browser());
  const page = await context.newPage();
  await signUp(page, base(), name);
  return { context, page };
}

/**
 * Waits until the edit form is ready: hydrated, and the code editor (issue 17) swapped in for the
 * textarea, which stays in the form, hidden, holding the text.
 */
async function editFormReady(page: Page): Promise<void> {
  await waitForHydration(page.getByLabel('Summary'));
  await waitForHydration(page.getByLabel('Content'));
}

/** Replaces the code editor's text as a fan would: select all, then type. */
async function setEditorText(page: Page, text: string): Promise<void> {
  await editFormReady(page);
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

/** Opens the "edit" link beside the heading, as a reader would, and waits for the section's form. */
async function openSectionEdit(page: Page, heading: string): Promise<void> {
  await page.goto(`${base()}/wiki/ECPAT`);
  await page.getByRole('link', { name: `Edit section: ${heading}` }).click();
  await page.waitForURL(/\/wiki\/ECPAT\?action=edit&section=\d+$/);
  await editFormReady(page);
}

describe('section editing in Chromium', () => {
  it('edits ECPAT Philippines through its "edit" link; the history links to the section and the rest is untouched', async () => {
    const before = await pageSource(base(), 'ECPAT');
    const philippines = splitSections(before).find((section) => section.title === 'ECPAT Philippines')!;
    expect(philippines.index).toBe(1);

    // Readers who may not edit (anonymous editing is off by default) get no links.
    const anonymous = await newWikiContext(suite.browser());
    const reader = await anonymous.newPage();
    await reader.goto(`${base()}/wiki/ECPAT`);
    await reader.getByRole('heading', { name: 'ECPAT Philippines' }).waitFor();
    expect(await reader.locator('.mw-editsection').count()).toBe(0);
    await anonymous.close();

    const { context, page } = await signedUpPage('Section Fan');
    await openSectionEdit(page, 'ECPAT Philippines');
    expect(page.url()).toBe(`${base()}/wiki/ECPAT?action=edit&section=1`);
    await page.getByRole('heading', { level: 1, name: 'Editing ECPAT (section)' }).waitFor();
    const section = sectionText(before, 1)!;
    expect(await page.locator('#wpTextbox1').inputValue()).toBe(section);
    expect(await page.getByLabel('Summary').inputValue()).toBe('/* ECPAT Philippines */ ');

    await setEditorText(page, section.replace('extension office', 'branch office'));
    await page.getByLabel('Summary').fill('/* ECPAT Philippines */ one word');
    await page.getByRole('button', { name: 'Save page' }).click();
    // As on MediaWiki, the saved page opens at the section.
    await page.waitForURL(/\/wiki\/ECPAT#ecpat-philippines$/);
    expect(await pageSource(base(), 'ECPAT')).toBe(before.replace('extension office', 'branch office'));

    await page.goto(`${base()}/wiki/ECPAT?action=history`);
    const autocomment = page.locator('#pagehistory li').first().getByRole('link', { name: '→ECPAT Philippines' });
    expect(await autocomment.getAttribute('href')).toBe('/wiki/ECPAT#ecpat-philippines');
    expect(await page.locator('#pagehistory li').first().locator('.comment').textContent()).toBe('(→ECPAT Philippines: one word)');
    await autocomment.click();
    await page.waitForURL(/\/wiki\/ECPAT#ecpat-philippines$/);
    // A client-side navigation scrolls to the heading without setting :target, so its position is checked.
    const heading = page.locator('#ecpat-philippines');
    expect(await heading.textContent()).toBe('ECPAT Philippines');
    await expect.poll(() => heading.evaluate((element) => Math.round(element.getBoundingClientRect().top))).toBeLessThan(200);
    await context.close();
  });

  it('says clearly when the section does not exist', async () => {
    const { context, page } = await signedUpPage('Section Typo Fan');
    for (const section of ['9', 'abc']) {
      await page.goto(`${base()}/wiki/ECPAT?action=edit&section=${section}`);
      const notice = page.getByRole('alert').filter({ hasText: 'This page has no section' });
      expect(await notice.textContent()).toContain(`This page has no section “${section}”`);
      expect(await notice.getByRole('link', { name: 'Edit the whole page' }).getAttribute('href')).toBe('/wiki/ECPAT?action=edit');
      expect(await page.locator('#wpTextbox1').count()).toBe(0);
    }
    await context.close();
  });

  it('merges a section edit with a concurrent edit of another section, and shows the conflict screen for the same section', async () => {
    const alice = await signedUpPage('Section Alice');
    const bob = await signedUpPage('Section Bob');

    // Alice opens "ECPAT Philippines"; meanwhile Bob changes the lead (section 0) and saves.
    await openSectionEdit(alice.page, 'ECPAT Philippines');
    const start = await pageSource(base(), 'ECPAT');
    await bob.page.goto(`${base()}/wiki/ECPAT?action=edit&section=0`);
    await editFormReady(bob.page);
    // A sentence of Bob's own before the lead (other files edit the lead's sentences on this wiki).
    const bobsLead = 'Section Bob wrote this opening line.\n\n';
    await setEditorText(bob.page, `${bobsLead}${sectionText(start, 0)!}`);
    await bob.page.getByRole('button', { name: 'Save page' }).click();
    await bob.page.waitForURL(/\/wiki\/ECPAT$/);

    await setEditorText(alice.page, sectionText(start, 1)!.replace('began operations in 1997', 'began its operations in 1997'));
    await alice.page.getByRole('button', { name: 'Save page' }).click();
    await alice.page.waitForURL(/\/wiki\/ECPAT\?postedit=merged#ecpat-philippines$/);
    const merged = await pageSource(base(), 'ECPAT');
    expect(merged).toBe(`${bobsLead}${start.replace('began operations', 'began its operations')}`);

    // Now both change the same sentence of "ECPAT Philippines": Alice from the section, Bob the whole page.
    await openSectionEdit(alice.page, 'ECPAT Philippines');
    await bob.page.goto(`${base()}/wiki/ECPAT?action=edit`);
    await editFormReady(bob.page);
    await setEditorText(bob.page, merged.replace('non-governmental organization', 'non-profit organization'));
    await bob.page.getByLabel('Summary').fill('wording');
    await bob.page.getByRole('button', { name: 'Save page' }).click();
    await bob.page.waitForURL(/\/wiki\/ECPAT$/);

    const aliceSection = sectionText(merged, 1)!.replace('non-governmental organization', 'NGO');
    await setEditorText(alice.page, aliceSection);
    await alice.page.getByRole('button', { name: 'Save page' }).click();
    await alice.page.getByRole('heading', { name: 'Your text' }).waitFor();
    // Nothing lost: Alice's whole page as she meant it, next to the current text; nothing saved for her.
    const yours = await alice.page.getByLabel('Your version (not saved)').inputValue();
    expect(yours).toBe(merged.replace('non-governmental organization', 'NGO'));
    expect(await alice.page.locator('#wpTextbox1').inputValue()).toBe(merged.replace('non-governmental organization', 'non-profit organization'));
    expect(await alice.page.locator('input[name="section"]').inputValue()).toBe('');
    expect(await pageSource(base(), 'ECPAT')).toBe(merged.replace('non-governmental organization', 'non-profit organization'));
    await alice.context.close();
    await bob.context.close();
  });
});
