import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { useWikiInBrowser } from '../support/e2e-suite';
import { failOnPageErrors, newWikiContext, signIn } from '../support/browser';
import { spawnScript } from '../support/wiki-cli';
import { prepareEmbeddedDataDir } from '../support/wiki-server';

/**
 * Issue 22's Done-when in Chromium: a Fandom-style dump written by a real MediaWiki 1.39
 * (tests/fixtures/mediawiki/fandom-style.xml) imported with one command before the wiki starts,
 * then read as it read on Fandom: the portable infobox with its picture, references, the gallery,
 * categories, the talk page, a redirect, the history with the dump's authors; an administrator
 * sees the original wikitext under a revision; the report lists the code pages left out.
 */
const DUMP = path.join(import.meta.dirname, '../fixtures/mediawiki/fandom-style.xml');
const ADMIN = { name: 'Import admin', password: 'an import admin passphrase' };
const reportDir = mkdtempSync(path.join(os.tmpdir(), 'wiki-import-report-'));
const reportFile = path.join(reportDir, 'fandom-style.import-report.md');
let importOutput = '';

const suite = useWikiInBrowser({
  admins: [ADMIN],
  async beforeStart(env) {
    await prepareEmbeddedDataDir(env);
    const imported = await spawnScript('import', [DUMP, `--report=${reportFile}`], env);
    if (imported.code !== 0) throw new Error(`The import failed:\n${imported.stderr}`);
    importOutput = imported.stdout;
  },
});
failOnPageErrors(suite);
const base = () => suite.wiki().baseUrl;
afterAll(() => rmSync(reportDir, { recursive: true, force: true }));

describe('a Fandom wiki moved here from its XML dump', () => {
  it('imports with one command and reports what it left out', () => {
    expect(importOutput).toMatch(/^Imported \d+ page\(s\), \d+ revision\(s\) \(\d+ converted from wikitext\), \d+ file version\(s\)/);
    const report = readFileSync(reportFile, 'utf8');
    expect(report).toContain('- MediaWiki:Common.css (');
    expect(report).toMatch(/- Module:Quote \(\d+ revision\(s\)\): namespace 828 \(Module\) has no counterpart in this wiki\./);
    expect(report).toMatch(/- Message Wall:TalonFan \(\d+ revision\(s\)\): namespace 1200/);
  });

  it('reads a character page as on Fandom: infobox with picture, references, gallery, categories, talk page', async () => {
    const context = await newWikiContext(suite.browser(), { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base()}/wiki/Aria_Vel`);
    const main = page.getByRole('main');
    await expect.poll(() => page.title()).toContain('Aria Vel');

    const box = main.locator('aside.portable-infobox');
    expect(await box.locator('h2').textContent()).toBe('Aria Vel');
    expect(await box.getByRole('row').filter({ hasText: 'Age' }).textContent()).toContain('27');
    expect(await box.getByRole('row').filter({ hasText: 'Born' }).getByRole('link').textContent()).toBe('Castle Dawn');
    const picture = box.getByRole('img');
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    // Three references: the named one used twice is one footnote with two back links.
    const notes = main.locator('section[data-footnotes] ol > li');
    expect(await notes.count()).toBe(3);
    expect(await notes.nth(1).textContent()).toContain('chapter 3');
    expect(await main.locator('sup a[data-footnote-ref]').count()).toBe(4);

    // The gallery's pictures, the section headings, a link to a page that does not exist yet.
    expect(await main.getByRole('heading', { name: 'Early life' }).count()).toBe(1);
    expect(await main.locator('.article-body figure img').count()).toBeGreaterThanOrEqual(3);
    expect(await main.getByRole('link', { name: 'Ember Queen' }).getAttribute('class')).toContain('new');

    const categories = page.locator('nav.catlinks');
    // Category:Characters has a page in the dump (a blue link); the other category has none.
    expect((await categories.getByRole('link', { name: 'Characters' }).getAttribute('class')) ?? '').not.toContain('new');
    expect(await categories.getByRole('link', { name: 'Skyreach Order members' }).count()).toBe(1);

    await main.getByRole('link', { name: 'Discussion' }).click();
    await page.waitForURL(/\/wiki\/Talk:Aria_Vel$/);
    expect(await page.getByRole('main').textContent()).toMatch(/\(UTC\)/);
    await context.close();
  });

  it('follows a redirect in one step and keeps the history with the authors of the dump', async () => {
    const context = await newWikiContext(suite.browser());
    const page = await context.newPage();
    await page.goto(`${base()}/wiki/Aria`);
    expect(await page.locator('h1').first().textContent()).toBe('Aria Vel');
    expect(await page.locator('.redirected-from').textContent()).toContain('Aria');

    await page.goto(`${base()}/wiki/Aria_Vel?action=history`);
    const rows = page.locator('#pagehistory > li');
    expect(await rows.count()).toBe(4);
    await context.close();
  });

  it("shows an administrator the revision's original wikitext, and nobody else", async () => {
    const context = await newWikiContext(suite.browser());
    const page = await context.newPage();
    const permalink = async () => {
      await page.goto(`${base()}/wiki/Aria_Vel?action=history`);
      const href = await page
        .locator('#pagehistory > li')
        .first()
        .getByRole('link', { name: /\d{2}:\d{2}/ })
        .first()
        .getAttribute('href');
      await page.goto(`${base()}${href}`);
    };
    await permalink();
    expect(await page.locator('details.import-source').count()).toBe(0);

    await signIn(page, base(), ADMIN.name, ADMIN.password);
    await permalink();
    const source = page.locator('details.import-source');
    await source.locator('summary').click();
    expect(await source.locator('pre').textContent()).toContain("'''Aria Vel''' is a sky captain");
    await context.close();
  });
});
