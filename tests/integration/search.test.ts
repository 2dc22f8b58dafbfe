import type { ReactElement } from 'react';
import { uniqueTitle } from '../support/database';
import { beforeAll, describe, expect, it } from 'vitest';
import { savePage } from '@/lib/server/save-page';
import { ensureSystemUser } from '@/lib/server/users';
import { getDb } from '@/lib/server/db';
import { parseTitle } from '@/lib/domain/titles';
import { countArticles, exactTitleExists, latestChanges, listAllPages, randomPage, searchPages, suggestTitles } from '@/lib/server/search';
import { GET as searchPageGET } from '@/app/w/rest.php/v1/search/page/route';
import { GET as searchTitleGET } from '@/app/w/rest.php/v1/search/title/route';

const REST = 'http://wiki.test/w/rest.php/v1';
// A word no other test uses, so rankings only see this file's pages.
const tag = `Zq${process.pid}${Date.now().toString(36)}`.toLowerCase().replace(/^z/, 'Z');

async function create(title: string, text: string) {
  const { id: authorId } = await ensureSystemUser('Search test bot');
  return savePage({ title: parseTitle(title), text, summary: 'search test', minor: false, authorId, baseRevisionId: null });
}

const titles = {
  inTitle: `${tag} Telephone history`,
  inBody: uniqueTitle('Search body'),
  html: uniqueTitle('Search html'),
  italian: uniqueTitle('Search italiano'),
  english: uniqueTitle('Search english'),
};

beforeAll(async () => {
  await create(titles.inBody, `This page mentions ${tag} only in its body, ${tag} twice.`);
  await create(titles.inTitle, `A page about telephones.`);
  await create(titles.html, `Beware of \`<script>alert("x")</script>\` ${tag}html & friends`);
  await create(titles.italian, `Il bambino gioca con il telefono ${tag}it.`);
  await create(titles.english, `The operators were connecting many calls ${tag}en.`);
});

describe('search documents', () => {
  it('are written on save with the lower-cased title and plain text', async () => {
    const rows = await getDb().$queryRaw<{ title_lower: string; body_text: string }[]>`
      SELECT d.title_lower, d.body_text FROM search_documents d JOIN pages p ON p.id = d.page_id
      WHERE p.namespace = 0 AND p.title = ${parseTitle(titles.html).dbKey}`;
    expect(rows[0]!.title_lower).toBe(titles.html.toLowerCase());
    expect(rows[0]!.body_text).toContain('<script>alert("x")</script>');
    expect(rows[0]!.body_text).not.toContain('<code>');
  });
});

describe('searchPages', () => {
  it('ranks title matches first and counts all results', async () => {
    const results = await searchPages(tag);
    expect(results.total).toBe(2);
    expect(results.hits.map((h) => h.title.prefixedText)).toEqual([titles.inTitle, titles.inBody]);
    expect(results.hits[0]!.titleMatch).toBe(true);
    expect(results.hits[1]!.snippetHtml).toContain(`<mark>${tag}</mark>`);
  });

  it('pages with limit and offset', async () => {
    const second = await searchPages(tag, { limit: 1, offset: 1 });
    expect(second.total).toBe(2);
    expect(second.hits.map((h) => h.title.prefixedText)).toEqual([titles.inBody]);
    const beyond = await searchPages(tag, { limit: 1, offset: 5 });
    expect(beyond).toMatchObject({ total: 2, hits: [] });
  });

  it('escapes HTML in snippets and only adds <mark>', async () => {
    const { hits } = await searchPages(`${tag}html`);
    expect(hits).toHaveLength(1);
    const html = hits[0]!.snippetHtml;
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain(`<mark>${tag}html</mark>`);
    expect(html).toContain('&amp; friends');
    expect(html.replaceAll('<mark>', '').replaceAll('</mark>', '')).not.toMatch(/<|>/);
  });

  it('stems Italian ("bambini" finds "bambino") and English ("operator connected call")', async () => {
    const italian = await searchPages(`bambini ${tag}it`);
    expect(italian.hits.map((h) => h.title.prefixedText)).toEqual([titles.italian]);
    expect(italian.hits[0]!.snippetHtml).toContain('<mark>bambino</mark>');
    const english = await searchPages(`operator connected call ${tag}en`);
    expect(english.hits.map((h) => h.title.prefixedText)).toEqual([titles.english]);
  });

  it('supports quotes, OR and exclusion', async () => {
    expect((await searchPages(`"il bambino gioca" ${tag}it`)).total).toBe(1);
    expect((await searchPages(`"gioca bambino" ${tag}it`)).total).toBe(0);
    expect((await searchPages(`${tag}it or ${tag}en`)).total).toBe(2);
    expect((await searchPages(`${tag} -twice`)).hits.map((h) => h.title.prefixedText)).toEqual([titles.inTitle]);
  });

  it('never throws on hostile queries', async () => {
    const hostile = [
      "'",
      "''",
      '\\',
      '\\\\',
      '"',
      '"""',
      '!',
      '&',
      '|',
      '!!!',
      '&&|',
      '(',
      ')',
      ':*',
      "a:* & b'",
      "'; DROP TABLE pages; --",
      '-',
      '- -',
      'or',
      'OR OR',
      '<->',
      '<2>',
      'the',
      'il',
      '日本語',
      '🙂',
      'café',
      '\u0000',
      '\uD800',
      'x'.repeat(10_000),
      '',
      '   ',
    ];
    for (const q of hostile) {
      const result = await searchPages(q);
      expect(Array.isArray(result.hits)).toBe(true);
    }
    expect((await searchPages('x'.repeat(10_000))).notice).toMatch(/too long/);
    expect((await searchPages('   ')).notice).toBeDefined();
  });
});

