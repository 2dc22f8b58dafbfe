import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSharedWikiInBrowser } from '../support/e2e-suite';
import {
  checkControlledBox,
  contentText,
  editThroughForm,
  expectConsoleError,
  failOnPageErrors,
  fillContent,
  fragmentTarget,
  newWikiContext,
  pageSource,
  revisionIds,
  signUp,
  waitForHydration,
} from '../support/browser';

/**
 * Issue 7's journeys 1 to 4 in Chromium against the production server, on one wiki: a reader
 * studying an article, a newcomer's first edits, two fans editing the same line at once, and the
 * everyday tools for fixing and organizing pages. Each step asserts what the user sees.
 * Journey 5 (administrators) and the screenshots are in journeys-admin.test.ts.
 */
const suite = useSharedWikiInBrowser();
failOnPageErrors(suite);
const base = () => suite.wiki().baseUrl;

/** The history's entries (one per revision: each has the compare radio buttons), newest first. */
function historyEntries(page: Page) {
  return page
    .getByRole('main')
    .getByRole('listitem')
    .filter({ has: page.getByRole('radio') });
}

describe('journey 1: a reader', () => {
  it('finds ECPAT through the search suggestions, follows a footnote and back, jumps from the contents, compares two revisions and opens a permalink', async () => {
    // A fan's edit on top of the imported text, so the history has two revisions to compare.
    const editor = await newWikiContext(suite.browser());
    const editorPage = await editor.newPage();
    await signUp(editorPage, base(), 'Reader journey editor');
    const imported = await pageSource(base(), 'ECPAT');
    await editThroughForm(editorPage, base(), 'ECPAT', `${imported}\n\nFans gathered in Bologna in 2024.`, 'fan gathering');
    await editor.close();

    const context = await newWikiContext(suite.browser());
    const page = await context.newPage();
    await page.goto(`${base()}/wiki/Main_Page`);
    await page.getByRole('heading', { level: 1, name: 'Main Page' }).waitFor();

    // Suggestions appear while typing; choosing one opens the article.
    const search = page.getByRole('combobox', { name: 'Search the wiki' });
    await waitForHydration(search);
    await search.pressSequentially('ECPAT');
    const suggestion = page.getByRole('listbox', { name: 'Suggested pages' }).getByRole('option', { name: 'ECPAT', exact: true });
    await suggestion.waitFor();
    await suggestion.click();
    await page.waitForURL(/\/wiki\/ECPAT$/);
    await page.getByRole('heading', { level: 1, name: 'ECPAT' }).waitFor();

    // Footnote 1: the reference takes the reader to the note, the note's back link to the reference.
    const main = page.getByRole('main');
    await main.getByRole('link', { name: '1', exact: true }).first().click();
    await page.waitForURL(/#user-content-fn-1$/);
    expect(await fragmentTarget(page)).toMatchObject({ id: 'user-content-fn-1', tag: 'li', inViewport: true });
    await main.getByRole('link', { name: 'Back to reference 1' }).click();
    await page.waitForURL(/#user-content-fnref-1$/);
    expect(await fragmentTarget(page)).toMatchObject({ id: 'user-content-fnref-1', text: '1', inViewport: true });

    // The table of contents jumps to its heading.
    await page
      .getByRole('navigation', { name: 'Contents' })
      .getByRole('link', { name: /ECPAT Philippines/ })
      .click();
    await page.waitForURL(/#[\w-]*philippines$/i);
    expect(await fragmentTarget(page)).toMatchObject({ tag: 'h2', text: 'ECPAT Philippines', inViewport: true });

    // History: the fan's edit on top, with its summary, above the revisions before it (the wiki's
    // other edits of ECPAT among them); compare the one before it with it.
    await page.getByRole('link', { name: 'View history', exact: true }).first().click();
    await page.waitForURL(/\/wiki\/ECPAT\?action=history$/);
    const entries = historyEntries(page);
    expect(await entries.count()).toBeGreaterThanOrEqual(2);
    expect(await entries.first().textContent()).toContain('fan gathering');
    await entries
      .nth(1)
      .getByRole('radio', { name: /older side/ })
      .check();
    await entries
      .first()
      .getByRole('radio', { name: /newer side/ })
      .check();
    await main.getByRole('button', { name: 'Compare selected revisions' }).first().click();
    await page.waitForURL(/\/wiki\/ECPAT\?diff=\d+&oldid=\d+$/);
    await page.getByRole('heading', { level: 1, name: 'ECPAT: difference between revisions' }).waitFor();
    const addedRow = main.getByRole('table').getByRole('row').filter({ hasText: 'Fans gathered in Bologna in 2024.' });
    // Told by a + marker and words for screen readers, not by colour alone.
    expect(await addedRow.textContent()).toContain('+');
    expect(await addedRow.textContent()).toContain('Added line: Fans gathered in Bologna in 2024.');

    // The older side's heading is a permalink: the page as it was, flagged as an old revision.
    await main
      .getByRole('link', { name: /^Revision as of / })
      .first()
      .click();
    await page.waitForURL(/\/wiki\/ECPAT\?oldid=\d+$/);
    expect(await page.getByRole('note').first().textContent()).toMatch(/^This is an old revision of this page, as edited by /);
    expect(await main.textContent()).toContain('Rafto Prize');
    expect(await main.textContent()).not.toContain('Fans gathered in Bologna');
    await context.close();
  });
});

describe('journey 2: a new contributor', () => {
  it('creates an account, watches the live preview, saves with a summary, finds it in the history and creates a page from a red link', async () => {
    const context = await newWikiContext(suite.browser());
    const page = await context.newPage();
    await signUp(page, base(), 'Contributor journey');
    const main = page.getByRole('main');
    // The page's own text, not the Main Page's statistics box that also links to new pages.
    const article = main.getByRole('article').first();

    await page.goto(`${base()}/wiki/Main_Page`);
    await page.getByRole('link', { name: 'Edit', exact: true }).first().click();
    await page.waitForURL(/\/wiki\/Main_Page\?action=edit$/);
    await waitForHydration(page.getByLabel('Content'));
    await checkControlledBox(page.getByLabel('Live preview'));
    await page.getByLabel('Content').focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nThe **fan club** meets at the [[Fan club meetings]].');

    // The preview renders the markdown as typed, and nothing is saved yet.
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.locator('strong', { hasText: 'fan club' }).waitFor();
    await preview.getByRole('link', { name: 'Fan club meetings' }).waitFor();
    expect(await (await fetch(`${base()}/wiki/Main_Page`)).text()).not.toContain('meets at the');

    await page.getByLabel('Summary').fill('Invite readers to the fan club');
    await page.getByRole('button', { name: 'Save page' }).click();
    await page.waitForURL(/\/wiki\/Main_Page$/);
    expect(await main.textContent()).toContain('The fan club meets at the Fan club meetings.');

    await page.getByRole('link', { name: 'View history', exact: true }).first().click();
    await page.waitForURL(/action=history$/);
    const newest = historyEntries(page).first();
    expect(await newest.textContent()).toContain('Invite readers to the fan club');
    expect(await newest.textContent()).toContain('Contributor journey');

    // The new link is red: following it opens the editor of the missing page.
    await page.goto(`${base()}/wiki/Main_Page`);
    const redLink = article.getByRole('link', { name: 'Fan club meetings' });
    expect(await redLink.getAttribute('title')).toContain('(page does not exist)');
    await redLink.click();
    await page.waitForURL(/\/wiki\/Fan_club_meetings\?action=edit/);
    await waitForHydration(page.getByLabel('Content'));
    await fillContent(page, 'Fans meet on the first Saturday of each month.');
    await page.getByLabel('Summary').fill('first meeting notes');
    await page.getByRole('button', { name: 'Save page' }).click();
    await page.waitForURL(/\/wiki\/Fan_club_meetings$/);
    await page.getByRole('heading', { level: 1, name: 'Fan club meetings' }).waitFor();
    expect(await main.textContent()).toContain('Fans meet on the first Saturday of each month.');

    // Back on the Main Page the link is now an ordinary (blue) one.
    await page.goto(`${base()}/wiki/Main_Page`);
    expect((await article.getByRole('link', { name: 'Fan club meetings' }).getAttribute('title')) ?? '').not.toContain('does not exist');
    await context.close();
  });
});

describe('journey 3: an edit conflict', () => {
  it('two fans change the same line; the second gets the conflict screen with their text kept, resolves it and saves; both edits are in the history', async () => {
    const [first, second] = [await newWikiContext(suite.browser()), await newWikiContext(suite.browser())];
    const marco = await first.newPage();
    const sara = await second.newPage();
    await signUp(marco, base(), 'Marco Journey');
    await signUp(sara, base(), 'Sara Journey');
    await editThroughForm(marco, base(), 'Fan_meeting', 'Fans meet twice a year.\n\nThe next meeting is on Monday.\n\nBring a friend.', 'announce the meeting');

    // Both open the form on the same revision and change the same line differently.
    await marco.goto(`${base()}/wiki/Fan_meeting?action=edit`);
    await sara.goto(`${base()}/wiki/Fan_meeting?action=edit`);
    await waitForHydration(marco.getByLabel('Content'));
    await waitForHydration(sara.getByLabel('Content'));
    await fillContent(marco, 'Fans meet twice a year.\n\nThe next meeting is on Tuesday.\n\nBring a friend.');
    await marco.getByLabel('Summary').fill('moved to Tuesday');
    const saraText = 'Fans meet twice a year.\n\nThe next meeting is on Friday.\n\nBring a friend.';
    await fillContent(sara, saraText);
    await sara.getByLabel('Summary').fill('moved to Friday');
    await marco.getByRole('button', { name: 'Save page' }).click();
    await marco.waitForURL(/\/wiki\/Fan_meeting$/);
    await sara.getByRole('button', { name: 'Save page' }).click();

    // Sara: a conflict, the current text to edit, her own text kept beside it and the differences.
    const alert = sara.getByRole('alert').filter({ hasText: 'Edit conflict' });
    await alert.waitFor();
    expect(await contentText(sara)).toContain('The next meeting is on Tuesday.');
    expect(await sara.getByLabel('Your version (not saved)').inputValue()).toBe(saraText);
    expect(await sara.getByRole('table').filter({ hasText: 'The next meeting is on Friday.' }).count()).toBe(1);
    expect(await sara.getByLabel('Summary').inputValue()).toBe('moved to Friday');

    await fillContent(sara, 'Fans meet twice a year.\n\nThe next meeting is on Tuesday or Friday: vote on the talk page.\n\nBring a friend.');
    await sara.getByRole('button', { name: 'Save page' }).click();
    await sara.waitForURL(/\/wiki\/Fan_meeting$/);
    expect(await sara.getByRole('main').textContent()).toContain('The next meeting is on Tuesday or Friday: vote on the talk page.');

    await sara.goto(`${base()}/wiki/Fan_meeting?action=history`);
    const entries = await historyEntries(sara).allTextContents();
    expect(entries).toHaveLength(3);
    expect(entries[0]).toContain('Sara Journey');
    expect(entries[0]).toContain('moved to Friday');
    expect(entries[1]).toContain('Marco Journey');
    expect(entries[1]).toContain('moved to Tuesday');
    await first.close();
    await second.close();
  });
});

describe('journey 4: fixing and organizing pages', () => {
  it('undoes an older edit, restores an old version, adds a talk-page topic, moves the page and follows the redirect', async () => {
    const context = await newWikiContext(suite.browser());
    const page = await context.newPage();
    const main = page.getByRole('main');
    await signUp(page, base(), 'Curator Journey');
    const v1 = 'The helpline opened in 1987.\n\nIt answers children and teenagers.\n\nVolunteers train for months.';
    await editThroughForm(page, base(), 'Helpline_facts', v1, 'first draft');
    await editThroughForm(page, base(), 'Helpline_facts', v1.replace('in 1987.', 'in 1987 in Rome.'), 'wrong city');
    await editThroughForm(page, base(), 'Helpline_facts', v1.replace('in 1987.', 'in 1987 in Rome.').replace('for months', 'for many months'), 'training');

    // Undo the middle edit from the history: the later edit survives.
    await page.getByRole('link', { name: 'View history', exact: true }).first().click();
    await page.waitForURL(/action=history$/);
    await historyEntries(page).filter({ hasText: 'wrong city' }).getByRole('link', { name: 'undo' }).click();
    await page.waitForURL(/action=edit&.*\bundo=\d+/);
    await waitForHydration(page.getByLabel('Content'));
    await page.getByText('The edit can be undone.', { exact: false }).waitFor();
    expect(await contentText(page)).toBe(v1.replace('for months', 'for many months'));
    await page.getByRole('button', { name: 'Save page' }).click();
    await page.waitForURL(/\/wiki\/Helpline_facts$/);
    expect(await main.textContent()).not.toContain('Rome');
    expect(await main.textContent()).toContain('Volunteers train for many months.');

    // Restore the first draft from its permalink.
    await page.goto(`${base()}/wiki/Helpline_facts?action=history`);
    await historyEntries(page)
      .filter({ hasText: 'first draft' })
      .getByRole('link')
      .filter({ has: page.locator('time') })
      .click();
    await page.waitForURL(/oldid=\d+$/);
    await waitForHydration(page.getByRole('button', { name: 'Restore this version' }));
    await page.getByRole('button', { name: 'Restore this version' }).click();
    await page.waitForURL(/\/wiki\/Helpline_facts$/);
    expect(await main.textContent()).toContain('Volunteers train for months.');
    await page.goto(`${base()}/wiki/Helpline_facts?action=history`);
    expect(await historyEntries(page).first().textContent()).toMatch(/Restored revision \d+ by Curator Journey/);

    // The talk page: the red Discussion tab creates it; then Add topic starts a signed thread.
    await page.goto(`${base()}/wiki/Helpline_facts`);
    await page.getByRole('link', { name: 'Discussion', exact: true }).click();
    await page.waitForURL(/\/wiki\/Talk:Helpline_facts\?action=edit/);
    // The editor of the new talk page keeps the Article / Discussion tabs and offers Add topic.
    const tabs = page.getByRole('navigation', { name: 'Page actions' });
    expect(await tabs.getByRole('link', { name: 'Article', exact: true }).getAttribute('href')).toBe('/wiki/Helpline_facts');
    expect(await tabs.getByRole('link', { name: 'Add topic', exact: true }).getAttribute('href')).toBe('/wiki/Talk:Helpline_facts?action=edit&section=new');
    await waitForHydration(page.getByLabel('Content'));
    await fillContent(page, 'Notes about the helpline facts page.');
    await page.getByRole('button', { name: 'Save page' }).click();
    await page.waitForURL(/\/wiki\/Talk:Helpline_facts$/);
    await page.getByRole('link', { name: 'Add topic', exact: true }).click();
    await page.waitForURL(/section=new/);
    await waitForHydration(page.getByLabel('Subject'));
    await page.getByLabel('Subject').fill('Sources for 1987');
    await fillContent(page, 'Where does the opening year come from?');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/wiki\/Talk:Helpline_facts$/);
    await main.getByRole('heading', { name: 'Sources for 1987' }).waitFor();
    expect(await main.textContent()).toMatch(/Where does the opening year come from\?.*Curator Journey/s);

    // Move the page: the old title redirects to the new one and says so.
    await page.goto(`${base()}/wiki/Helpline_facts`);
    await page.getByRole('link', { name: 'Move', exact: true }).click();
    await page.waitForURL(/Special:MovePage\/Helpline_facts/);
    await waitForHydration(page.getByLabel('New title'));
    await page.getByLabel('New title').fill('Helpline history');
    await page.getByLabel('Reason').fill('a clearer title');
    await page.getByRole('button', { name: 'Move page' }).click();
    await main.getByText('has been moved to').waitFor();
    expect(await main.textContent()).toContain('The associated talk page was moved too.');
    await page.goto(`${base()}/wiki/Helpline_facts`);
    await page.waitForURL(/\/wiki\/Helpline_history\?rdfrom=Helpline_facts$/);
    await page.getByRole('heading', { level: 1, name: 'Helpline history' }).waitFor();
    expect(await main.textContent()).toContain('(Redirected from Helpline facts)');
    expect(await main.textContent()).toContain('Volunteers train for months.');
    // The note links to the redirect itself, which says where it points.
    await main.getByRole('link', { name: 'Helpline facts' }).click();
    await page.waitForURL(/\/wiki\/Helpline_facts\?redirect=no$/);
    await main.getByRole('link', { name: 'Helpline history' }).first().waitFor();
    await context.close();
  });
});

describe('papercuts a new reader met', () => {
  it('reaches ECPAT from /wiki/ecpat in one redirect, and keeps the query', async () => {
    const once = await fetch(`${base()}/wiki/ecpat`, { redirect: 'manual' });
    expect(once.status).toBe(308);
    expect(new URL(once.headers.get('location')!, base()).pathname).toBe('/wiki/ECPAT');
    const withQuery = await fetch(`${base()}/wiki/ecpat?action=history`, { redirect: 'manual' });
    expect(new URL(withQuery.headers.get('location')!, base()).href).toBe(`${base()}/wiki/ECPAT?action=history`);
    // A spelling with no page of any case goes to the canonical title, which says the page is missing.
    const missing = await fetch(`${base()}/wiki/not written yet`, { redirect: 'manual' });
    expect(new URL(missing.headers.get('location')!, base()).pathname).toBe('/wiki/Not_written_yet');

    const context = await newWikiContext(suite.browser());
    const page = await context.newPage();
    const response = await page.goto(`${base()}/wiki/ecpat`);
    const chain: string[] = [];
    for (let request = response!.request().redirectedFrom(); request; request = request.redirectedFrom()) chain.push(new URL(request.url()).pathname);
    expect(chain).toEqual(['/wiki/ecpat']);
    expect(new URL(page.url()).pathname).toBe('/wiki/ECPAT');
    await context.close();
  });

  it('shows an anonymous reader the page tabs on every view of a page, with only the actions a reader can take', async () => {
    const context = await newWikiContext(suite.browser());
    const page = await context.newPage();
    const [latest, previous] = await revisionIds(base(), 'ECPAT');
    const tabs = page.getByRole('navigation', { name: 'Page actions' });
    const views: Array<[string, string]> = [
      ['/wiki/ECPAT', 'Read'],
      ['/wiki/ECPAT?action=history', 'View history'],
      [`/wiki/ECPAT?diff=${latest}&oldid=${previous}`, 'Read'],
      [`/wiki/ECPAT?oldid=${previous}`, 'Read'],
    ];
    for (const [path, selected] of views) {
      await page.goto(`${base()}${path}`);
      expect({ path, tabs: await tabs.getByRole('link').allTextContents() }).toEqual({ path, tabs: ['Article', 'Discussion', 'Read', 'View source', 'View history'] });
      expect({ path, selected: await tabs.locator('[aria-current="page"]').allTextContents() }).toEqual({ path, selected: [selected] });
    }
    // A missing page: Article and Discussion, and View source (a reader may not create pages).
    expectConsoleError(page, /status of 404/, 'a missing page answers 404, as on MediaWiki');
    const missing = await page.goto(`${base()}/wiki/Not_written_yet`);
    expect(missing?.status()).toBe(404);
    expect(await tabs.getByRole('link').allTextContents()).toEqual(['Article', 'Discussion', 'View source']);
    await context.close();
  });

  it('offers an Italian reader to upload the missing map in Italian, and search does not find the offer', async () => {
    const context = await newWikiContext(suite.browser(), { locale: 'it-IT' });
    const page = await context.newPage();
    await page.goto(`${base()}/wiki/ECPAT`);
    // The seed's map, which no test uploads (files.test.ts uploads the seed's logo on the same wiki).
    const upload = page.getByRole('link', { name: 'Carica File:ECPAT member states map.png' });
    expect(await upload.getAttribute('href')).toBe('/wiki/Special:Upload?wpDestFile=ECPAT_member_states_map.png');
    expect(await page.locator('figure', { has: upload }).locator('figcaption').textContent()).toBe('States with organizations connected to ECPAT');
    expect(await page.getByRole('main').textContent()).not.toMatch(/Image not available|Upload File:/);
    await page.goto(`${base()}/wiki/Special:Search?search=carica&fulltext=1`);
    expect(await page.getByRole('main').getByRole('link', { name: 'ECPAT', exact: true }).count()).toBe(0);
    await page.goto(`${base()}/wiki/Special:Search?search=image&fulltext=1`);
    expect(await page.getByRole('main').getByRole('link', { name: 'ECPAT', exact: true }).count()).toBe(0);
    // The site's handset logo is the page's icon, as SVG and as /favicon.ico (which browsers also
    // ask for where no page names an icon, e.g. plain-text answers).
    const icons = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
    const types: string[] = [];
    for (const href of icons) {
      const served = await fetch(new URL(href, base()));
      expect({ href, status: served.status }).toEqual({ href, status: 200 });
      types.push(served.headers.get('content-type') ?? '');
    }
    expect(types).toEqual(expect.arrayContaining([expect.stringContaining('image/svg+xml'), expect.stringMatching(/image\/(x-icon|vnd\.microsoft\.icon)/)]));
    expect(icons.some((href) => new URL(href, base()).pathname === '/favicon.ico')).toBe(true);
    await context.close();
  });
});
