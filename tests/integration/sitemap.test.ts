import { uniqueTitle } from '../support/database';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import robotsParser from 'robots-parser';
import { GET as indexGET } from '@/app/sitemap.xml/route';
import { GET as sitemapGET } from '@/app/w/sitemap/[page]/route';
import { GET as robotsGET } from '@/app/robots.txt/route';
import nextConfig from '@/next.config';
import { proxy } from '@/proxy';
import { createAccount } from '@/lib/server/accounts';
import { deletePage } from '@/lib/server/deletion';
import { movePage } from '@/lib/server/move-page';
import { savePage } from '@/lib/server/save-page';
import { ensureSystemUser } from '@/lib/server/users';
import { getDb } from '@/lib/server/db';
import { forgetSitemapLayouts } from '@/lib/server/sitemap';
import { sitemapIndexResponse, sitemapResponse, type SitemapOptions } from '@/lib/server/sitemap-http';
import { deletePageSchema } from '@/lib/domain/deletion';
import { PAGE_CACHE_KEY_HEADER } from '@/lib/domain/page-cache';
import { w3cDatetime } from '@/lib/domain/sitemap';
import { parseTitle, titleToUrlPath } from '@/lib/domain/titles';
import type { Actor } from '@/lib/domain/policy';
import { sitemapSchemaErrors } from '../support/sitemap-schema';

const ORIGIN = 'http://wiki.test';
const request = (path: string, headers: Record<string, string> = {}) => new Request(`${ORIGIN}${path}`, { headers });
// Next.js's own copy of path-to-regexp, which matches next.config.ts's rewrites (it ships no types).
const pathToRegexpModule = 'next/dist/compiled/path-to-regexp';
const { pathToRegexp } = (await import(pathToRegexpModule)) as { pathToRegexp: (path: string, keys: unknown[]) => RegExp };
const sitemapRoute = (page: string, headers: Record<string, string> = {}) => sitemapGET(request(`/sitemap-${page}.xml`, headers), { params: Promise.resolve({ page }) });

afterEach(() => vi.unstubAllEnvs());

/** `<tag>` texts of a sitemap or index, read with the entities decoded. */
function texts(xml: string, tag: 'loc' | 'lastmod'): string[] {
  const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!);
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((match) => decode(match[1]!));
}

async function xmlOf(response: Response, kind: 'sitemap' | 'index'): Promise<string> {
  const xml = await response.text();
  expect(response.status, xml.slice(0, 300)).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  expect(await sitemapSchemaErrors(xml, kind)).toEqual([]);
  return xml;
}

/** Every URL of every sitemap the index lists, in order, through the given handlers. */
async function crawl(options: SitemapOptions = {}): Promise<{ sitemaps: string[][]; lastmods: string[] }> {
  const index = await xmlOf(await sitemapIndexResponse(request('/sitemap.xml'), options), 'index');
  const sitemaps: string[][] = [];
  const lastmods: string[] = [];
  for (const [i, loc] of texts(index, 'loc').entries()) {
    expect(loc).toBe(`${ORIGIN}/sitemap-${i + 1}.xml`);
    const xml = await xmlOf(await sitemapResponse(request(`/sitemap-${i + 1}.xml`), String(i + 1), options), 'sitemap');
    sitemaps.push(texts(xml, 'loc'));
    lastmods.push(...texts(xml, 'lastmod'));
  }
  return { sitemaps, lastmods };
}

let author: number;
let admin: Actor;

async function create(title: string, text = 'Some text.'): Promise<number> {
  return (await savePage({ title: parseTitle(title), text, summary: '', minor: false, authorId: author, baseRevisionId: null })).revisionId;
}

async function remove(title: string): Promise<void> {
  await deletePage(admin, deletePageSchema.parse({ title, reason: 'test', latestRevisionId: '' }));
}

