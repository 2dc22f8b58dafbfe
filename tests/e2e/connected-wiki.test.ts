import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import { editThroughForm, failOnPageErrors, fillContent, signUp, waitForHydration } from '../support/browser';

const suite = useSharedWikiInBrowser();
failOnPageErrors(suite);

describe('a connected wiki in Chromium', () => {
  it('red link → create the page → blue link; what links here; categories; search with suggestions', async () => {
    const context = await suite.browser().newContext();
    const page = await context.newPage();
    const base = suite.wiki().baseUrl;
    await signUp(page, base, 'Linker Fan');

    await editThroughForm(page, base, 'Fan_notes', 'We call [[Telefono Azzurro]] often.\n\n[[Category:Helplines]]', 'notes');
    const redLink = page.locator('.article-body a', { hasText: 'Telefono Azzurro' });
    expect(await redLink.getAttribute('class')).toContain('new');
    expect(await redLink.getAttribute('title')).toContain('(page does not exist)');
    await redLink.click();
    await page.waitForURL(/Telefono_Azzurro\?action=edit/);
    await waitForHydration(page.getByLabel('Content'));
    await fillContent(page, 'Telefono Azzurro is the Italian children’s helpline, founded in Bologna.');
    await page.getByRole('button', { name: 'Save page' }).click();
    await page.waitForURL(/\/wiki\/Telefono_Azzurro$/);

    await page.goto(`${base}/wiki/Fan_notes`);
    const blueLink = page.locator('.article-body a', { hasText: 'Telefono Azzurro' });
    expect(await blueLink.getAttribute('class')).not.toContain('new');
    expect(await page.locator('main').textContent()).toContain('Helplines');

    await page.goto(`${base}/wiki/Special:WhatLinksHere/Telefono_Azzurro`);
    expect(await page.locator('main').textContent()).toContain('Fan notes');
    await page.goto(`${base}/wiki/Category:Helplines`);
    expect(await page.locator('main').textContent()).toContain('Fan notes');

    // Suggestions as you type, then the search results page.
    const box = page.getByRole('combobox', { name: 'Search the wiki' });
    await box.fill('telefono');
    await page.getByRole('option', { name: /Telefono Azzurro/ }).waitFor();
    await page.screenshot({ path: path.join('test-results', 'search-suggestions.png') });
    await page.goto(`${base}/wiki/Special:Search?search=helpline+Bologna&fulltext=1`);
    expect(await page.locator('main mark').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/Bologna/)]));
    const rest = await (await fetch(`${base}/w/rest.php/v1/search/title?q=Telef&limit=5`)).json();
    expect(rest.pages.map((p: { title: string }) => p.title)).toContain('Telefono Azzurro');
    await context.close();
  });

  it('moves a page leaving a redirect, and adds a talk-page topic with a signature', async () => {
    const context = await suite.browser().newContext();
    const page = await context.newPage();
    const base = suite.wiki().baseUrl;
    await signUp(page, base, 'Mover Fan');
    await editThroughForm(page, base, 'Old_name', 'Some history worth keeping.', 'first');

    await page.goto(`${base}/wiki/Special:MovePage/Old_name`);
    await page.getByLabel('New title').fill('New name');
    await page.getByLabel('Reason').fill('better title');
    await page.getByRole('button', { name: 'Move page' }).click();
    await page.getByText('has been moved to').waitFor();
    await page.goto(`${base}/wiki/Old_name`);
    await page.waitForURL(/\/wiki\/New_name/);
    expect(await page.locator('main').textContent()).toContain('Redirected from');

    await page.goto(`${base}/wiki/Talk:New_name?action=edit&section=new`);
    await page.getByLabel('Subject').fill('Sources');
    await fillContent(page, 'Where does this come from?');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/wiki\/Talk:New_name/);
    const talk = await page.locator('.article-body').textContent();
    expect(talk).toContain('Sources');
    expect(talk).toContain('Mover Fan');
    await context.close();
  });
});
