// list=allpages, list=search, list=categorymembers and list=backlinks of /w/api.php through the
// route handler, and each as generator=: MediaWiki's fields, filters, continuation that neither
// repeats nor skips while pages are created between batches, deleted pages left out, error codes.
import '../support/database';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { loadActor } from '@/lib/server/actors';
import { getDb } from '@/lib/server/db';
import { deletePage } from '@/lib/server/deletion';
import { editPage } from '@/lib/server/edit-page';
import { deletePageSchema } from '@/lib/domain/deletion';
import { parseTitle } from '@/lib/domain/titles';
import type { Actor } from '@/lib/domain/policy';
import { GET } from '@/app/w/api.php/route';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let admin: Actor;
// A word only this file's pages carry, so search and prefixes see only them.
const tag = `Lpx${process.pid}${Date.now().toString(36)}`;
const t = {
  alpha: `${tag} Alpha`,
  beta: `${tag} Beta`,
  gamma: `${tag} Gamma`,
  redirect: `${tag} Redirect`,
  doomed: `${tag} Doomed`,
  talk: `Talk:${tag} Alpha`,
  category: `Category:${tag} Things`,
  sub: `Category:${tag} Sub`,
  file: `File:${tag} Picture.png`,
};

async function save(title: string, content: string): Promise<number> {
  const parsed = parseTitle(title);
  const page = await getDb().page.findUnique({ where: { namespace_title: { namespace: parsed.namespace, title: parsed.dbKey } }, select: { latestRevisionId: true } });
  const outcome = await editPage(admin, { title: parsed, content, summary: 'lists', minor: false, baseRevisionId: page?.latestRevisionId ?? null }, '192.0.2.10');
  if (outcome.status === 'conflict' || outcome.status === 'unchanged') throw new Error(`unexpected ${outcome.status}`);
  return outcome.revisionId;
}

const betaText = `The beta page, by far the longest of them all, about zebras and lions and much more besides. [[${t.category}|Aardvark]]`;