/** What the sitemaps must list: current main-namespace non-redirects, in page-id order, with their revisions' times. */
async function expected(): Promise<{ locs: string[]; lastmods: string[] }> {
  const pages = await getDb().page.findMany({
    where: { namespace: 0, isRedirect: false, deletedAt: null, latestRevisionId: { not: null } },
    orderBy: { id: 'asc' },
    include: { latestRevision: true },
  });
  return { locs: pages.map((page) => `${ORIGIN}${titleToUrlPath(parseTitle(page.title))}`), lastmods: pages.map((page) => w3cDatetime(page.latestRevision!.createdAt)) };
}

const article = uniqueTitle(`Sitemap "Città" & Rock 'n' Roll`);
const edited = uniqueTitle('Sitemap edited');
const hidden = {
  redirect: uniqueTitle('Sitemap redirect'),
  deleted: uniqueTitle('Sitemap deleted'),
  movedFrom: uniqueTitle('Sitemap old name'),
  talk: `Talk:${uniqueTitle('Sitemap talk')}`,
  user: `User:${uniqueTitle('Sitemap fan')}`,
  category: `Category:${uniqueTitle('Sitemap things')}`,
};
const movedTo = uniqueTitle('Sitemap new name');

beforeAll(async () => {
  author = (await ensureSystemUser('Sitemap test bot')).id;
  const account = await createAccount({ username: `Sitemap admin ${process.pid}`, password: 'sitemap tests passphrase', admin: true }, null);
  admin = { userId: account.id, name: account.name, role: 'admin', createdAt: new Date(0), editCount: 100, blocked: null };
  await create(article);
  const first = await create(edited, 'First.');
  await savePage({ title: parseTitle(edited), text: 'Second.', summary: '', minor: false, authorId: author, baseRevisionId: first });
  await create(hidden.redirect, `#REDIRECT [[${article}]]`);
  await create(hidden.deleted);
  await remove(hidden.deleted);
  await create(hidden.movedFrom);
  await movePage(admin, { from: parseTitle(hidden.movedFrom), to: parseTitle(movedTo), reason: '', leaveRedirect: true, moveTalk: false });
  for (const title of [hidden.talk, hidden.user, hidden.category]) await create(title);
  for (let i = 0; i < 5; i++) await create(uniqueTitle('Sitemap filler'));
});

