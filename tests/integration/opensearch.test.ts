import { uniqueTitle } from '../support/database';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { editPage } from '@/lib/server/edit-page';
import { deletePage } from '@/lib/server/deletion';
import { getSiteName } from '@/lib/server/site';
import { loadPageView } from '@/lib/server/page-indexing';
import { deletePageSchema } from '@/lib/domain/deletion';
import { OPENSEARCH_MAX_LIMIT } from '@/lib/domain/opensearch';
import { parseTitle, titleToUrlPath } from '@/lib/domain/titles';
import type { Actor } from '@/lib/domain/policy';
import { GET as apiGET } from '@/app/w/api.php/route';
import { GET as descriptionGET } from '@/app/w/opensearch_desc.xml/route';

const ORIGIN = 'http://wiki.test';
// A word no other test uses, so the prefix search sees only this file's pages.
const tag = `Osq${process.pid}${Date.now().toString(36)}`;
const titles = {
  alpha: `${tag} Alpha`,
  beta: `${tag} Beta`,
  talk: `Talk:${tag} Alpha`,
  redirect: `${tag} Gamma`,
  doomed: `${tag} Doomed`,
};

let admin: Actor;

async function save(title: string, content: string): Promise<void> {
  const outcome = await editPage(admin, { title: parseTitle(title), content, summary: 'opensearch test', minor: false, baseRevisionId: null }, '127.0.0.1');
  if (outcome.status === 'conflict') throw new Error('unexpected conflict');
}

