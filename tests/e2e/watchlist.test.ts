import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import { editThroughForm, failOnPageErrors, newWikiContext, pageSource, signedUpState, waitForHydration } from '../support/browser';

/**
 * Issue 19's watchlist in Chromium: two fans follow each other's work. A watches a page with the
 * star, B edits it, A finds the change bold on Special:Watchlist until A looks at the page; the
 * star also works without JavaScript through ?action=watch, and everything reads in Italian too.
 */
const suite = useSharedWikiInBrowser();
failOnPageErrors(suite);
const base = () => suite.wiki().baseUrl;

function watchlistLine(page: Page, title: string) {
  return page.locator('.changes-list li').filter({ has: page.getByRole('link', { name: title, exact: true }) });
}

describe('following a page through the watchlist', () => {
  it('A watches with the star, B edits, A sees the change bold until visiting the page', async () => {
    const [stateA, stateB] = await Promise.all([signedUpState(suite.browser(), base(), 'Anna Watcher'), signedUpState(suite.browser(), base(), 'Bruno Editor')]);
    const contextA = await newWikiContext(suite.browser(), { storageState: stateA });
    const pageA = await contextA.newPage();
    await pageA.goto(`${base()}/wiki/ECPAT`);
    const star = pageA.getByRole('button', { name: 'Watch' });
    await waitForHydration(star);
    await star.click();
    await expect(pageA.getByRole('button', { name: 'Unwatch' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(pageA.getByRole('status').filter({ hasText: 'added to your watchlist' }).waitFor()).resolves.toBeUndefined();
    // The length menu that follows a watch: one week.
    await pageA.getByLabel('Watch for:').selectOption('1 week');
    await expect(pageA.locator('button.watch-star-button.temporary[title*="Watched for 7 more days"]').waitFor()).resolves.toBeUndefined();

    const contextB = await newWikiContext(suite.browser(), { storageState: stateB });
    const source = await pageSource(base(), 'ECPAT');
    await editThroughForm(await contextB.newPage(), base(), 'ECPAT', `${source}\n\nBruno adds a line.`, 'a line from Bruno');
    await contextB.close();

    await pageA.goto(`${base()}/wiki/Special:Watchlist`);
    const line = watchlistLine(pageA, 'ECPAT');
    await expect(line.getAttribute('data-unseen')).resolves.toBe('true');
    await expect(line.locator('strong').getByRole('link', { name: 'ECPAT' }).count()).resolves.toBe(1);
    await expect(line.textContent()).resolves.toContain('changed since your last visit');
    await expect(line.textContent()).resolves.toContain('Bruno Editor');
    await expect(line.textContent()).resolves.toContain('a line from Bruno');

    await pageA.goto(`${base()}/wiki/ECPAT`);
    await pageA.goto(`${base()}/wiki/Special:Watchlist`);
    await expect(watchlistLine(pageA, 'ECPAT').getAttribute('data-unseen')).resolves.toBeNull();
    await contextA.close();
  });

  it('watches and unwatches without JavaScript through ?action=watch, choosing how long', async () => {
    const state = await signedUpState(suite.browser(), base(), 'Carla NoScript');
    const context = await newWikiContext(suite.browser(), { storageState: state, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base()}/wiki/Main_Page?action=watch`);
    await page.getByLabel('Watch for:').selectOption('1 month');
    await page.getByRole('button', { name: 'Watch', exact: true }).click();
    await page.waitForURL(/\/wiki\/Main_Page$/);
    await expect(page.getByRole('button', { name: 'Unwatch' }).getAttribute('title')).resolves.toMatch(/Watched for (30|31) more days/);

    // The star itself is a form: pressing it posts without scripts and the page comes back unwatched.
    await page.getByRole('button', { name: 'Unwatch' }).click();
    await page.getByRole('button', { name: 'Watch', exact: true }).waitFor();
    await page.goto(`${base()}/wiki/Special:EditWatchlist`);
    await expect(page.locator('main').textContent()).resolves.not.toContain('Main Page');
    await context.close();
  });

  it('reads in Italian, and a reader who is not signed in is asked to sign in', async () => {
    const state = await signedUpState(suite.browser(), base(), 'Dario Italiano');
    const context = await newWikiContext(suite.browser(), { storageState: state, locale: 'it-IT' });
    const page = await context.newPage();
    await page.goto(`${base()}/wiki/ECPAT`);
    await waitForHydration(page.getByRole('button', { name: 'Segui' }));
    await page.getByRole('button', { name: 'Segui' }).click();
    await page.getByRole('button', { name: 'Non seguire più' }).waitFor();
    await page.goto(`${base()}/wiki/Special:Watchlist`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Osservati speciali');
    await expect(page.getByRole('button', { name: 'Segna tutte le pagine come visitate' }).count()).resolves.toBe(1);
    await context.close();

    const anonymous = await newWikiContext(suite.browser());
    const reader = await anonymous.newPage();
    await reader.goto(`${base()}/wiki/Special:Watchlist`);
    await expect(reader.locator('main').textContent()).resolves.toMatch(/sign in|log in/i);
    await expect(reader.getByRole('button', { name: 'Watch' }).count()).resolves.toBe(0);
    await anonymous.close();
  });
});