describe('/sitemap.xml and /sitemap-<n>.xml', () => {
  it('list the current articles only, each once, at its canonical address, with its current revision’s time', async () => {
    forgetSitemapLayouts();
    const index = await xmlOf(await indexGET(request('/sitemap.xml')), 'index');
    expect(texts(index, 'loc')).toEqual([`${ORIGIN}/sitemap-1.xml`]);
    const xml = await xmlOf(await sitemapRoute('1'), 'sitemap');
    const { locs, lastmods } = await expected();
    expect(texts(xml, 'loc')).toEqual(locs);
    expect(texts(xml, 'lastmod')).toEqual(lastmods);
    // The index's lastmod is the newest of its sitemap's.
    expect(texts(index, 'lastmod')).toEqual([[...lastmods].sort().at(-1)]);

    const listed = texts(xml, 'loc');
    for (const title of [article, edited, movedTo]) expect(listed).toContain(`${ORIGIN}${titleToUrlPath(parseTitle(title))}`);
    for (const title of Object.values(hidden)) expect(listed).not.toContain(`${ORIGIN}${titleToUrlPath(parseTitle(title))}`);
    // Escaped in the document, percent-encoded in the URL, as the wiki's own links spell it.
    expect(xml).toContain(`<loc>${ORIGIN}/wiki/Sitemap_%22Citt%C3%A0%22_%26_Rock_%27n%27_Roll_`);
    const editedRow = await getDb().page.findFirstOrThrow({ where: { title: parseTitle(edited).dbKey }, include: { latestRevision: true } });
    expect(lastmods[locs.indexOf(`${ORIGIN}${titleToUrlPath(parseTitle(edited))}`)]).toBe(w3cDatetime(editedRow.latestRevision!.createdAt));
  });

  it('answer 404 with the reason, never 500, for numbers no sitemap has', async () => {
    for (const [page, message] of [
      ['0', /"0" is not the number of a sitemap/],
      ['-1', /"-1" is not the number of a sitemap/],
      ['abc', /"abc" is not the number of a sitemap: they are numbered 1, 2, 3… and listed in \/sitemap.xml/],
      ['01', /not the number of a sitemap/],
      ['2', /There is no sitemap 2: this wiki has one, listed in \/sitemap.xml/],
      ['7', /There is no sitemap 7/],
      ['99999', /"99999" is not the number of a sitemap/],
    ] as const) {
      const response = await sitemapRoute(page);
      expect(response.status, page).toBe(404);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await response.text()).toMatch(message);
    }
  });

  it('page by key: small parts hold every article once, in order, and the last part is the rest', async () => {
    const { locs, lastmods } = await expected();
    for (const perSitemap of [1, 3, locs.length - 1, locs.length]) {
      const crawled = await crawl({ perSitemap, batchSize: 2 });
      expect(crawled.sitemaps.map((urls) => urls.length)).toEqual(
        Array.from({ length: Math.ceil(locs.length / perSitemap) }, (_, i) => Math.min(perSitemap, locs.length - i * perSitemap)),
      );
      expect(crawled.sitemaps.flat()).toEqual(locs);
      expect(crawled.lastmods).toEqual(lastmods);
    }
  });

  it('answer a crawler that sends the ETag back with 304, and a changed sitemap with a new ETag', async () => {
    forgetSitemapLayouts();
    vi.stubEnv('NEXTAUTH_URL', '');
    const first = await sitemapRoute('1');
    await first.text();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    // Addresses from the request's Host: no shared cache may keep them (a forged Host would spread).
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await sitemapRoute('1', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const indexTag = (await indexGET(request('/sitemap.xml'))).headers.get('etag')!;
    expect((await indexGET(request('/sitemap.xml', { 'if-none-match': indexTag }))).status).toBe(304);

    const title = uniqueTitle('Sitemap etag');
    const revision = await create(title);
    await savePage({ title: parseTitle(title), text: 'Edited.', summary: '', minor: false, authorId: author, baseRevisionId: revision });
    forgetSitemapLayouts(); // what ten minutes do
    const changed = await sitemapRoute('1', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(texts(await changed.text(), 'loc')).toContain(`${ORIGIN}${titleToUrlPath(parseTitle(title))}`);
    expect((await indexGET(request('/sitemap.xml', { 'if-none-match': indexTag }))).status).toBe(200);
  });

  it('give absolute addresses on the configured site address when NEXTAUTH_URL is set', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://fans.example.org/some/path');
    const response = await indexGET(request('/sitemap.xml', { host: 'evil.example' }));
    expect(response.headers.get('cache-control')).toBe('public, max-age=600');
    const index = await response.text();
    expect(texts(index, 'loc')).toEqual(['https://fans.example.org/sitemap-1.xml']);
    const urls = texts(await (await sitemapRoute('1', { host: 'evil.example' })).text(), 'loc');
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.startsWith('https://fans.example.org/wiki/')).toBe(true);
  });

  it('keep their keys while pages come and go between requests; a new layout takes the changes in', async () => {
    forgetSitemapLayouts();
    const options = { perSitemap: 3, batchSize: 2 };
    const before = await crawl(options);
    const [part1, part2] = before.sitemaps as [string[], string[]];
    expect(part1).toHaveLength(3);

    // A page of part 1 is deleted and new pages are created while the crawler is between sitemaps.
    const gone = (await expected()).locs.indexOf(part1[1]!);
    const goneTitle = (await getDb().page.findMany({ where: { namespace: 0, isRedirect: false, deletedAt: null }, orderBy: { id: 'asc' } }))[gone]!;
    await remove(parseTitle(goneTitle.title).prefixedText);
    const added = [uniqueTitle('Sitemap late'), uniqueTitle('Sitemap later')];
    for (const title of added) await create(title);

    // Part 1 loses the page and takes nothing from part 2 (an OFFSET would shift part 2's first page
    // into it, and out of part 2); the new pages wait for the next layout, not pushing any part past its size.
    const part = async (n: number) => texts(await (await sitemapResponse(request(`/sitemap-${n}.xml`), String(n), options)).text(), 'loc');
    expect(await part(1)).toEqual([part1[0], part1[2]]);
    expect(await part(2)).toEqual(part2);
    const last = before.sitemaps.length;
    expect(await part(last)).toEqual(before.sitemaps.at(-1));

    forgetSitemapLayouts();
    const after = await crawl(options);
    const { locs } = await expected();
    expect(after.sitemaps.flat()).toEqual(locs);
    expect(locs.slice(-2)).toEqual(added.map((title) => `${ORIGIN}${titleToUrlPath(parseTitle(title))}`));
    expect(after.sitemaps.every((urls) => urls.length <= 3)).toBe(true);
  });
});

