import { afterEach, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** Debian's Chromium driven by playwright-core (the launcher the benchmark's editor rows share). */
export const launchBrowser: () => Promise<Browser> = launchChromium;

/** A console error or an uncaught exception in a page, with the address the page was at. */
export interface PageProblem {
  url: string;
  kind: 'console' | 'pageerror';
  text: string;
}

const pageProblems: PageProblem[] = [];
const expectedErrors: { page: Page; pattern: RegExp; reason: string; seen: boolean }[] = [];

/**
 * Declares one console error the test causes on purpose, with why: Chromium logs every 404
 * document ("Failed to load resource … 404"), and a missing page answers 404 as on MediaWiki.
 * The error must then occur (the test fails otherwise), and only that one is let through.
 */
export function expectConsoleError(page: Page, pattern: RegExp, reason: string): void {
  expectedErrors.push({ page, pattern, reason, seen: false });
}

function watchPage(page: Page): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const expected = expectedErrors.find((entry) => entry.page === page && !entry.seen && entry.pattern.test(message.text()));
    if (expected) {
      expected.seen = true;
      return;
    }
    const { url, lineNumber } = message.location();
    pageProblems.push({ url: page.url(), kind: 'console', text: `${message.text()}${url ? ` (${url}:${lineNumber})` : ''}` });
  });
  page.on('pageerror', (error) => pageProblems.push({ url: page.url(), kind: 'pageerror', text: `${error.name}: ${error.message}` }));
}

/** Records every console error and uncaught exception of every page the context opens. */
export function watchContext(context: BrowserContext): BrowserContext {
  for (const page of context.pages()) watchPage(page);
  context.on('page', watchPage);
  return context;
}

/**
 * Makes every test of a browser file fail when any page it opened logged a console error (a
 * hydration mismatch, a failed resource such as a missing favicon, a CSP refusal) or threw:
 * a reader sees none of these, so a journey that passes with them hides a broken page. Call once,
 * after useWikiInBrowser; every context the file's browser opens (newContext, newPage) is watched.
 */
export function failOnPageErrors(suite: { browser: () => Browser }): void {
  beforeAll(() => {
    const browser = suite.browser();
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (options?: BrowserContextOptions) => watchContext(await newContext(options));
  });
  afterEach(() => {
    const found = pageProblems.splice(0);
    const unmet = expectedErrors
      .splice(0)
      .filter((entry) => !entry.seen)
      .map((entry) => `${entry.pattern} (${entry.reason})`);
    expect(found, 'console errors or uncaught exceptions in the pages this test visited').toEqual([]);
    expect(unmet, 'console errors the test expected but that did not happen').toEqual([]);
  });
}

export const TEST_PASSWORD = 'telefono azzurro fan since 1987';

/** Creates an account through the real form and waits until the header shows the new user. */
export async function signUp(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/wiki/Special:CreateAccount`);
  // The account forms sign in from the browser (next-auth's client): a click before the form's own
  // chunk has hydrated would post it as a plain form (components/LazyForms.tsx).
  await waitForHydration(page.getByRole('button', { name: 'Create your account' }));
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByLabel('Confirm password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Create your account' }).click();
  await page.waitForURL(/\/wiki\/Main_Page$/);
  await page.getByRole('navigation', { name: 'Personal tools' }).getByText(name).waitFor();
}

/** Signs in through the real form and waits until the header shows the user. */
export async function signIn(page: Page, baseUrl: string, name: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/wiki/Special:UserLogin`);
  await waitForHydration(page.getByRole('button', { name: 'Log in' }));
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Personal tools' }).getByText(name).waitFor();
}

/** Saves new text through the edit form and waits for the article. */
export async function editThroughForm(page: Page, baseUrl: string, key: string, content: string, summary = ''): Promise<void> {
  await page.goto(`${baseUrl}/wiki/${key}?action=edit`);
  await fillContent(page, content);
  await page.getByLabel('Summary').fill(summary);
  await page.getByRole('button', { name: 'Save page' }).click();
  await page.waitForURL(new RegExp(`/wiki/${key}(\\?postedit=merged)?$`));
}

