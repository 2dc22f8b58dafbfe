import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { contentText, editThroughForm, expectConsoleError, failOnPageErrors, signIn, signUp } from '../support/browser';
import { useSharedWikiInBrowser } from '../support/e2e-suite';

/**
 * The administrator's tools in Chromium, each through its real form and each checked in
 * Special:Log: protection, deletion and undeletion, revision hiding, blocks and user rights.
 */
const FAN = 'Unruly fan';
/** The page the administrator protects (ECPAT stays open: other files edit it on this wiki). */
const LOCKED = 'Moderation lock notes';
const LOCKED_KEY = LOCKED.replaceAll(' ', '_');

const suite = useSharedWikiInBrowser();
const { name: ADMIN, password: ADMIN_PASSWORD } = suite.admin;
failOnPageErrors(suite);

async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, suite.wiki().baseUrl, ADMIN, ADMIN_PASSWORD);
}

describe('page protection in Chromium', () => {
  it('an admin protects a page; a fan then sees the lock and View source instead of the edit form', async () => {
    const base = suite.wiki().baseUrl;
    const adminContext = await suite.browser().newContext();
    const admin = await adminContext.newPage();
    await signInAsAdmin(admin);
    await editThroughForm(admin, base, LOCKED_KEY, 'Fan notes on the helpline, locked after vandalism.', 'notes');

    await admin.goto(`${base}/wiki/${LOCKED_KEY}`);
    await admin.getByRole('link', { name: 'Protect', exact: true }).click();
    await admin.waitForURL(new RegExp(`/wiki/${LOCKED_KEY}\\?action=protect$`));
    await admin.getByLabel('Edit protection', { exact: true }).selectOption('admin');
    await admin.getByLabel('Edit expiry', { exact: true }).selectOption('1 week');
    // No reason: the form says so and keeps the choices.
    await admin.getByRole('button', { name: 'Confirm' }).click();
    await admin.getByText('Give a reason; it is shown in the log.').waitFor();
    expect(await admin.getByLabel('Edit protection', { exact: true }).inputValue()).toBe('admin');
    await admin.getByLabel('Reason', { exact: true }).fill('Repeated vandalism');
    await admin.getByRole('button', { name: 'Confirm' }).click();
    await admin.waitForURL(new RegExp(`/wiki/${LOCKED_KEY}\\?postedit=protected$`));
    await admin.getByRole('img', { name: /^Protected: only administrators can edit this page until / }).waitFor();
    expect(await admin.getByRole('link', { name: 'Edit', exact: true }).count()).toBe(1);
    await adminContext.close();

    const fanContext = await suite.browser().newContext();
    const fan = await fanContext.newPage();
    await signUp(fan, base, 'Curious fan');
    await fan.goto(`${base}/wiki/${LOCKED_KEY}`);
    await fan.getByRole('img', { name: /^Protected: only administrators/ }).waitFor();
    await fan.getByRole('link', { name: 'View source' }).click();
    await fan.getByRole('heading', { name: `View source for ${LOCKED}` }).waitFor();
    expect(await fan.getByText('This page is protected: only administrators can edit it.').count()).toBe(1);
    const source = fan.getByLabel('Source of this page (read-only)');
    expect(await source.getAttribute('readonly')).not.toBeNull();
    expect(await source.inputValue()).toContain('locked after vandalism');
    expect(await fan.getByRole('button', { name: 'Save page' }).count()).toBe(0);
    await fanContext.close();
  });
});

