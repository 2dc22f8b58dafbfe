import { uniqueTitle } from '../support/database';
import { describe, expect, it } from 'vitest';
import { savePage } from '@/lib/server/save-page';
import { getArticle } from '@/lib/server/pages';
import { ensureSystemUser } from '@/lib/server/users';
import { getDb } from '@/lib/server/db';
import { categoryMembers, markRedLinks, orphanedPages, resolveRedLinks, wantedPages, whatLinksHere } from '@/lib/server/links';
import { parseTitle, type ParsedTitle } from '@/lib/domain/titles';

async function authorId(): Promise<number> {
  return (await ensureSystemUser('Links test bot')).id;
}

async function create(title: ParsedTitle, text: string): Promise<{ pageId: number; revisionId: number }> {
  const result = await savePage({ title, text, summary: '', minor: false, authorId: await authorId(), baseRevisionId: null });
  return { pageId: result.pageId, revisionId: result.revisionId };
}

async function linkRows(pageId: number) {
  return getDb().pageLink.findMany({ where: { fromPageId: pageId }, select: { toNamespace: true, toTitle: true }, orderBy: [{ toNamespace: 'asc' }, { toTitle: 'asc' }] });
}

describe('page_links and category_links follow every save', () => {
  it('replaces the rows on edit', async () => {
    const title = parseTitle(uniqueTitle('Links source'));
    const a = parseTitle(uniqueTitle('Links target A'));
    const b = parseTitle(uniqueTitle('Links target B'));
    const first = await create(title, `[[${a.text}]] [[${a.text}|again]] [[Talk:${b.text}]] [[Category:${b.text}]]`);
    expect(await linkRows(first.pageId)).toEqual([
      { toNamespace: 0, toTitle: a.dbKey },
      { toNamespace: 1, toTitle: b.dbKey },
    ]);
    expect(await getDb().categoryLink.findMany({ where: { pageId: first.pageId }, select: { category: true, sortKey: true } })).toEqual([
      { category: b.dbKey, sortKey: title.text.toUpperCase() },
    ]);

    await savePage({ title, text: `[[${b.text}#Part]] no category`, summary: '', minor: false, authorId: await authorId(), baseRevisionId: first.revisionId });
    expect(await linkRows(first.pageId)).toEqual([{ toNamespace: 0, toTitle: b.dbKey }]);
    expect(await getDb().categoryLink.count({ where: { pageId: first.pageId } })).toBe(0);
  });

  it('keeps the links an edit keeps, drops the removed ones and adds the new ones', async () => {
    const title = parseTitle(uniqueTitle('Links diff source'));
    const [kept, removed, added] = ['Kept', 'Removed', 'Added'].map((name) => parseTitle(uniqueTitle(`Links diff ${name}`))) as [ParsedTitle, ParsedTitle, ParsedTitle];
    const first = await create(title, `[[${kept.text}]] and [[${removed.text}]]`);
    await savePage({ title, text: `[[${added.text}]], [[${kept.text}|still here]]`, summary: '', minor: false, authorId: await authorId(), baseRevisionId: first.revisionId });
    const rows = await linkRows(first.pageId);
    expect(rows.map((row) => row.toTitle).sort()).toEqual([added.dbKey, kept.dbKey].sort());
  });
});

describe('red links, resolved at view time', () => {
  it('shows a missing target red, and blue once it is created', async () => {
    const source = parseTitle(uniqueTitle('Red source'));
    const target = parseTitle(uniqueTitle('Red target'));
    await create(source, `Go to [[${target.text}|there]].`);

    const before = (await getArticle(source))!.html;
    expect(before).toContain(`class="wikilink new"`);
    expect(before).toContain(`href="/wiki/${target.dbKey.replaceAll(' ', '_')}?action=edit&#38;redlink=1"`);
    expect(before).toContain(`title="${target.text} (page does not exist)"`);

    await create(target, 'Now it exists.');
    const after = (await getArticle(source))!.html;
    expect(after).not.toContain('class="wikilink new"');
    expect(after).toContain(`<a href="/wiki/${target.dbKey}" class="wikilink" data-wiki-target="${target.dbKey}">there</a>`);
  });

  it('rewrites only the missing targets, with one lookup for the whole page', async () => {
    const existing = parseTitle(uniqueTitle('Blue one'));
    await create(existing, 'x');
    const html = `<p><a href="/wiki/${existing.dbKey}" class="wikilink" data-wiki-target="${existing.dbKey}">a</a> <a href="/wiki/Nope_zz_${Date.now()}" class="wikilink" data-wiki-target="Nope_zz_${Date.now()}">b</a></p>`;
    const resolved = await resolveRedLinks(html);
    expect(resolved.match(/class="wikilink new"/g)).toHaveLength(1);
    expect(resolved).toContain(`data-wiki-target="${existing.dbKey}">a</a>`);
    expect(markRedLinks(html, new Set())).toBe(html);
    expect(await resolveRedLinks('<p>no links</p>')).toBe('<p>no links</p>');
  });
});