async function api(params: Record<string, string>): Promise<Json> {
  const query = new URLSearchParams({ action: 'query', format: 'json', formatversion: '2', ...params });
  const response = await GET(new Request(`http://wiki.test/w/api.php?${query}`));
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

const titles = (items: Json[]) => items.map((item) => item.title as string);
const pageTitles = (body: Json) => titles((body.query?.pages ?? []) as Json[]).sort();

/** Every batch of a list, following its continuation; `between` runs after the first batch. */
async function walk(params: Record<string, string>, list: string, between?: () => Promise<void>): Promise<Json[]> {
  const items: Json[] = [];
  let next: Json = {};
  let first = true;
  do {
    const body = await api({ list, ...params, ...next });
    items.push(...(body.query[list] as Json[]));
    next = body.continue ?? {};
    if (first && between) await between();
    first = false;
  } while (Object.keys(next).length > 0);
  return items;
}

beforeAll(async () => {
  const account = await createAccount({ username: `Page lister ${process.pid} ${Date.now()}`, password: 'page lister passphrase 42', admin: true }, null);
  admin = (await loadActor(account.id))!;
  await save(t.alpha, `The alpha page about zebras. [[${t.beta}]] [[${t.category}]]`);
  await save(t.beta, betaText);
  await save(t.gamma, `Gamma links to [[${t.redirect}]] and [[${t.beta}]].`);
  await save(t.redirect, `#REDIRECT [[${t.beta}]]`);
  await save(t.talk, `Talk links to [[${t.beta}]]. [[${t.category}]]`);
  await save(t.sub, `A subcategory. [[${t.category}]]`);
  await save(t.category, 'The category.');
  await save(t.doomed, `Zebras doomed. [[${t.beta}]] [[${t.category}]]`);
  await deletePage(admin, deletePageSchema.parse({ title: t.doomed, reason: 'test', latestRevisionId: '' }));
});

describe('list=allpages', () => {
  it('lists existing pages by title with filters, without deleted ones', async () => {
    const body = await api({ list: 'allpages', apprefix: tag, aplimit: '10' });
    expect(body.query.allpages[0]).toEqual({ pageid: expect.any(Number), ns: 0, title: t.alpha });
    expect(titles(body.query.allpages)).toEqual([t.alpha, t.beta, t.gamma, t.redirect]);
    expect(titles((await api({ list: 'allpages', apprefix: tag, apfilterredir: 'redirects' })).query.allpages)).toEqual([t.redirect]);
    expect(titles((await api({ list: 'allpages', apprefix: tag, apdir: 'descending', apfilterredir: 'nonredirects' })).query.allpages)).toEqual([t.gamma, t.beta, t.alpha]);
    expect(titles((await api({ list: 'allpages', apprefix: tag, apminsize: String(Buffer.byteLength(betaText)) })).query.allpages)).toEqual([t.beta]);
    expect(titles((await api({ list: 'allpages', apfrom: `${tag} B`, apto: `${tag} C` })).query.allpages)).toEqual([t.beta]);
    expect(titles((await api({ list: 'allpages', apnamespace: '1', apprefix: tag })).query.allpages)).toEqual([t.talk]);
  });

  it('continues by title without repeats or gaps while pages are created', async () => {
    const late = `${tag} Aaa late`;
    const after = `${tag} Zzz late`;
    const items = await walk({ apprefix: tag, aplimit: '2' }, 'allpages', async () => {
      await save(late, 'created before the cursor');
      await save(after, 'created after the cursor');
    });
    expect(titles(items)).toEqual([t.alpha, t.beta, t.gamma, t.redirect, after]);
  });

  it('is a generator, and refuses bad values', async () => {
    expect(pageTitles(await api({ generator: 'allpages', gapprefix: `${tag} G` }))).toEqual([t.gamma]);
    expect((await api({ list: 'allpages', apnamespace: '99' })).error.code).toBe('badvalue');
    expect((await api({ list: 'allpages', apfilterredir: 'some' })).error.code).toBe('badvalue');
    expect((await api({ list: 'allpages', apminsize: 'big' })).error.code).toBe('badinteger');
  });
});

describe('list=search', () => {
  it('finds pages with totalhits, snippets with searchmatch spans, sizes and word counts; never deleted pages', async () => {
    const body = await api({ list: 'search', srsearch: `${tag} zebras` });
    expect(body.query.searchinfo).toEqual({ totalhits: 2 });
    expect(titles(body.query.search).sort()).toEqual([t.alpha, t.beta]);
    const alpha = (body.query.search as Json[]).find((hit) => hit.title === t.alpha)!;
    expect(alpha).toEqual({
      ns: 0,
      title: t.alpha,
      pageid: expect.any(Number),
      size: expect.any(Number),
      wordcount: expect.any(Number),
      snippet: expect.any(String),
      timestamp: expect.any(String),
    });
    expect(alpha.snippet).toContain('<span class="searchmatch">');
    expect(alpha.wordcount).toBeGreaterThan(3);
  });

  it('continues by sroffset, searches titles with srwhat=title, and is a generator', async () => {
    const first = await api({ list: 'search', srsearch: tag, srlimit: '2', srinfo: '' });
    expect(first.query.searchinfo).toBeUndefined();
    // MediaWiki sends the number 2; the query core's continuation values are strings (clients send either back).
    expect(String(first.continue.sroffset)).toBe('2');
    const all = await walk({ srsearch: tag, srlimit: '2' }, 'search');
    expect(new Set(titles(all)).size).toBe(all.length);
    expect(titles((await api({ list: 'search', srsearch: 'lions', srwhat: 'title', srnamespace: '0' })).query.search)).toEqual([]);
    expect(titles((await api({ list: 'search', srsearch: `${tag} Gamma`, srwhat: 'title' })).query.search)).toEqual([t.gamma]);
    expect(pageTitles(await api({ generator: 'search', gsrsearch: `${tag} lions` }))).toEqual([t.beta]);
    expect((await api({ list: 'search' })).error.code).toBe('missingparam');
    expect((await api({ list: 'search', srsearch: 'x', srwhat: 'everything' })).error.code).toBe('badvalue');
  });
});

describe('list=categorymembers', () => {
  it('lists pages, then subcategories, by sort key, with types and namespaces', async () => {
    const body = await api({ list: 'categorymembers', cmtitle: t.category, cmprop: 'ids|title|type|sortkeyprefix' });
    expect(body.query.categorymembers).toEqual([
      { pageid: expect.any(Number), ns: 0, title: t.beta, sortkeyprefix: 'AARDVARK', type: 'page' },
      { pageid: expect.any(Number), ns: 0, title: t.alpha, sortkeyprefix: '', type: 'page' },
      { pageid: expect.any(Number), ns: 1, title: t.talk, sortkeyprefix: '', type: 'page' },
      { pageid: expect.any(Number), ns: 14, title: t.sub, sortkeyprefix: '', type: 'subcat' },
    ]);
    expect(titles((await api({ list: 'categorymembers', cmtitle: t.category, cmtype: 'subcat' })).query.categorymembers)).toEqual([t.sub]);
    expect(titles((await api({ list: 'categorymembers', cmtitle: t.category, cmnamespace: '1' })).query.categorymembers)).toEqual([t.talk]);
    expect(titles((await api({ list: 'categorymembers', cmtitle: t.category, cmsort: 'timestamp', cmdir: 'desc' })).query.categorymembers)).toEqual([
      t.sub,
      t.talk,
      t.beta,
      t.alpha,
    ]);
  });

  it('continues without repeats or gaps while members are added, and is a generator', async () => {
    for (const sort of ['sortkey', 'timestamp']) {
      const late = `${tag} Late ${sort}`;
      const items = await walk({ cmtitle: t.category, cmlimit: '1', cmsort: sort }, 'categorymembers', () => save(late, `[[${t.category}]]`).then(() => undefined));
      expect(new Set(titles(items)).size).toBe(items.length);
      expect(titles(items)).toEqual(expect.arrayContaining([t.alpha, t.beta, t.talk, t.sub, late]));
    }
    expect(pageTitles(await api({ generator: 'categorymembers', gcmtitle: t.category, gcmtype: 'subcat' }))).toEqual([t.sub]);
  });

  it('refuses what MediaWiki refuses', async () => {
    expect((await api({ list: 'categorymembers' })).error.code).toBe('missingparam');
    expect((await api({ list: 'categorymembers', cmtitle: t.alpha })).error.code).toBe('invalidcategory');
    expect((await api({ list: 'categorymembers', cmpageid: '999999' })).error.code).toBe('nosuchpageid');
    expect((await api({ list: 'categorymembers', cmtitle: t.category, cmcontinue: 'nonsense' })).error.code).toBe('badcontinue');
    expect((await api({ list: 'categorymembers', cmtitle: t.category, cmlimit: '-3' })).error.code).toBe('badinteger');
  });
});

describe('list=backlinks', () => {
  it('lists pages linking and redirecting to a page, with filters and blredirect', async () => {
    const body = await api({ list: 'backlinks', bltitle: t.beta, bllimit: '50' });
    expect(titles(body.query.backlinks).sort()).toEqual([t.alpha, t.gamma, t.redirect, t.talk].sort());
    expect((body.query.backlinks as Json[]).find((item) => item.title === t.redirect)).toEqual({ pageid: expect.any(Number), ns: 0, title: t.redirect, redirect: true });
    expect(titles((await api({ list: 'backlinks', bltitle: t.beta, blfilterredir: 'redirects' })).query.backlinks)).toEqual([t.redirect]);
    expect(titles((await api({ list: 'backlinks', bltitle: t.beta, blnamespace: '1' })).query.backlinks)).toEqual([t.talk]);
    const followed = await api({ list: 'backlinks', bltitle: t.beta, blfilterredir: 'redirects', blredirect: '1' });
    expect(titles(followed.query.backlinks[0].redirlinks)).toEqual([t.gamma]);
  });

  it('continues by (namespace, page id), and is a generator', async () => {
    const late = `${tag} Late linker`;
    const items = await walk({ bltitle: t.beta, bllimit: '1' }, 'backlinks', () => save(late, `[[${t.beta}]]`).then(() => undefined));
    expect(new Set(titles(items)).size).toBe(items.length);
    expect(titles(items)).toEqual(expect.arrayContaining([t.alpha, t.gamma, t.redirect, t.talk, late]));
    expect(titles(items).at(-1)).toBe(t.talk);
    expect(pageTitles(await api({ generator: 'backlinks', gbltitle: t.beta, gblnamespace: '1' }))).toEqual([t.talk]);
    expect((await api({ list: 'backlinks', bltitle: 'Bad[title' })).error.code).toBe('invalidtitle');
    expect((await api({ list: 'backlinks', bltitle: t.beta, blpageid: '1' })).error.code).toBe('invalidparammix');
  });
});