describe('deletion, undeletion and revision hiding in Chromium', () => {
  it('an admin deletes a page (readers get a 404 saying so), restores it with its history, and hides an edit summary', async () => {
    const base = suite.wiki().baseUrl;
    const fanContext = await suite.browser().newContext();
    const fan = await fanContext.newPage();
    await signUp(fan, base, 'Spam watcher');
    await editThroughForm(fan, base, 'Fan_meetup', 'The fan meetup is in Rome.', 'first notes');
    await editThroughForm(fan, base, 'Fan_meetup', 'The fan meetup is in Rome, in May.', 'rude words in this summary');

    const adminContext = await suite.browser().newContext();
    const admin = await adminContext.newPage();
    await signInAsAdmin(admin);
    await admin.goto(`${base}/wiki/Fan_meetup`);
    await admin.getByRole('link', { name: 'Delete', exact: true }).click();
    await admin.waitForURL(/\/wiki\/Fan_meetup\?action=delete$/);
    await admin.getByLabel('Reason').fill('Duplicate of the events page');
    await admin.getByRole('button', { name: 'Delete page' }).click();
    await admin.waitForURL(/\/wiki\/Special:Log\?type=delete&page=Fan_meetup$/);
    expect(await admin.locator('.log-list li').first().textContent()).toContain('deleted page Fan meetup (Duplicate of the events page)');
    expectConsoleError(admin, /status of 404/, 'a deleted page answers 404, as on MediaWiki');
    await admin.goto(`${base}/wiki/Fan_meetup`);
    await admin.getByText('This page has been deleted.').waitFor();

    // A reader: 404, the reason, and no trace of the text or the history.
    expectConsoleError(fan, /status of 404/, 'a deleted page answers 404, as on MediaWiki');
    const response = await fan.goto(`${base}/wiki/Fan_meetup`);
    expect(response?.status()).toBe(404);
    await fan.getByText('This page has been deleted.').waitFor();
    expect(await fan.locator('.deletion-log-excerpt').textContent()).toContain('Duplicate of the events page');
    expect(await fan.getByRole('link', { name: /undelete/ }).count()).toBe(0);
    expectConsoleError(fan, /status of 404/, "a deleted page's history answers 404 to readers");
    await fan.goto(`${base}/wiki/Fan_meetup?action=history`);
    expect(await fan.getByText('rude words in this summary').count()).toBe(0);
    // Writing the title again is allowed, after a warning naming the deletion.
    await fan.goto(`${base}/wiki/Fan_meetup?action=edit`);
    await fan.getByText(new RegExp(`^Warning: you are recreating a page that was deleted by ${ADMIN} .*\\(reason: Duplicate of the events page\\)`)).waitFor();
    expect(await contentText(fan)).toBe('');

    // The admin restores everything from Special:Undelete.
    await admin.getByRole('link', { name: 'View or undelete 2 deleted revisions' }).click();
    await admin.waitForURL(/Special:Undelete\/Fan_meetup/);
    await admin.getByLabel('Reason').fill('Deleted by mistake');
    await admin.getByRole('button', { name: 'Restore all revisions' }).click();
    await admin.waitForURL(/\/wiki\/Fan_meetup\?action=history$/);
    await admin.getByText('rude words in this summary').waitFor();

    // Hide the rude summary: readers see that it was removed, not what it said.
    await admin.getByRole('listitem').filter({ hasText: 'rude words in this summary' }).getByRole('link', { name: 'change visibility' }).click();
    await admin.waitForURL(/Special:RevisionDelete/);
    await admin.getByLabel('Hide edit summary').check();
    await admin.getByLabel('Reason').fill('Offensive summary');
    await admin.getByRole('button', { name: 'Apply to the selected revision' }).click();
    await admin.waitForURL(/\/wiki\/Fan_meetup\?action=history$/);

    await fan.goto(`${base}/wiki/Fan_meetup?action=history`);
    await fan.getByText('(edit summary removed)').waitFor();
    expect(await fan.getByText('rude words in this summary').count()).toBe(0);
    await fan.goto(`${base}/wiki/Fan_meetup`);
    expect(await fan.locator('.article-body').textContent()).toContain('in May');

    await admin.goto(`${base}/wiki/Special:Log?type=delete`);
    const entries = (await admin.locator('.log-list li').allTextContents()).join('\n');
    expect(entries).toContain('Deleted by mistake');
    expect(entries).toContain('Duplicate of the events page');
    expect(entries).toContain('Offensive summary');
    await fanContext.close();
    await adminContext.close();
  });
});

