import { uniqueTitle } from '../support/database';
import { describe, expect, it } from 'vitest';
import { savePage } from '@/lib/server/save-page';
import { ensureSystemUser } from '@/lib/server/users';
import { getDb } from '@/lib/server/db';
import { whatLinksHere } from '@/lib/server/links';
import { describeTemplates, templatesUsedOnPage, unusedTemplates, wantedTemplates } from '@/lib/server/template-lists';
import { loadWhatLinksHereScreen } from '@/lib/server/screens/links';
import { parseTitle, type ParsedTitle } from '@/lib/domain/titles';

async function create(title: ParsedTitle, text: string): Promise<number> {
  const author = await ensureSystemUser('Template lists test bot');
  return (await savePage({ title, text, summary: '', minor: false, authorId: author.id, baseRevisionId: null })).pageId;
}

/**
 * Rows of template_links written directly: what the save transaction derives from an expansion is
 * tested with the expander (templates-rerender tests); here only the lists built on the table.
 */
async function transcludes(pageId: number, ...titles: ParsedTitle[]): Promise<void> {
  for (const title of titles) {
    await getDb().$executeRaw`INSERT INTO template_links (from_page_id, to_namespace, to_title) VALUES (${pageId}, ${title.namespace}, ${title.dbKey}) ON CONFLICT DO NOTHING`;
  }
}

describe('template query pages', () => {
  it('lists wanted templates by the number of pages transcluding them, most used first', async () => {
    const twice = parseTitle(`Template:${uniqueTitle('Wanted twice')}`);
    const once = parseTitle(`Template:${uniqueTitle('Wanted once')}`);
    const existing = parseTitle(`Template:${uniqueTitle('Existing')}`);
    await create(existing, 'exists');
    const a = await create(parseTitle(uniqueTitle('User A')), 'a');
    const b = await create(parseTitle(uniqueTitle('User B')), 'b');
    await transcludes(a, twice, once, existing);
    await transcludes(b, twice);

    const all = (await wantedTemplates({ limit: 500 })).items;
    const keys = all.map((item) => item.title.prefixedDbKey);
    expect(all[keys.indexOf(twice.prefixedDbKey)]!.uses).toBe(2);
    expect(all[keys.indexOf(once.prefixedDbKey)]!.uses).toBe(1);
    expect(keys.indexOf(twice.prefixedDbKey)).toBeLessThan(keys.indexOf(once.prefixedDbKey));
    expect(keys).not.toContain(existing.prefixedDbKey);
    for (let i = 1; i < all.length; i += 1) expect(all[i - 1]!.uses).toBeGreaterThanOrEqual(all[i]!.uses);

    const first = await wantedTemplates({ limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.hasMore).toBe(true);
    expect((await wantedTemplates({ limit: 1, offset: 1 })).items[0]!.title.prefixedDbKey).toBe(all[1]!.title.prefixedDbKey);
  });

  it('lists templates nobody transcludes, leaving out documentation subpages and other namespaces', async () => {
    const unused = parseTitle(`Template:${uniqueTitle('Unused')}`);
    const used = parseTitle(`Template:${uniqueTitle('Used')}`);
    const doc = parseTitle(`${unused.prefixedText}/doc`);
    const article = parseTitle(uniqueTitle('Not a template'));
    await create(unused, 'nobody uses me');
    await create(used, 'someone uses me');
    await create(doc, 'documentation');
    await create(article, 'an article');
    await transcludes(await create(parseTitle(uniqueTitle('User')), 'x'), used);

    const keys = (await unusedTemplates({ limit: 500 })).items.map((title) => title.prefixedDbKey);
    expect(keys).toContain(unused.prefixedDbKey);
    expect(keys).not.toContain(used.prefixedDbKey);
    expect(keys).not.toContain(doc.prefixedDbKey);
    expect(keys).not.toContain(article.prefixedDbKey);
    expect(keys).toEqual([...keys].sort());
  });

  it('tells transclusions from links on WhatLinksHere, and filters either out', async () => {
    const template = parseTitle(`Template:${uniqueTitle('Target')}`);
    await create(template, 'target');
    const linker = parseTitle(uniqueTitle('Linker'));
    const user = parseTitle(uniqueTitle('Transcluder'));
    const both = parseTitle(uniqueTitle('Both'));
    await create(linker, `[[${template.prefixedText}]]`);
    await transcludes(await create(user, 'uses it'), template);
    await transcludes(await create(both, `see [[${template.prefixedText}]]`), template);

    const rows = async (filter = {}) => (await whatLinksHere(template, {}, filter)).items.map((item) => [item.title.prefixedText, item.isLink, item.isTransclusion]);
    expect(await rows()).toEqual(
      [
        [linker.prefixedText, true, false],
        [user.prefixedText, false, true],
        [both.prefixedText, true, true],
      ].sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1)),
    );
    expect(await rows({ hideTransclusions: true })).toEqual(
      [
        [linker.prefixedText, true, false],
        [both.prefixedText, true, false],
      ].sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1)),
    );
    expect(await rows({ hideLinks: true })).toEqual(
      [
        [user.prefixedText, false, true],
        [both.prefixedText, false, true],
      ].sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1)),
    );

    // The screen reads MediaWiki's parameters and keeps them in the pager's and the toggles' addresses.
    const screen = await loadWhatLinksHereScreen(template.prefixedText, { hidetrans: '1' });
    expect(screen.kind).toBe('links');
    if (screen.kind !== 'links') return;
    expect(screen.items.map((item) => item.title.prefixedText)).not.toContain(user.prefixedText);
    expect(screen.base).toMatch(/\?hidetrans=1$/);
    expect(screen.filters.toggleTransclusionsHref).not.toContain('hidetrans');
    expect(screen.filters.toggleLinksHref).toMatch(/\?hidelinks=1&hidetrans=1$/);
  });

  it('describes the templates a page uses: existence and edit protection', async () => {
    const open = parseTitle(`Template:${uniqueTitle('Open')}`);
    const locked = parseTitle(`Template:${uniqueTitle('Locked')}`);
    const missing = parseTitle(`Template:${uniqueTitle('Missing')}`);
    await create(open, 'o');
    const lockedId = await create(locked, 'l');
    const admin = await ensureSystemUser('Template lists test bot');
    await getDb().pageProtection.create({ data: { pageId: lockedId, action: 'edit', level: 'admin', byId: admin.id } });
    const user = await create(parseTitle(uniqueTitle('User')), 'x');
    await transcludes(user, open, locked, missing);

    const expected = [
      { key: open.prefixedDbKey, exists: true, protection: null },
      { key: locked.prefixedDbKey, exists: true, protection: 'admin' },
      { key: missing.prefixedDbKey, exists: false, protection: null },
    ].sort((x, y) => (x.key < y.key ? -1 : 1));
    const shape = (list: Awaited<ReturnType<typeof templatesUsedOnPage>>) =>
      list.map((item) => ({ key: item.title.prefixedDbKey, exists: item.exists, protection: item.protection }));
    expect(shape(await templatesUsedOnPage(user))).toEqual(expected);
    // A preview's expansion: the same answer from the titles, duplicates counted once.
    expect(shape(await describeTemplates([missing, locked, open, locked]))).toEqual(expected);
    expect(await describeTemplates([])).toEqual([]);
  });
});
