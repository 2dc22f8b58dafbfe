import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import { contentText, editThroughForm, failOnPageErrors, newWikiContext, signUp, waitForHydration } from '../support/browser';

const suite = useSharedWikiInBrowser();
failOnPageErrors(suite);

describe('revision history in Chromium', () => {
  it('compares any two revisions word by word, opens permalinks and undoes an older edit', async () => {
    const context = await suite.browser().newContext();
    const page = await context.newPage();
    const base = suite.wiki().baseUrl;
    await signUp(page, base, 'Historian Fan');
    await editThroughForm(page, base, 'History_journey', 'The helpline opened in 1987.\n\nIt answers children.\n\nVolunteers train for months.', 'create');
    await editThroughForm(page, base, 'History_journey', 'The helpline opened in 1987 in Bologna.\n\nIt answers children.\n\nVolunteers train for months.', 'add the city');
    await editThroughForm(page, base, 'History_journey', 'The helpline opened in 1987 in Bologna.\n\nIt answers children.\n\nVolunteers train for many months.', 'training');

    // History: three rows, newest first, with summaries.
    await page.goto(`${base}/wiki/History_journey?action=history`);
    const rows = page.locator('li[data-revision-id]');
    expect(await rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain('training');
    const middleId = await rows.nth(1).getAttribute('data-revision-id');

    // Pick the oldest and the newest and compare them.
    await rows.nth(2).locator('input[name="oldid"]').check();
    await rows.nth(0).locator('input[name="diff"]').check();
    await page.getByRole('button', { name: 'Compare selected revisions' }).first().click();
    await page.waitForURL(/diff=\d+&oldid=\d+/);
    expect(await page.locator('ins.diffchange').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Bologna')]));
    expect((await page.locator('ins.diffchange').allTextContents()).join(' ')).toContain('many');
    await page.screenshot({ path: path.join('test-results', 'diff-side-by-side.png'), fullPage: true });

    // The permalink of the first revision shows it as it was.
    await page.goto(`${base}/wiki/History_journey?action=history`);
    await rows.nth(2).locator('a.mw-changeslist-date').click();
    await page.waitForURL(/oldid=\d+$/);
    expect(await page.getByRole('note').textContent()).toContain('This is an old revision of this page, as edited by Historian Fan');
    expect(await page.locator('.article-body').textContent()).not.toContain('Bologna');

    // Undo the middle edit ("add the city"); the later edit survives.
    await page.goto(`${base}/wiki/History_journey?action=edit&undo=${middleId}`);
    expect(await contentText(page)).toBe('The helpline opened in 1987.\n\nIt answers children.\n\nVolunteers train for many months.');
    expect(await page.getByLabel('Summary').inputValue()).toMatch(/^Undo revision \d+ by Historian Fan/);
    await page.getByRole('button', { name: 'Save page' }).click();
    await page.waitForURL(/\/wiki\/History_journey$/);
    const text = await page.locator('.article-body').textContent();
    expect(text).not.toContain('Bologna');
    expect(text).toContain('many months');

    // Recent changes and contributions list the edits; the Atom feed is served as Atom.
    await page.goto(`${base}/wiki/Special:RecentChanges`);
    expect(await page.locator('main').textContent()).toContain('History journey');
    await page.goto(`${base}/wiki/Special:Contributions/Historian_Fan`);
    expect(await page.locator('main').textContent()).toContain('training');
    const feed = await fetch(`${base}/wiki/Special:RecentChanges?feed=atom`);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect(await feed.text()).toContain('History journey');
    await context.close();
  });

  it('asks the server only for pages the reader opens: no prefetching of the links, and a click still navigates in place', async () => {
    const context = await newWikiContext(suite.browser());
    const page = await context.newPage();
    const base = suite.wiki().baseUrl;
    const prefetched: string[] = [];
    page.on('request', (request) => {
      if (request.headers()['next-router-prefetch']) prefetched.push(request.url());
    });
    // Recent changes and a history are mostly links (pages, diffs, users, limits), as is the sidebar.
    for (const address of ['/wiki/Special:RecentChanges', '/wiki/ECPAT?action=history', '/wiki/ECPAT']) {
      await page.goto(`${base}${address}`);
      await waitForHydration(page.getByRole('search').first());
      await page.waitForLoadState('networkidle');
    }
    expect(prefetched).toEqual([]);

    // A link followed after that is still a client-side navigation: the document stays.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.getByRole('link', { name: 'Recent changes' }).first().click();
    await page.waitForURL(/\/wiki\/Special:RecentChanges$/);
    await page.getByRole('heading', { name: 'Recent changes', level: 1 }).waitFor();
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    await context.close();
  });

  it('answers bad revision addresses with 400 or 404 and a message, never a 500', async () => {
    const base = suite.wiki().baseUrl;
    const cases: Array<[string, number, RegExp]> = [
      ['/wiki/ECPAT?oldid=abc', 400, /(?:"|&quot;)oldid(?:"|&quot;) must be a revision number/],
      ['/wiki/ECPAT?oldid=99999999999', 400, /(?:"|&quot;)oldid(?:"|&quot;) must be a revision number/],
      ['/wiki/ECPAT?diff=-3', 400, /(?:"|&quot;)diff(?:"|&quot;) must be a revision number/],
      ['/wiki/ECPAT?action=history&limit=5000', 400, /(?:"|&quot;)limit(?:"|&quot;) must be a whole number/],
      ['/wiki/ECPAT?oldid=999999', 404, /There is no revision/],
      ['/wiki/ECPAT?diff=999999&oldid=1', 404, /There is no revision/],
    ];
    for (const [url, status, message] of cases) {
      const response = await fetch(`${base}${url}`);
      expect({ url, status: response.status }).toEqual({ url, status });
      expect(await response.text()).toMatch(message);
    }
    // Two revisions of different pages: a clear explanation instead of a diff.
    const mainPage = await (await fetch(`${base}/w/rest.php/v1/page/Main_Page/bare`)).json();
    const ecpat = await (await fetch(`${base}/w/rest.php/v1/page/ECPAT/bare`)).json();
    const crossPage = await fetch(`${base}/wiki/ECPAT?diff=${ecpat.latest.id}&oldid=${mainPage.latest.id}`);
    expect(await crossPage.text()).toMatch(/belong to different pages/);
  });
});