describe('suggestTitles and exactTitleExists', () => {
  it('suggests by prefix, case-insensitively, main namespace first', async () => {
    await create(`Talk:${tag} Telephone discussion`, 'talk');
    const suggestions = await suggestTitles(tag.toUpperCase() + ' tele');
    expect(suggestions.map((s) => s.title.prefixedText)).toEqual([titles.inTitle, `Talk:${tag} Telephone discussion`]);
    expect((await suggestTitles(`talk:${tag}`)).map((s) => s.title.prefixedText)).toEqual([`Talk:${tag} Telephone discussion`]);
    expect(await suggestTitles(`${tag} nothing`)).toEqual([]);
    for (const hostile of ["'", '\\', '%', '_', '\uffff', 'x'.repeat(10_000)]) await suggestTitles(hostile);
  });

  it('finds the page a Go query names', async () => {
    expect((await exactTitleExists(titles.inTitle))?.prefixedText).toBe(titles.inTitle);
    expect((await exactTitleExists(titles.inTitle.toUpperCase()))?.prefixedText).toBe(titles.inTitle);
    expect(await exactTitleExists(`${tag} missing`)).toBeNull();
    expect(await exactTitleExists('[[bad]]')).toBeNull();
  });
});

describe('REST search endpoints', () => {
  it('GET /search/page answers MediaWiki page objects with searchmatch spans', async () => {
    const response = await searchPageGET(new Request(`${REST}/search/page?q=${tag}&limit=10`));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { pages: Record<string, unknown>[] };
    expect(body.pages).toHaveLength(2);
    expect(body.pages[0]).toEqual({
      id: expect.any(Number),
      key: titles.inTitle.replaceAll(' ', '_'),
      title: titles.inTitle,
      // Matched by its title only: no excerpt, as MediaWiki's.
      excerpt: null,
      matched_title: null,
      description: null,
      thumbnail: null,
    });
    expect(body.pages[1]!.excerpt).toContain(`<span class="searchmatch">${tag}</span>`);
  });

  it('GET /search/title answers prefix matches', async () => {
    const response = await searchTitleGET(new Request(`${REST}/search/title?q=${encodeURIComponent(tag + ' Tel')}&limit=1`));
    const body = (await response.json()) as { pages: { title: string; excerpt: string }[] };
    expect(body.pages).toEqual([expect.objectContaining({ title: titles.inTitle, excerpt: titles.inTitle })]);
  });

  it('refuses limits outside 1–100 and a missing q with 400 in MediaWiki shape', async () => {
    for (const path of ['/search/page?q=a&limit=0', '/search/page?q=a&limit=101', '/search/title?q=a&limit=abc', '/search/title?limit=5', '/search/page?q=a&limit=-1']) {
      const get = path.startsWith('/search/page') ? searchPageGET : searchTitleGET;
      const response = await get(new Request(`${REST}${path}`));
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ httpCode: 400, httpReason: 'Bad Request', errorKey: expect.any(String) });
      expect(body.messageTranslations).toEqual({ en: expect.any(String) });
    }
    const long = await searchPageGET(new Request(`${REST}/search/page?q=${'y'.repeat(10_000)}`));
    expect(long.status).toBe(400);
  });
});

