import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import { editThroughForm, failOnPageErrors, newWikiContext, pageSource, signedUpState, waitForHydration } from '../support/browser';

/**
 * Issue 19's "preferences change the time zone and every date follows", in Chromium: a fan sets
 * Asia/Tokyo and ISO 8601 dates in Special:Preferences, and ECPAT's history and
 * Special:RecentChanges show every time 9 hours after what an anonymous reader sees (UTC); the
 * interface language and the theme are saved the same way and follow the fan.
 */
const suite = useSharedWikiInBrowser();
failOnPageErrors(suite);
const base = () => suite.wiki().baseUrl;

const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000; // Japan has no daylight saving time

const two = (n: number) => String(n).padStart(2, '0');
/** "HH:MM" of an instant in UTC, shifted by `offset`. */
function clock(iso: string, offset = 0): string {
  const at = new Date(Date.parse(iso) + offset);
  return `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}`;
}
/** "YYYY-MM-DD" of an instant in UTC, shifted by `offset`. */
function isoDay(iso: string, offset = 0): string {
  const at = new Date(Date.parse(iso) + offset);
  return `${at.getUTCFullYear()}-${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())}`;
}

/** Each <time> of the page's content: its machine-readable instant and the text the reader sees. */
async function timesOn(page: Page, url: string, selector: string): Promise<{ at: string; text: string }[]> {
  await page.goto(url);
  const times = await page
    .locator(`main ${selector}`)
    .evaluateAll((elements) => elements.map((element) => ({ at: element.getAttribute('datetime') ?? '', text: element.textContent ?? '' })));
  expect(times.length).toBeGreaterThan(0);
  return times;
}

/** Special:Preferences' "Appearance and language" form, its menus set and saved (`saveLabel` in the interface's language). */
async function saveDisplay(page: Page, choices: Record<string, string>, saveLabel = 'Save', savedText = 'Your preferences have been saved.') {
  await page.goto(`${base()}/wiki/Special:Preferences`);
  const form = page.locator('form', { has: page.locator('#timeZone') });
  await waitForHydration(form.getByRole('button', { name: saveLabel }));
  for (const [field, value] of Object.entries(choices)) await form.locator(`#${field}`).selectOption(value);
  await form.getByRole('button', { name: saveLabel }).click();
  await page.getByRole('status').filter({ hasText: savedText }).waitFor();
}