describe('special pages', () => {
  it('lists what links here, including redirects', async () => {
    const target = parseTitle(uniqueTitle('Linked'));
    const one = parseTitle(uniqueTitle('Linker one'));
    const two = parseTitle(uniqueTitle('Linker two'));
    const redirect = parseTitle(uniqueTitle('Redirector'));
    await create(target, 'target');
    await create(one, `[[${target.text}]]`);
    await create(two, `[[${target.text}|x]]`);
    const redirectPage = await create(redirect, 'just a page');
    // The redirects table belongs to the redirect feature; a row is written here directly.
    await getDb().redirect.upsert({
      where: { pageId: redirectPage.pageId },
      create: { pageId: redirectPage.pageId, namespace: 0, title: target.dbKey },
      update: { namespace: 0, title: target.dbKey },
    });
    const { items, hasMore } = await whatLinksHere(target);
    expect(hasMore).toBe(false);
    expect(items.map((item) => [item.title.prefixedText, item.isRedirect])).toEqual(
      [
        [one.prefixedText, false],
        [two.prefixedText, false],
        [redirect.prefixedText, true],
      ].sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1)),
    );
    const paged = await whatLinksHere(target, { limit: 1, offset: 1 });
    expect(paged.items).toHaveLength(1);
    expect(paged.hasMore).toBe(true);
  });

  it('lists wanted pages by number of linking pages, and orphaned pages', async () => {
    const wanted = parseTitle(uniqueTitle('Zz wanted twice'));
    const wantedOnce = parseTitle(uniqueTitle('Zz wanted once'));
    const p1 = parseTitle(uniqueTitle('Wanter'));
    const p2 = parseTitle(uniqueTitle('Wanter'));
    await create(p1, `[[${wanted.text}]] [[${wantedOnce.text}]]`);
    await create(p2, `[[${wanted.text}]] [[${p1.text}]]`);

    const all = (await wantedPages({ limit: 500 })).items;
    const twice = all.findIndex((item) => item.title.prefixedDbKey === wanted.prefixedDbKey);
    const once = all.findIndex((item) => item.title.prefixedDbKey === wantedOnce.prefixedDbKey);
    expect(all[twice]!.links).toBe(2);
    expect(all[once]!.links).toBe(1);
    expect(twice).toBeLessThan(once);
    for (let i = 1; i < all.length; i += 1) expect(all[i - 1]!.links).toBeGreaterThanOrEqual(all[i]!.links);

    await create(wanted, 'created now');
    expect((await wantedPages({ limit: 500 })).items.some((item) => item.title.prefixedDbKey === wanted.prefixedDbKey)).toBe(false);

    const orphans = new Set<string>();
    for (let offset = 0; ; offset += 500) {
      const page = await orphanedPages({ limit: 500, offset });
      page.items.forEach((title) => orphans.add(title.prefixedDbKey));
      if (!page.hasMore) break;
    }
    expect(orphans.has(p2.prefixedDbKey)).toBe(true);
    expect(orphans.has(p1.prefixedDbKey)).toBe(false);
    expect(orphans.has(wanted.prefixedDbKey)).toBe(false);
  });
});

describe('categories', () => {
  it('lists members by sort key and shows the page its categories', async () => {
    const category = parseTitle(uniqueTitle('Category:Links cats'));
    const name = category.text;
    const banana = parseTitle(uniqueTitle('banana'));
    const apple = parseTitle(uniqueTitle('Zebra'));
    const cherry = parseTitle(uniqueTitle('cherry'));
    await create(banana, `[[Category:${name}]]`);
    await create(apple, `[[Category:${name}|apple]]`);
    await create(cherry, `[[Category:${name}|Cherry]] [[Category:Other ${name}]]`);

    const { items } = await categoryMembers(category.dbKey);
    expect(items.map((item) => [item.title.prefixedText, item.sortKey])).toEqual([
      [apple.prefixedText, 'APPLE'],
      [banana.prefixedText, banana.text.toUpperCase()],
      [cherry.prefixedText, 'CHERRY'],
    ]);

    const article = (await getArticle(cherry))!;
    expect(article.categories!.map((c) => [c.label, c.exists])).toEqual([
      [name, false],
      [`Other ${name}`, false],
    ]);
    expect(article.categories![0]!.href).toBe(`/wiki/Category:${category.dbKey}?action=edit&redlink=1`);
    await create(category, 'About these cats.');
    expect((await getArticle(cherry))!.categories![0]).toMatchObject({ exists: true, href: `/wiki/Category:${category.dbKey}` });
  });
});