describe('/robots.txt', () => {
  it('names the sitemap and lets crawlers fetch it and every URL it lists, but not their edit forms', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://fans.example.org');
    const response = await robotsGET(request('/robots.txt'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const robots = robotsParser('https://fans.example.org/robots.txt', await response.text());
    expect(robots.getSitemaps()).toEqual(['https://fans.example.org/sitemap.xml']);
    const index = await (await indexGET(request('/sitemap.xml'))).text();
    const urls = texts(await (await sitemapRoute('1')).text(), 'loc');
    for (const url of [...texts(index, 'loc'), 'https://fans.example.org/sitemap.xml', ...urls]) expect(robots.isAllowed(url, 'Googlebot'), url).toBe(true);
    for (const url of urls) {
      expect(robots.isAllowed(`${url}?action=edit`, 'Googlebot'), url).toBe(false);
      expect(robots.isAllowed(`${url}?action=history`, 'Googlebot'), url).toBe(false);
    }
    expect(robots.isAllowed('https://fans.example.org/wiki/Special:AllPages', 'Googlebot')).toBe(false);
  });

  it('uses the request’s host when no site address is configured', async () => {
    vi.stubEnv('NEXTAUTH_URL', '');
    const response = await robotsGET(request('/robots.txt', { host: 'fans.local:8080' }));
    expect(await response.text()).toContain('\nSitemap: http://fans.local:8080/sitemap.xml\n');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });
});

describe('routing', () => {
  it('sends /sitemap-<n>.xml, whatever <n> is, to the sitemap route, which gives the 404s their reasons', async () => {
    const rewrites = await nextConfig.rewrites!();
    const rules = Array.isArray(rewrites) ? rewrites : [...(rewrites.beforeFiles ?? []), ...(rewrites.afterFiles ?? [])];
    const rule = rules.find((candidate) => candidate.destination === '/w/sitemap/:page')!;
    const match = (path: string) => pathToRegexp(rule.source, []).exec(path)?.[1] ?? null;
    expect(['/sitemap-1.xml', '/sitemap-42.xml', '/sitemap-abc.xml', '/sitemap-0.xml'].map(match)).toEqual(['1', '42', 'abc', '0']);
    expect(['/sitemap.xml', '/sitemap-1.xml/x', '/w/sitemap-1.xml'].map(match)).toEqual([null, null, null]);
  });

  it('lets the three addresses through proxy.ts untouched, with nothing for the page cache', async () => {
    for (const path of ['/robots.txt', '/sitemap.xml', '/sitemap-1.xml']) {
      const response = await proxy(new NextRequest(`${ORIGIN}${path}`, { headers: { host: 'wiki.test' } }));
      expect(response.headers.get('x-middleware-next'), path).toBe('1');
      expect(response.headers.get('x-middleware-rewrite'), path).toBeNull();
      expect(response.headers.get(PAGE_CACHE_KEY_HEADER), path).toBeNull();
    }
  });
});