describe('blocks in Chromium', () => {
  it('an admin blocks a fan, who at once sees why and until when instead of the edit form; unblocking restores it; all logged', async () => {
    const base = suite.wiki().baseUrl;
    const fanContext = await suite.browser().newContext();
    const fan = await fanContext.newPage();
    await signUp(fan, base, FAN);
    await fan.goto(`${base}/wiki/Main_Page?action=edit`);
    await fan.getByLabel('Content').waitFor();

    const adminContext = await suite.browser().newContext();
    const admin = await adminContext.newPage();
    await signInAsAdmin(admin);
    await admin.goto(`${base}/wiki/Special:Block/Unruly_fan`);
    expect(await admin.getByLabel('User').inputValue()).toBe(FAN);
    await admin.getByLabel('Expiry').fill('2 weeks');
    // No reason: the form says so and keeps what was typed.
    await admin.getByRole('button', { name: 'Block this user' }).click();
    await admin.getByText('Give a reason; it is shown in the log.').waitFor();
    expect(await admin.getByLabel('Expiry').inputValue()).toBe('2 weeks');
    await admin.getByLabel('Reason').fill('Edit warring <script>alert(1)</script>');
    await admin.getByRole('button', { name: 'Block this user' }).click();
    await admin.waitForURL(/\/wiki\/Special:BlockList\?blocked=/);
    await admin.getByText(`${FAN} has been blocked.`).waitFor();
    const row = admin.getByRole('row').filter({ hasText: FAN });
    expect(await row.textContent()).toContain('(Edit warring <script>alert(1)</script>)');
    expect(await row.textContent()).toContain('sitewide');

    // The fan's very next request: no edit form, the reason and the end of the block instead.
    await fan.reload();
    await fan.getByText(/^You are blocked from editing until \d+ \w+ \d{4}: Edit warring <script>alert\(1\)<\/script>/).waitFor();
    expect(await fan.getByRole('button', { name: 'Save page' }).count()).toBe(0);
    // Reading still works.
    await fan.goto(`${base}/wiki/ECPAT`);
    expect(await fan.locator('.article-body').textContent()).toContain('ECPAT');

    await admin.goto(`${base}/wiki/Special:Log?type=block`);
    const entry = admin.locator('.log-list li').first();
    expect(await entry.textContent()).toMatch(new RegExp(`${ADMIN} blocked ${FAN} with an expiry time of .* \\(UTC\\) \\(Edit warring <script>`));

    await admin.goto(`${base}/wiki/Special:BlockList`);
    await admin.getByRole('row').filter({ hasText: FAN }).getByRole('link', { name: 'unblock' }).click();
    await admin.waitForURL(/Special:Unblock\/Unruly_fan/);
    await admin.getByLabel('Reason').fill('Promised to discuss first');
    await admin.getByRole('button', { name: 'Unblock' }).click();
    await admin.getByText(`${FAN} has been unblocked.`).waitFor();

    await fan.goto(`${base}/wiki/Main_Page?action=edit`);
    await fan.getByLabel('Content').waitFor();

    await admin.goto(`${base}/wiki/Special:Log?user=${encodeURIComponent(FAN)}`);
    expect(await admin.locator('.log-list li').first().textContent()).toContain(`User account ${FAN} was created`);
    await fanContext.close();
    await adminContext.close();
  });

  it('an admin makes a fan an administrator on Special:UserRights, with a reason', async () => {
    const base = suite.wiki().baseUrl;
    const adminContext = await suite.browser().newContext();
    const admin = await adminContext.newPage();
    await signInAsAdmin(admin);
    await admin.goto(`${base}/wiki/Special:UserRights/Unruly_fan`);
    await admin.getByLabel('administrator').check();
    await admin.getByLabel('Reason').fill('Elected by the community');
    await admin.getByRole('button', { name: 'Save user groups' }).click();
    await admin.getByText(`The groups of ${FAN} were saved.`).waitFor();
    expect(await admin.getByText('is a member of:').textContent()).toContain('administrator');

    await admin.goto(`${base}/wiki/Special:Log?type=rights`);
    expect(await admin.locator('.log-list li').first().textContent()).toContain(
      `${ADMIN} changed group membership for ${FAN} from registered user to administrator (Elected by the community)`,
    );
    await adminContext.close();
  });
});
