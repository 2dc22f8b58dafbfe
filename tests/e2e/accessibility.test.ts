import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import {
  editThroughForm,
  failOnPageErrors,
  focusIndicatorShown,
  hasFocus,
  newWikiContext,
  pageSource,
  revisionIds,
  signedUpState,
  tabTo,
  waitForHydration,
} from '../support/browser';
import { describeFindings, findingsAsMarkdown, isBlocking, runAxe, type AxeFinding } from '../support/axe';
import { projectRoot } from '../support/wiki-server';

/**
 * Issue 7's accessibility bar in Chromium: axe-core finds no serious or critical violation on the
 * main pages (English in the light scheme, Italian in the dark one), the wiki works from the
 * keyboard alone, every page has its landmarks, and diffs do not rely on colour.
 */
const suite = useSharedWikiInBrowser();
failOnPageErrors(suite);
const base = () => suite.wiki().baseUrl;
const EDITOR = 'Keyboard Fan';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
let editorState: StorageState;
let diffPath: string;
const allFindings: AxeFinding[] = [];

beforeAll(async () => {
  editorState = await signedUpState(suite.browser(), base(), EDITOR);
  // A word changed in one line and a line added: the diff shows both kinds of change.
  const context = await newWikiContext(suite.browser(), { storageState: editorState });
  // A sentence of the seed that no other test edits (this wiki is shared with other files).
  const source = await pageSource(base(), 'ECPAT');
  const changed = source.replace('based in Bangkok, Thailand.', 'based in Bangkok, Thailand, by the Chao Phraya.');
  if (changed === source) throw new Error('ECPAT no longer has the sentence this audit changes.');
  const edited = `${changed}\n\nFans translated the Code of Conduct into Italian.`;
  await editThroughForm(await context.newPage(), base(), 'ECPAT', edited, 'the river and a fan note');
  await context.close();
  const [latest, previous] = await revisionIds(base(), 'ECPAT');
  if (previous === undefined) throw new Error('The setup edit of ECPAT was not saved: there is nothing to compare.');
  diffPath = `/wiki/ECPAT?diff=${latest}&oldid=${previous}`;
  await uploadThroughForm();
});

/** A file for the File page's audit, uploaded as a reader would: Special:Upload's picker and button. */
async function uploadThroughForm(): Promise<void> {
  const context = await newWikiContext(suite.browser(), { storageState: editorState });
  const page = await context.newPage();
  await page.goto(`${base()}/wiki/Special:Upload`);
  const picker = page.getByLabel('File to upload');
  await waitForHydration(picker);
  const buffer = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 29, g: 79, b: 145 } } })
    .png()
    .toBuffer();
  await picker.setInputFiles({ name: 'accessible logo.png', mimeType: 'image/png', buffer });
  await page.getByLabel('Description').fill('A blue rectangle, for the accessibility audit.');
  await page.getByRole('button', { name: 'Upload file' }).click();
  await page.waitForURL(/\/wiki\/File:Accessible_logo\.png$/);
  await context.close();
}

// The latest full list, for whoever fixes them (CI keeps test-results/ as an artifact).
afterAll(async () => {
  const file = path.join(projectRoot, 'test-results', 'axe-findings.md');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `# axe findings (all impacts)\n\n${allFindings.length === 0 ? 'None.' : findingsAsMarkdown(allFindings)}\n`);
});

interface AuditedPage {
  name: string;
  path: () => string;
  /** Signed-out pages (sign-in) are audited without the editor's session. */
  signedOut?: boolean;
  /** Brings the page into the state to audit after it loads. */
  prepare?: (page: Page) => Promise<void>;
}

const PAGES: AuditedPage[] = [
  { name: 'Main Page', path: () => '/wiki/Main_Page' },
  {
    name: 'search suggestions',
    path: () => '/wiki/Main_Page',
    prepare: async (page) => {
      await waitForHydration(page.getByRole('search').getByRole('combobox'));
      await page.getByRole('search').getByRole('combobox').pressSequentially('ECP');
      await page.getByRole('search').getByRole('option').first().waitFor();
    },
  },
  { name: 'article', path: () => '/wiki/ECPAT' },
  { name: 'edit', path: () => '/wiki/ECPAT?action=edit' },
  { name: 'history', path: () => '/wiki/ECPAT?action=history' },
  { name: 'diff', path: () => diffPath },
  { name: 'recent changes', path: () => '/wiki/Special:RecentChanges' },
  { name: 'File page', path: () => '/wiki/File:Accessible_logo.png' },
  { name: 'upload', path: () => '/wiki/Special:Upload' },
  { name: 'search results', path: () => '/wiki/Special:Search?search=children&fulltext=1' },
  // The editor's edit in beforeAll put ECPAT on their watchlist (automatic watching).
  { name: 'watchlist', path: () => '/wiki/Special:Watchlist?extended=1' },
  { name: 'edit watchlist', path: () => '/wiki/Special:EditWatchlist' },
  { name: 'raw watchlist', path: () => '/wiki/Special:EditWatchlist/raw' },
  { name: 'preferences', path: () => '/wiki/Special:Preferences' },
  { name: 'notifications', path: () => '/wiki/Special:Notifications' },
  { name: 'sign-in', path: () => '/wiki/Special:UserLogin', signedOut: true },
];

const MODES = [
  { label: 'English, light', locale: 'en-US', colorScheme: 'light' },
  { label: 'Italian, dark', locale: 'it-IT', colorScheme: 'dark' },
] as const;