/**
 * Fills the edit form's Content box once the form has settled: hydrated, and the code editor swapped
 * in for the textarea. Playwright resolves a locator once per action and only looks again when the
 * element leaves the page; a textarea hidden by the swap (it stays in the form) kept a fill waiting
 * for it to be visible until the test's time ran out. Not for contexts without JavaScript.
 */
export async function fillContent(page: Page, text: string): Promise<void> {
  await waitForHydration(page.getByLabel('Content'));
  await page.getByLabel('Content').fill(text);
}

/**
 * Waits until `target` stays where it is for a few frames. Below the code editor the form moves
 * while CodeMirror measures its lines (after it mounts, after a text is put in): a click whose
 * press and release land on different elements clicks nothing, and Playwright's check that the
 * press hits the target cannot see a move between the two.
 */
export async function waitForSteadyPosition(target: Locator): Promise<void> {
  await target.evaluate(
    (element) =>
      new Promise<void>((resolve) => {
        let last = '';
        let steady = 0;
        const started = performance.now();
        const check = () => {
          const box = element.getBoundingClientRect();
          const position = `${box.x},${box.y},${box.width},${box.height}`;
          steady = position === last ? steady + 1 : 0;
          last = position;
          if (steady >= 5 || performance.now() - started > 5000) resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
}

/**
 * Clicks `target` once its position is steady, and waits until `done` holds; when it does not
 * within 10 s, clicks once more (as a reader would) and waits again: a second miss fails.
 */
export async function clickUntil(target: Locator, done: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await waitForSteadyPosition(target);
    await target.click();
    try {
      await expect.poll(done, { timeout: 10_000 }).toBe(true);
      return;
    } catch (error) {
      if (attempt === 2) throw error;
      console.log(`${what}: no effect 10 s after the click; clicking again.`);
    }
  }
}

/**
 * Checks a checkbox whose state React controls (the edit form's preview toggles). Playwright's
 * check() reads the state back at once and fails when React commits it a moment later; this clicks
 * (once the box stopped moving) and waits for the box to read checked.
 */
export async function checkControlledBox(box: Locator): Promise<void> {
  if (await box.isChecked()) return;
  await clickUntil(box, () => box.isChecked(), 'checkbox');
}

/**
 * Waits until React has hydrated the element. Text typed into the edit form of an existing page
 * before that is reset to the original by hydration (a known bug, reported: the save then becomes
 * a null edit), and a search box does not suggest yet. React marks hydrated nodes with its props
 * (`__reactProps$…`), an internal but long-stable key.
 */
export async function waitForHydration(target: Locator): Promise<void> {
  await target.waitFor();
  await target.evaluate(
    (element) =>
      new Promise<void>((resolve) => {
        // The edit form's code editor (components/editor/) is mounted only after hydration, so an
        // element of it is hydrated by definition; React never rendered it, hence no props key.
        const hydrated = () => element.closest('.cm-editor') !== null || Object.keys(element).some((key) => key.startsWith('__reactProps$'));
        // The edit form's textarea is swapped for the code editor (a chunk loaded after hydration):
        // a test that typed into it meanwhile would find it hidden under its hands. Wait for the swap.
        const editorLoading = () => element instanceof HTMLTextAreaElement && element.id === 'wpTextbox1' && !element.hidden;
        const check = () => (hydrated() && !editorLoading() ? resolve() : setTimeout(check, 20));
        check();
      }),
  );
}

/**
 * The text of the edit form's Content box, as the form would post it (the textarea #wpTextbox1).
 * With the code editor up, the label names the editor (whose lines are not an input value) and the
 * textarea is hidden: this waits until the editor shows the same text, and fails if it never does.
 */
export async function contentText(page: Page): Promise<string> {
  const field = page.locator('#wpTextbox1');
  await field.waitFor({ state: 'attached' });
  return field.evaluate(
    (textarea: HTMLTextAreaElement) =>
      new Promise<string>((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          const editor = document.querySelector('.cm-content');
          if (!editor) return resolve(textarea.value);
          // Lines outside the viewport are not drawn (a .cm-gap stands for them): those drawn must
          // then appear in order; a short text must match exactly.
          const lines = [...editor.querySelectorAll('.cm-line')].map((line) => line.textContent ?? '');
          const shown = editor.querySelector('.cm-gap') ? textarea.value.includes(lines.slice(0, 3).join('\n')) : lines.join('\n') === textarea.value;
          if (shown) return resolve(textarea.value);
          if (Date.now() - started > 5000)
            return reject(new Error(`The editor shows ${JSON.stringify(lines.join('\n').slice(0, 200))}, the form holds ${JSON.stringify(textarea.value.slice(0, 200))}`));
          setTimeout(check, 20);
        };
        check();
      }),
  );
}

/**
 * A fresh browser context reading the wiki in English unless told otherwise. The interface
 * language follows Accept-Language (which Chromium derives from `locale`), so every journey names
 * its language instead of inheriting the machine's.
 */
export async function newWikiContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ locale: 'en-US', ...options });
}