describe('display preferences', () => {
  it('time zone Asia/Tokyo and ISO dates: history and recent changes show every time +9 h from the anonymous UTC view', async () => {
    const state = await signedUpState(suite.browser(), base(), 'Hana Tokyo');
    const context = await newWikiContext(suite.browser(), { storageState: state });
    const page = await context.newPage();
    // A change of today, so that Special:RecentChanges' default days list at least one line.
    await editThroughForm(page, base(), 'ECPAT', `${await pageSource(base(), 'ECPAT')}\n\nA line written from Tokyo.`, 'a line from Tokyo');

    const anonymous = await (await newWikiContext(suite.browser())).newPage();
    const historyUrl = `${base()}/wiki/ECPAT?action=history`;
    const changesUrl = `${base()}/wiki/Special:RecentChanges`;
    const utcHistory = await timesOn(anonymous, historyUrl, 'time[datetime]');
    const utcChanges = await timesOn(anonymous, changesUrl, 'time.mw-changeslist-time');
    // Anonymous readers see UTC, in the language's own order ("Nov 29, 2026, 14:05").
    for (const { at, text } of utcHistory) expect(text).toMatch(new RegExp(`, ${clock(at)}$`, 'u'));
    for (const { at, text } of utcChanges) expect(text).toBe(clock(at));

    await saveDisplay(page, { timeZone: 'Asia/Tokyo', dateFormat: 'iso' });
    const tokyoHistory = await timesOn(page, historyUrl, 'time[datetime]');
    expect(tokyoHistory.map(({ at }) => at)).toEqual(utcHistory.map(({ at }) => at));
    for (const { at, text } of tokyoHistory) expect(text).toBe(`${isoDay(at, TOKYO_OFFSET_MS)}, ${clock(at, TOKYO_OFFSET_MS)}`);

    const tokyoChanges = await timesOn(page, changesUrl, 'time.mw-changeslist-time');
    expect(tokyoChanges.map(({ at }) => at)).toEqual(utcChanges.map(({ at }) => at));
    for (const { at, text } of tokyoChanges) expect(text).toBe(clock(at, TOKYO_OFFSET_MS));
    // The day headings are Tokyo's days, in ISO 8601.
    const days = await page.locator('main .changes-day > h2').allTextContents();
    expect(days).toContain(isoDay(tokyoChanges[0]!.at, TOKYO_OFFSET_MS));

    // The anonymous reader's pages did not change (the page cache kept nobody's preferences).
    expect(await timesOn(anonymous, historyUrl, 'time[datetime]')).toEqual(utcHistory);
    // The preference is shown as saved.
    await page.goto(`${base()}/wiki/Special:Preferences`);
    await expect(page.locator('#timeZone').inputValue()).resolves.toBe('Asia/Tokyo');
    await expect(page.locator('#dateFormat').inputValue()).resolves.toBe('iso');
    await anonymous.context().close();
    await context.close();
  });

  it('saves without JavaScript (a plain POST), and the dates follow the zone', async () => {
    const state = await signedUpState(suite.browser(), base(), 'Romano Senza Script');
    const context = await newWikiContext(suite.browser(), { storageState: state, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base()}/wiki/Special:Preferences`);
    const form = page.locator('form', { has: page.locator('#timeZone') });
    // "Fill in from browser" needs scripts, so it is not offered.
    await expect(form.getByRole('button', { name: 'Fill in from browser' }).count()).resolves.toBe(0);
    await form.locator('#timeZone').selectOption('Australia/Darwin');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Your preferences have been saved.' }).waitFor();
    const history = await timesOn(page, `${base()}/wiki/ECPAT?action=history`, 'time[datetime]');
    const darwin = 9.5 * 60 * 60 * 1000; // UTC+9:30, no daylight saving time
    for (const { at, text } of history) expect(text).toMatch(new RegExp(`, ${clock(at, darwin)}$`, 'u'));
    await context.close();
  });

  it('the language preference wins over an English browser, and the theme is on <html>', async () => {
    const state = await signedUpState(suite.browser(), base(), 'Italo Preferito');
    const context = await newWikiContext(suite.browser(), { storageState: state, locale: 'en-US', colorScheme: 'light' });
    const page = await context.newPage();
    await expect(page.goto(`${base()}/wiki/Main_Page`).then(() => page.locator('html').getAttribute('data-theme'))).resolves.toBe('auto');

    await saveDisplay(page, { interfaceLanguage: 'it', theme: 'dark' }, 'Save', 'Le preferenze sono state salvate.');
    await page.goto(`${base()}/wiki/Special:RecentChanges`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('it');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Ultime modifiche');
    // Dark although the device asks for light: the page's background is the dark palette's.
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await expect(page.evaluate(() => getComputedStyle(document.body).backgroundColor)).resolves.toBe('rgb(16, 20, 24)');

    // Light is forced the other way round, on a dark device.
    const dark = await newWikiContext(suite.browser(), { storageState: state, colorScheme: 'dark' });
    const darkPage = await dark.newPage();
    await saveDisplay(darkPage, { theme: 'light' }, 'Salva', 'Le preferenze sono state salvate.');
    await expect(darkPage.locator('html').getAttribute('data-theme')).resolves.toBe('light');
    await expect(darkPage.evaluate(() => getComputedStyle(document.body).backgroundColor)).resolves.toBe('rgb(246, 246, 246)');
    // An anonymous reader on a dark device keeps the device's scheme (auto).
    const anonymous = await (await newWikiContext(suite.browser(), { colorScheme: 'dark' })).newPage();
    await anonymous.goto(`${base()}/wiki/Main_Page`);
    await expect(anonymous.locator('html').getAttribute('data-theme')).resolves.toBe('auto');
    await expect(anonymous.evaluate(() => getComputedStyle(document.body).backgroundColor)).resolves.toBe('rgb(16, 20, 24)');
    await anonymous.context().close();
    await dark.close();
    await context.close();
  });
});