/** The landmarks and the single h1 every page needs; returns what is missing. */
async function structureProblems(page: Page): Promise<string[]> {
  const counts = {
    banner: await page.getByRole('banner').count(),
    navigation: await page.getByRole('navigation').count(),
    main: await page.getByRole('main').count(),
    contentinfo: await page.getByRole('contentinfo').count(),
    h1: await page.getByRole('heading', { level: 1 }).count(),
  };
  const problems: string[] = [];
  for (const landmark of ['banner', 'navigation', 'contentinfo'] as const) if (counts[landmark] === 0) problems.push(`no ${landmark} landmark`);
  if (counts.main !== 1) problems.push(`${counts.main} main landmarks`);
  if (counts.h1 !== 1) problems.push(`${counts.h1} h1 headings`);
  return problems;
}

describe('axe-core on the main pages', () => {
  it.each(MODES)('finds no serious or critical violation ($label), and every page has its landmarks and one h1', async ({ label, locale, colorScheme }) => {
    // bypassCSP: axe goes in as a script tag, which the wiki's Content-Security-Policy refuses.
    const options = { locale, colorScheme, bypassCSP: true };
    const signedIn = await newWikiContext(suite.browser(), { ...options, storageState: editorState });
    const signedOut = await newWikiContext(suite.browser(), options);
    const findings: AxeFinding[] = [];
    const structure: Record<string, string[]> = {};
    try {
      // One tab per context, navigated from page to page: a new tab per page cost Chromium about
      // 1.2 CPU-s more each (docs/testing.md); every navigation still loads a whole document.
      const tabs = { signedIn: await signedIn.newPage(), signedOut: await signedOut.newPage() };
      for (const audited of PAGES) {
        const page = audited.signedOut ? tabs.signedOut : tabs.signedIn;
        await page.goto(`${base()}${audited.path()}`);
        await audited.prepare?.(page);
        findings.push(...(await runAxe(page, `${label}: ${audited.name}`)));
        const problems = await structureProblems(page);
        if (problems.length > 0) structure[audited.name] = problems;
      }
    } finally {
      await signedIn.close();
      await signedOut.close();
    }
    allFindings.push(...findings);
    expect(structure).toEqual({});
    const blocking = findings.filter(isBlocking).map((finding) => `${finding.impact} ${finding.id} on ${finding.where}`);
    expect(blocking, `Serious or critical axe violations. All findings, with their nodes:\n${describeFindings(findings)}\n`).toEqual([]);
  });
});

describe('the keyboard alone', () => {
  it('reaches a visible "Skip to content" link first, and Enter on it moves on into the main content', async () => {
    const context = await newWikiContext(suite.browser());
    const page = await context.newPage();
    await page.goto(`${base()}/wiki/ECPAT`);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect(await hasFocus(skip)).toBe(true);
    // Visible when focused: a real box inside the viewport, not a 1-pixel clip, with a focus ring.
    const box = await skip.boundingBox();
    expect(box && box.width > 20 && box.height > 10 && box.y >= 0 && box.y < 740).toBe(true);
    expect(await focusIndicatorShown(page)).toBe(true);

    await page.keyboard.press('Enter');
    await page.waitForURL(/#content$/);
    // Whether the browser focuses <main> or only moves its starting point there, the next Tab
    // lands inside the main content, past the header and the sidebar.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement !== document.body && document.activeElement?.closest('main') !== null)).toBe(true);
    await context.close();
  });

  it('edits and saves a page: Tab to the labelled Content box, type, Tab to Summary, Tab to Save page, Enter', async () => {
    const context = await newWikiContext(suite.browser(), { storageState: editorState });
    const page = await context.newPage();
    await page.goto(`${base()}/wiki/Keyboard_notes?action=edit`);
    await waitForHydration(page.getByLabel('Content', { exact: true }));

    await tabTo(page, page.getByLabel('Content', { exact: true }));
    expect(await focusIndicatorShown(page)).toBe(true);
    await page.keyboard.type('Written with the keyboard alone.');
    // The summary comes right after the text, as the visual order suggests.
    expect(await tabTo(page, page.getByLabel('Summary', { exact: true }))).toBe(1);
    await page.keyboard.type('keyboard only');
    await tabTo(page, page.getByRole('button', { name: 'Save page' }), 10);
    expect(await focusIndicatorShown(page)).toBe(true);
    await page.keyboard.press('Enter');

    await page.waitForURL(/\/wiki\/Keyboard_notes$/);
    expect(await page.getByRole('main').textContent()).toContain('Written with the keyboard alone.');
    await page.goto(`${base()}/wiki/Keyboard_notes?action=history`);
    expect(await page.getByRole('main').textContent()).toContain('keyboard only');
    await context.close();
  });
});

describe('diffs', () => {
  it('tell changes by visible −/+ markers and by words for screen readers, not by colour alone', async () => {
    const context = await newWikiContext(suite.browser());
    const page = await context.newPage();
    await page.goto(`${base()}${diffPath}`);
    const table = page.getByRole('table').filter({ hasText: 'Chao Phraya' });

    const changed = table.getByRole('row').filter({ hasText: 'Chao Phraya' });
    await changed.getByText('−', { exact: true }).waitFor();
    await changed.getByText('+', { exact: true }).waitFor();
    expect(await changed.getByRole('insertion').allTextContents()).toEqual([expect.stringContaining('Chao Phraya')]);
    const changedSpoken = await changed.ariaSnapshot();
    expect(changedSpoken).toContain('Changed line, before:');
    expect(changedSpoken).toContain('Changed line, after:');

    const added = table.getByRole('row').filter({ hasText: 'Fans translated the Code of Conduct' });
    await added.getByText('+', { exact: true }).waitFor();
    expect(await added.ariaSnapshot()).toContain('Added line: Fans translated the Code of Conduct into Italian.');
    // The table says what the markers mean.
    expect(await table.ariaSnapshot()).toMatch(/marked − were removed, lines marked \+ added/);
    await context.close();
  });
});