/** Signs a new account up in a throwaway context and returns its cookies, for contexts that start signed in. */
export async function signedUpState(browser: Browser, baseUrl: string, name: string): Promise<StorageState> {
  const context = await newWikiContext(browser);
  await signUp(await context.newPage(), baseUrl, name);
  const state = await context.storageState();
  await context.close();
  return state;
}

/** Signs an existing account in in a throwaway context and returns its cookies. */
export async function signedInState(browser: Browser, baseUrl: string, name: string, password: string): Promise<StorageState> {
  const context = await newWikiContext(browser);
  await signIn(await context.newPage(), baseUrl, name, password);
  const state = await context.storageState();
  await context.close();
  return state;
}

/** True when `target` holds the keyboard focus. */
export async function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement);
}

/**
 * Presses Tab until `target` has the focus, as a keyboard user would, and returns how many presses
 * it took; fails with the elements visited when it is not reached within `maxPresses`.
 */
export async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<number> {
  const visited: string[] = [];
  for (let presses = 1; presses <= maxPresses; presses += 1) {
    await page.keyboard.press('Tab');
    if (await hasFocus(target)) return presses;
    visited.push(
      await page.evaluate(() => {
        const element = document.activeElement;
        if (!element) return '(nothing)';
        const label = element.getAttribute('aria-label') ?? (element as HTMLElement).innerText?.slice(0, 40) ?? '';
        return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} ${label}`.trim();
      }),
    );
  }
  throw new Error(`Tab never reached the target after ${maxPresses} presses; focus went through:\n${visited.join('\n')}`);
}

/** Whether the focused element shows a focus indicator (an outline or a box shadow), as computed. */
export async function focusIndicatorShown(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return false;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== 'none';
  });
}

/**
 * The element the address's fragment points at (CSS :target), with whether the reader can see it
 * (some of it inside the viewport): what "the link took me there" means.
 */
export async function fragmentTarget(page: Page): Promise<{ id: string; tag: string; text: string; inViewport: boolean } | null> {
  return page.evaluate(() => {
    const element = document.querySelector(':target');
    if (!element) return null;
    const box = element.getBoundingClientRect();
    return { id: element.id, tag: element.tagName.toLowerCase(), text: (element.textContent ?? '').trim(), inViewport: box.bottom > 0 && box.top < window.innerHeight };
  });
}

/** A page's revision ids, newest first, from the REST API's history (for building diff and permalink addresses). */
export async function revisionIds(baseUrl: string, key: string): Promise<number[]> {
  const response = await fetch(`${baseUrl}/w/rest.php/v1/page/${encodeURIComponent(key)}/history`);
  if (!response.ok) throw new Error(`History of ${key}: HTTP ${response.status}`);
  const body = (await response.json()) as { revisions: { id: number }[] };
  return body.revisions.map((revision) => revision.id);
}

/** A page's current wikitext from the REST API. */
export async function pageSource(baseUrl: string, key: string): Promise<string> {
  const response = await fetch(`${baseUrl}/w/rest.php/v1/page/${encodeURIComponent(key)}`);
  if (!response.ok) throw new Error(`Source of ${key}: HTTP ${response.status}`);
  return ((await response.json()) as { source: string }).source;
}