describe('page lists', () => {
  it('lists all pages alphabetically with keyset paging', async () => {
    const prefix = `${tag} All`;
    for (const name of ['C', 'A', 'B', 'D']) await create(`${prefix} ${name}`, `page ${name}`);
    const first = await listAllPages({ from: `${prefix} A`, limit: 2 });
    expect(first.titles.map((t) => t.title.prefixedText)).toEqual([`${prefix} A`, `${prefix} B`]);
    expect(first.next?.prefixedText).toBe(`${prefix} C`);
    const second = await listAllPages({ from: first.next!.prefixedText, limit: 2 });
    expect(second.titles.map((t) => t.title.prefixedText)).toEqual([`${prefix} C`, `${prefix} D`]);
    expect(second.previous?.prefixedText).toBe(`${prefix} A`);
  });

  it('picks a random existing article', async () => {
    for (let i = 0; i < 5; i++) {
      const title = await randomPage();
      expect(title).not.toBeNull();
      const page = await getDb().page.findUnique({ where: { namespace_title: { namespace: 0, title: title!.dbKey } } });
      expect(page).not.toBeNull();
    }
  });

  it('counts articles and lists the latest changes', async () => {
    expect(await countArticles()).toBeGreaterThanOrEqual(9);
    const latest = await latestChanges(3);
    expect(latest).toHaveLength(3);
    expect(latest[0]!.title.prefixedText).toContain(tag);
  });
});

describe('Special:Search, Special:AllPages and Special:Random views', () => {
  async function redirectOf(promise: Promise<unknown>): Promise<string | null> {
    try {
      await promise;
      return null;
    } catch (error) {
      const digest = String((error as { digest?: string }).digest ?? '');
      if (!digest.startsWith('NEXT_REDIRECT')) throw error;
      return digest.split(';')[2]!;
    }
  }

  /** Server rendering inside the provider the root layout gives every page (English). */
  async function englishMarkupRenderer() {
    const [{ renderToStaticMarkup }, { createElement }, { IntlProvider }] = await Promise.all([import('react-dom/server'), import('react'), import('../support/intl')]);
    return (element: ReactElement) => renderToStaticMarkup(createElement(IntlProvider, { locale: 'en', children: element }));
  }

  it('"Go" redirects to an existing title; fulltext lists results with snippets', async () => {
    const renderToStaticMarkup = await englishMarkupRenderer();
    const { SearchView } = await import('@/app/wiki/[...title]/search-views');
    expect(await redirectOf(SearchView({ query: { search: titles.inTitle.toLowerCase() } }))).toBe(`/wiki/${titles.inTitle.replaceAll(' ', '_')}`);
    const html = renderToStaticMarkup(await SearchView({ query: { search: `${tag}html`, fulltext: '1' } }));
    expect(html).toContain('Results 1–1 of 1');
    expect(html).toContain(`<mark>${tag}html</mark>`);
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
    const missing = renderToStaticMarkup(await SearchView({ query: { search: `${tag} nothing here` } }));
    expect(missing).toContain('There were no results');
    const long = renderToStaticMarkup(await SearchView({ query: { search: 'z'.repeat(10_000), fulltext: '1' } }));
    expect(long).toContain('too long');
  });

  it('Special:AllPages lists from a title; Special:Random redirects to an article', async () => {
    const renderToStaticMarkup = await englishMarkupRenderer();
    const { AllPagesView, RandomView } = await import('@/app/wiki/[...title]/search-views');
    const html = renderToStaticMarkup(await AllPagesView({ query: { from: `${tag} All B` }, subpage: null }));
    expect(html).toContain(`${tag} All B`);
    expect(html).not.toContain(`${tag} All A</a>`);
    expect(html).toContain('Previous page');
    expect(await redirectOf(RandomView())).toMatch(/^\/wiki\//);
  });
});