beforeAll(async () => {
  const account = await createAccount({ username: `Opensearch admin ${process.pid} ${Date.now()}`, password: 'opensearch tests passphrase', admin: true }, null);
  admin = { userId: account.id, name: account.name, role: 'admin', createdAt: new Date(), editCount: 0, blocked: null };
  await save(titles.alpha, 'The first page.');
  await save(titles.beta, 'The second page.');
  await save(titles.talk, 'Talk about the first page.');
  await save(titles.redirect, `#REDIRECT [[${titles.alpha}]]`);
  await save(titles.doomed, 'Soon gone.');
  await deletePage(admin, deletePageSchema.parse({ title: titles.doomed, reason: 'test of deleted pages', latestRevisionId: '' }));
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const api = (query: string, headers: Record<string, string> = {}) => apiGET(new Request(`${ORIGIN}/w/api.php?${query}`, { headers }));
// Extra parameters come first (of a repeated parameter the last counts, as in PHP: format=json wins).
const search = (extra = '') => api(`action=opensearch${extra}&search=${encodeURIComponent(tag)}&format=json`);
const url = (title: string) => `${ORIGIN}${titleToUrlPath(parseTitle(title))}`;

async function answer(response: Response): Promise<[string, string[], string[], string[]]> {
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return JSON.parse(text) as [string, string[], string[], string[]];
}

async function refusal(response: Response): Promise<{ code: string; info: string }> {
  const text = await response.text();
  // As MediaWiki: an API error is a 200 whose body and MediaWiki-API-Error header say so.
  expect(response.status, text).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = JSON.parse(text) as { error: { code: string; info: string; '*': string } };
  expect(response.headers.get('mediawiki-api-error')).toBe(body.error.code);
  expect(body.error['*']).toContain('api.php');
  return { code: body.error.code, info: body.error.info };
}

describe('/w/api.php?action=opensearch', () => {
  it("answers MediaWiki's [query, titles, descriptions, urls] from the main namespace, without deleted pages", async () => {
    const [query, found, descriptions, urls] = await answer(await search());
    expect(query).toBe(tag);
    // The redirect is a page of its own, as in MediaWiki's default (redirects=return).
    expect(found).toEqual([titles.alpha, titles.beta, titles.redirect]);
    expect(descriptions).toEqual(['', '', '']);
    expect(urls).toEqual([url(titles.alpha), url(titles.beta), url(titles.redirect)]);
  });

  it('matches case-insensitively and keeps the query as typed', async () => {
    const [query, found] = await answer(await api(`action=opensearch&search=${encodeURIComponent(tag.toUpperCase())}%20al`));
    expect(query).toBe(`${tag.toUpperCase()} al`);
    expect(found).toEqual([titles.alpha]);
  });

  it('searches the namespaces asked for, and the one a prefix names', async () => {
    expect((await answer(await search('&namespace=1')))[1]).toEqual([titles.talk]);
    expect((await answer(await search('&namespace=1|0')))[1]).toEqual([titles.talk, titles.alpha, titles.beta, titles.redirect]);
    expect((await answer(await api(`action=opensearch&search=Talk:${encodeURIComponent(tag)}`)))[1]).toEqual([titles.talk]);
  });

  it('takes limits from 1 to the maximum', async () => {
    expect((await answer(await search('&limit=1')))[1]).toEqual([titles.alpha]);
    expect((await answer(await search(`&limit=${OPENSEARCH_MAX_LIMIT}`)))[1]).toHaveLength(3);
    expect((await answer(await search('&limit=max')))[1]).toHaveLength(3);
  });

  it.each([
    ['&limit=0', 'outofrange'],
    [`&limit=${OPENSEARCH_MAX_LIMIT + 1}`, 'outofrange'],
    ['&limit=ten', 'badinteger'],
    ['&namespace=-1', 'badvalue'],
    ['&namespace=12345', 'badvalue'],
  ])('refuses %s with %s', async (extra, code) => {
    expect((await refusal(await search(extra))).code).toBe(code);
  });

  it('refuses any format but JSON', async () => {
    const refused = await refusal(await api('action=opensearch&search=x&format=xml'));
    expect(refused.code).toBe('badvalue');
    expect(refused.info).toContain('use format=json');
  });

  it('refuses a request without search, without action or with an unknown action', async () => {
    expect(await refusal(await api('action=opensearch'))).toEqual({ code: 'missingparam', info: 'The "search" parameter must be set.' });
    expect(await refusal(await api('search=x'))).toEqual({ code: 'missingparam', info: 'The "action" parameter must be set.' });
    const unknown = await refusal(await api('action=nosuchaction&list=allpages'));
    expect(unknown.code).toBe('badvalue');
    expect(unknown.info).toMatch(/^Unrecognized value for parameter "action": nosuchaction\. This wiki's api\.php answers .*"opensearch"/);
  });

  it('answers hostile and empty searches with an empty list, not an error', async () => {
    for (const text of ['', '%', '_', "'; DROP TABLE pages; --", '\u0000\uFFFF', 'x'.repeat(5000)]) {
      const [query, found] = await answer(await api(`action=opensearch&search=${encodeURIComponent(text)}`));
      expect(query).toBe(text);
      expect(found).toEqual([]);
    }
  });

  it('gives absolute URLs under NEXTAUTH_URL when it is set, whatever the Host', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://wiki.example.org/');
    const [, , , urls] = await answer(await api(`action=opensearch&search=${encodeURIComponent(titles.alpha)}`, { host: 'evil.example' }));
    expect(urls).toEqual([`https://wiki.example.org${titleToUrlPath(parseTitle(titles.alpha))}`]);
  });
});

/** A strict XML parser (jsdom's DOMParser refuses documents that are not well-formed; jsdom ships no types). */
async function parseXml(xml: string): Promise<Document> {
  const specifier = 'jsdom';
  const { JSDOM } = (await import(specifier)) as { JSDOM: new () => { window: { DOMParser: typeof DOMParser } } };
  const document = new new JSDOM().window.DOMParser().parseFromString(xml, 'application/xml');
  expect(document.getElementsByTagName('parsererror')).toHaveLength(0);
  return document;
}

describe('/w/opensearch_desc.xml', () => {
  const OPENSEARCH = 'http://a9.com/-/spec/opensearch/1.1/';

  async function description(headers: Record<string, string> = {}) {
    const response = await descriptionGET(new Request(`${ORIGIN}/w/opensearch_desc.xml`, { headers: { host: 'wiki.test', ...headers } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/opensearchdescription+xml; charset=utf-8');
    const document = await parseXml(await response.text());
    const root = document.documentElement;
    expect([root.namespaceURI, root.localName]).toEqual([OPENSEARCH, 'OpenSearchDescription']);
    const one = (name: string) => {
      const elements = document.getElementsByTagNameNS(OPENSEARCH, name);
      expect(elements, name).toHaveLength(1);
      return elements[0]!;
    };
    const urls = Object.fromEntries(
      [...document.getElementsByTagNameNS(OPENSEARCH, 'Url')].map((element) => [element.getAttribute('type'), element.getAttribute('template')]),
    );
    return { one, urls };
  }

  it('describes the wiki as a search engine with its suggestions, in OpenSearch 1.1', async () => {
    const { one, urls } = await description({ 'accept-language': 'it' });
    expect(one('ShortName').textContent).toBe([...(await getSiteName())].slice(0, 16).join(''));
    expect(one('InputEncoding').textContent).toBe('UTF-8');
    expect(one('Language').textContent).toBe('it');
    expect(one('Image').textContent).toBe(`${ORIGIN}/favicon.ico`);
    expect(urls['text/html']).toBe(`${ORIGIN}/wiki/Special:Search?search={searchTerms}`);
    const suggestions = new URL(urls['application/x-suggestions+json']!.replace('{searchTerms}', encodeURIComponent(tag)));
    expect(suggestions.origin + suggestions.pathname).toBe(`${ORIGIN}/w/api.php`);
    // The template the browser fills in reaches the suggestions above.
    expect((await answer(await apiGET(new Request(suggestions))))[1]).toEqual([titles.alpha, titles.beta, titles.redirect]);
  });

  it('uses the configured address when NEXTAUTH_URL is set', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://wiki.example.org');
    const { urls } = await description({ host: 'evil.example' });
    expect(urls['text/html']).toBe('https://wiki.example.org/wiki/Special:Search?search={searchTerms}');
  });
});

describe('loadPageView: what the robots meta and canonical link are decided from', () => {
  it('reads a page as live, a missing or deleted one as missing', async () => {
    expect(await loadPageView(parseTitle(titles.alpha), {}, null)).toMatchObject({ kind: 'read', state: 'live' });
    expect(await loadPageView(parseTitle(uniqueTitle('Never written')), {}, null)).toMatchObject({ kind: 'read', state: 'missing' });
    expect(await loadPageView(parseTitle(titles.doomed), {}, null)).toMatchObject({ kind: 'read', state: 'missing' });
  });

  it('sees a redirect shown as itself, and the target reached from it as an article', async () => {
    const view = await loadPageView(parseTitle(titles.redirect), { redirect: 'no' }, null);
    expect(view).toEqual({ kind: 'redirect-page', title: parseTitle(titles.redirect), target: parseTitle(titles.alpha) });
    expect(await loadPageView(parseTitle(titles.alpha), { rdfrom: titles.redirect }, null)).toMatchObject({ kind: 'read', state: 'live' });
  });

  it('takes the kind of the other views from the query alone', async () => {
    expect(await loadPageView(parseTitle(titles.alpha), { action: 'history' }, null)).toMatchObject({ kind: 'history' });
    const special = parseTitle('Special:Search');
    expect(await loadPageView(parseTitle('Special:search'), { search: 'x' }, special)).toEqual({ kind: 'special', title: special });
  });
});
