import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import { editThroughForm, failOnPageErrors, newWikiContext, signedUpState } from '../support/browser';
import { describeFindings, isBlocking, runAxe } from '../support/axe';

/**
 * Issue 19's notifications in Chromium: B writes on A's user talk page; the queue worker tells A,
 * whose header shows the count and MediaWiki's "You have new messages" bar; A reads the message
 * on Special:Notifications, marks everything read and the count goes; a second message is read by
 * visiting the talk page, which takes the bar away.
 */
const suite = useSharedWikiInBrowser();
failOnPageErrors(suite);
const base = () => suite.wiki().baseUrl;

const badge = (page: Page) => page.getByRole('navigation', { name: 'Personal tools' }).getByRole('link', { name: /^Notifications/u });
/** The badge's accessible name: its label with a count, its text without. */
const badgeName = async (page: Page) => (await badge(page).getAttribute('aria-label')) ?? (await badge(page).textContent())?.trim();
const banner = (page: Page) => page.getByRole('status').filter({ hasText: 'You have new messages on your talk page.' });

/** Reloads `path` until the badge's name is `name`: the worker delivers after the save commits (about a second). */
async function reloadUntilBadge(page: Page, path: string, name: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await page.goto(`${base()}${path}`);
    if ((await badgeName(page)) === name) return;
    if (Date.now() > deadline) throw new Error(`the badge still reads ${await badgeName(page)}, not ${name}`);
    await page.waitForTimeout(250);
  }
}

describe('being told of a message on one’s talk page', () => {
  it('B writes to A: the badge and the bar appear, Special:Notifications lists it, marking all read empties the badge', async () => {
    const [stateA, stateB] = await Promise.all([signedUpState(suite.browser(), base(), 'Anna Notified'), signedUpState(suite.browser(), base(), 'Bruno Writer')]);
    const contextA = await newWikiContext(suite.browser(), { storageState: stateA });
    const pageA = await contextA.newPage();
    await pageA.goto(`${base()}/wiki/ECPAT`);
    await expect(badgeName(pageA)).resolves.toBe('Notifications');
    await expect(banner(pageA).count()).resolves.toBe(0);

    const contextB = await newWikiContext(suite.browser(), { storageState: stateB });
    const pageB = await contextB.newPage();
    await editThroughForm(pageB, base(), 'User_talk:Anna_Notified', 'Hello Anna, welcome to the wiki! [[User:Bruno Writer|Bruno]]', 'welcome');

    await reloadUntilBadge(pageA, '/wiki/ECPAT', 'Notifications, 1 unread');
    await expect(pageA.getByRole('link', { name: 'Notifications, 1 unread', exact: true }).count()).resolves.toBe(1);
    await expect(badge(pageA).locator('.notification-count').textContent()).resolves.toBe('1');
    await expect(banner(pageA).getByRole('link', { name: 'new messages' }).getAttribute('href')).resolves.toBe('/wiki/User_talk:Anna_Notified');

    await badge(pageA).click();
    await pageA.waitForURL(/\/wiki\/Special:Notifications$/u);
    const item = pageA.locator('.notifications-list li').first();
    await expect(item.locator('.notification-text').textContent()).resolves.toBe('Bruno Writer left a message on your talk page.');
    await expect(item.getAttribute('data-unread')).resolves.toBe('true');
    await expect(item.getByRole('link', { name: 'view' }).getAttribute('href')).resolves.toMatch(/^\/wiki\/User_talk:Anna_Notified\?diff=prev&oldid=\d+$/u);
    // With an unread item, the count and the bar on screen (the accessibility pass sees none of them).
    const findings = await runAxe(pageA, 'Special:Notifications with an unread message');
    expect(findings.filter(isBlocking), describeFindings(findings)).toEqual([]);

    await pageA.getByRole('button', { name: 'Mark all as read' }).click();
    await pageA.locator('.notifications-list li:not([data-unread])').first().waitFor();
    await expect(badgeName(pageA)).resolves.toBe('Notifications');
    await expect(banner(pageA).count()).resolves.toBe(0);
    await pageA.getByRole('link', { name: 'Unread only' }).click();
    await pageA.getByText('You have no unread notifications.').waitFor();

    // A second message: visiting the talk page reads it, and the bar goes.
    await editThroughForm(pageB, base(), 'User_talk:Anna_Notified', 'Hello Anna, welcome to the wiki!\n\nOne more thing.', 'again');
    await contextB.close();
    await reloadUntilBadge(pageA, '/wiki/Main_Page', 'Notifications, 1 unread');
    await banner(pageA).getByRole('link', { name: 'new messages' }).click();
    await pageA.waitForURL(/\/wiki\/User_talk:Anna_Notified$/u);
    await expect(pageA.locator('main').textContent()).resolves.toContain('One more thing.');
    await expect(banner(pageA).count()).resolves.toBe(0);
    await expect(badgeName(pageA)).resolves.toBe('Notifications');
    await contextA.close();
  });

  it('A thanks B for an edit from the history; B is told, and the thanks log shows it', async () => {
    const [stateA, stateB] = await Promise.all([signedUpState(suite.browser(), base(), 'Carla Thanker'), signedUpState(suite.browser(), base(), 'Dino Thanked')]);
    const contextB = await newWikiContext(suite.browser(), { storageState: stateB });
    const pageB = await contextB.newPage();
    await editThroughForm(pageB, base(), 'Thanks_journey', 'A page worth a thank you.', 'new page');

    const contextA = await newWikiContext(suite.browser(), { storageState: stateA });
    const pageA = await contextA.newPage();
    await pageA.goto(`${base()}/wiki/Thanks_journey?action=history`);
    await pageA.getByRole('link', { name: 'thank', exact: true }).click();
    await pageA.waitForURL(/\/wiki\/Special:Thanks\/\d+$/u);
    await expect(pageA.locator('main').textContent()).resolves.toContain('Send thanks for this edit by Dino Thanked to Thanks journey?');
    await pageA.getByRole('button', { name: 'Send thanks' }).click();
    await pageA.getByText('Your thanks have been sent to Dino Thanked.').waitFor();
    // One's own edits have no thank link.
    await editThroughForm(pageA, base(), 'Thanks_journey', 'A page worth a thank you, and a reply.', 'reply');
    await pageA.goto(`${base()}/wiki/Thanks_journey?action=history`);
    await expect(pageA.getByRole('link', { name: 'thank', exact: true }).count()).resolves.toBe(1);
    await contextA.close();

    // Thanks are stored at once (no queue): B's next page shows them.
    await reloadUntilBadge(pageB, '/wiki/Special:Notifications', 'Notifications, 1 unread');
    await expect(pageB.locator('.notifications-list').textContent()).resolves.toContain('Carla Thanker thanked you for your edit on Thanks journey.');
    await pageB.goto(`${base()}/wiki/Special:Log/thanks`);
    await expect(pageB.locator('main').textContent()).resolves.toContain('Carla Thanker thanked Dino Thanked');
    await contextB.close();
  });

  it('asks a reader who is not signed in to sign in, and shows them no badge', async () => {
    const context = await newWikiContext(suite.browser());
    const page = await context.newPage();
    await page.goto(`${base()}/wiki/Special:Notifications`);
    await expect(page.locator('main').textContent()).resolves.toMatch(/log in/iu);
    await expect(badge(page).count()).resolves.toBe(0);
    await context.close();
  });
});
