import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useWikiInBrowser } from '../support/e2e-suite';
import { expectConsoleError, failOnPageErrors, revisionIds } from '../support/browser';
import { putPage } from '../support/page-cache-client';
import { uniquePng } from '../support/file-upload-client';

/*
 * Every kind of page tells search engines what MediaWiki's would: the robots meta, the canonical
 * link (absolute under NEXTAUTH_URL, whatever host the reader used), the OpenSearch link and the
 * Atom feed links. The wiki is configured with a public address it is not reached by, as behind
 * a reverse proxy, so an address taken from the request instead would show.
 */
const SITE = 'https://wiki.example.org';
const suite = useWikiInBrowser({ users: [{ name: 'Indexing bot', token: true }], env: { NEXTAUTH_URL: SITE } });
failOnPageErrors(suite);

const INDEX = 'index, follow';
const NOINDEX = 'noindex, nofollow';
const RECENT_CHANGES_FEED = '/wiki/Special:RecentChanges?feed=atom';

interface Indexing {
  robots: string[];
  canonical: string[];
  search: { href: string; title: string }[];
  feeds: string[];
}

/** What a crawler reads of the page the browser ended on (after any redirect), from the live DOM. */
function indexingOf(page: Page): Promise<Indexing> {
  return page.evaluate(() => {
    const links = (rel: string) => [...document.querySelectorAll<HTMLLinkElement>(`link[rel="${rel}"]`)];
    return {
      robots: [...document.querySelectorAll<HTMLMetaElement>('meta[name="robots"]')].map((meta) => meta.content),
      canonical: links('canonical').map((link) => link.getAttribute('href') ?? ''),
      search: links('search')
        .filter((link) => link.type === 'application/opensearchdescription+xml')
        .map((link) => ({ href: link.getAttribute('href') ?? '', title: link.title })),
      feeds: links('alternate')
        .filter((link) => link.type === 'application/atom+xml')
        .map((link) => link.getAttribute('href') ?? ''),
    };
  });
}

let revisions: number[];

beforeAll(async () => {
  const base = suite.wiki().baseUrl;
  const token = suite.token('Indexing bot');
  await putPage(suite.wiki(), token, 'ECPAT', 'ECPAT fights the sexual exploitation of children.\n\nA second revision for the diff.');
  await putPage(suite.wiki(), token, 'Talk:ECPAT', 'Discussion of the article.');
  await putPage(suite.wiki(), token, 'Indexing_redirect', '#REDIRECT [[ECPAT]]');
  const form = new FormData();
  form.set('title', 'File:Indexing_logo.png');
  form.set('comment', 'a logo');
  form.set('file', new Blob([new Uint8Array(await uniquePng())], { type: 'image/png' }), 'Indexing_logo.png');
  const upload = await fetch(`${base}/w/rest.php/v1/file`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(upload.status, await upload.clone().text()).toBeLessThan(300);
  revisions = await revisionIds(base, 'ECPAT');
  expect(revisions.length).toBeGreaterThanOrEqual(2);
});

describe('robots meta and canonical link on every kind of page', () => {
  const history = '/wiki/ECPAT?action=history&feed=atom';
  const cases: {
    name: string;
    path: () => string;
    status: number;
    lands?: RegExp;
    robots: string[];
    canonical: string[];
    feeds?: string[];
  }[] = [
    { name: 'current article', path: () => '/wiki/ECPAT', status: 200, robots: [INDEX], canonical: [`${SITE}/wiki/ECPAT`], feeds: [RECENT_CHANGES_FEED, history] },
    {
      name: 'talk page (indexed, as MediaWiki by default)',
      path: () => '/wiki/Talk:ECPAT',
      status: 200,
      robots: [INDEX],
      canonical: [`${SITE}/wiki/Talk:ECPAT`],
      feeds: [RECENT_CHANGES_FEED, '/wiki/Talk:ECPAT?action=history&feed=atom'],
    },
    {
      name: 'redirect, followed to its target',
      path: () => '/wiki/Indexing_redirect',
      status: 200,
      lands: /\/wiki\/ECPAT\?rdfrom=Indexing_redirect$/,
      robots: [INDEX],
      canonical: [`${SITE}/wiki/ECPAT`],
    },
    {
      name: 'redirect shown as itself (?redirect=no)',
      path: () => '/wiki/Indexing_redirect?redirect=no',
      status: 200,
      robots: ['noindex, follow'],
      canonical: [`${SITE}/wiki/ECPAT`],
    },
    { name: 'case variant', path: () => '/wiki/ecpat', status: 200, lands: /\/wiki\/ECPAT$/, robots: [INDEX], canonical: [`${SITE}/wiki/ECPAT`] },
    { name: 'history', path: () => '/wiki/ECPAT?action=history', status: 200, robots: [NOINDEX], canonical: [`${SITE}/wiki/ECPAT`], feeds: [RECENT_CHANGES_FEED, history] },
    {
      name: 'diff',
      path: () => `/wiki/ECPAT?diff=${revisions[0]}&oldid=${revisions[1]}`,
      status: 200,
      robots: [NOINDEX],
      canonical: [`${SITE}/wiki/ECPAT`],
      feeds: [RECENT_CHANGES_FEED],
    },
    { name: 'old revision', path: () => `/wiki/ECPAT?oldid=${revisions[1]}`, status: 200, robots: [NOINDEX], canonical: [`${SITE}/wiki/ECPAT`] },
    { name: 'edit page', path: () => '/wiki/ECPAT?action=edit', status: 200, robots: [NOINDEX], canonical: [`${SITE}/wiki/ECPAT`] },
    { name: 'new section', path: () => '/wiki/Talk:ECPAT?action=edit&section=new', status: 200, robots: [NOINDEX], canonical: [`${SITE}/wiki/Talk:ECPAT`] },
    { name: 'delete action', path: () => '/wiki/ECPAT?action=delete', status: 200, robots: [NOINDEX], canonical: [`${SITE}/wiki/ECPAT`] },
    { name: 'protect action', path: () => '/wiki/ECPAT?action=protect', status: 200, robots: [NOINDEX], canonical: [`${SITE}/wiki/ECPAT`] },
    { name: 'special page', path: () => '/wiki/Special:RecentChanges?days=7', status: 200, robots: [NOINDEX], canonical: [`${SITE}/wiki/Special:RecentChanges`] },
    { name: 'special page by another spelling', path: () => '/wiki/Special:recentchanges', status: 200, robots: [NOINDEX], canonical: [`${SITE}/wiki/Special:RecentChanges`] },
    { name: 'search results', path: () => '/wiki/Special:Search?search=exploitation&fulltext=1', status: 200, robots: [NOINDEX], canonical: [`${SITE}/wiki/Special:Search`] },
    { name: 'a page of the signed-in user', path: () => '/wiki/Special:ChangePassword', status: 200, robots: [NOINDEX], canonical: [`${SITE}/wiki/Special:ChangePassword`] },
    { name: 'File page', path: () => '/wiki/File:Indexing_logo.png', status: 200, robots: [INDEX], canonical: [`${SITE}/wiki/File:Indexing_logo.png`] },
  ];

  // One anonymous tab reads every case: a context of its own per case cost Chromium about 2 CPU-s
  // each (docs/testing.md), and no case writes or signs in.
  let page: Page;
  beforeAll(async () => {
    page = await (await suite.browser().newContext()).newPage();
  });
  afterAll(() => page.context().close());

  it.each(cases)('$name', async ({ path, status, lands, robots, canonical, feeds }) => {
    const response = await page.goto(`${suite.wiki().baseUrl}${path()}`);
    expect(response?.status()).toBe(status);
    if (lands) expect(page.url()).toMatch(lands);
    const indexing = await indexingOf(page);
    expect(indexing.robots).toEqual(robots);
    expect(indexing.canonical).toEqual(canonical);
    expect(indexing.search).toEqual([{ href: '/w/opensearch_desc.xml', title: expect.any(String) }]);
    expect(indexing.search[0]!.title).not.toBe('');
    if (feeds) expect(indexing.feeds).toEqual(feeds);
    else expect(indexing.feeds).toContain(RECENT_CHANGES_FEED);
  });

  it('a missing page (404) is noindex and still offers search and the feed', async () => {
    const context = await suite.browser().newContext();
    const page = await context.newPage();
    expectConsoleError(page, /status of 404/, 'a missing page answers 404, as on MediaWiki');
    const response = await page.goto(`${suite.wiki().baseUrl}/wiki/No_such_indexing_page`);
    expect(response?.status()).toBe(404);
    // The 404's HTML carries Next.js's noindex and the layout's metadata; its body (the layout's
    // <link rel="search"> included) may be rendered in the browser from the payload, after "load".
    await page.locator('link[rel="search"]').waitFor({ state: 'attached', timeout: 10_000 });
    const indexing = await indexingOf(page);
    // Next.js puts "noindex" on every 404; the page's own tags join it when generateMetadata resolves
    // before the page's notFound() (a race: seen both ways). Either way nothing says "index".
    expect(indexing.robots).toContain('noindex');
    expect(indexing.robots.every((robots) => robots === NOINDEX || robots === 'noindex')).toBe(true);
    expect(indexing.canonical.every((href) => href === `${SITE}/wiki/No_such_indexing_page`)).toBe(true);
    expect(indexing.search).toHaveLength(1);
    expect(indexing.feeds).toContain(RECENT_CHANGES_FEED);
    await context.close();
  });
});

/** GET with a Host header of our choosing (fetch will not send one). */
function getWithHost(path: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; cache: string | undefined; body: string }> {
  const { hostname, port } = new URL(suite.wiki().baseUrl);
  return new Promise((resolve, reject) => {
    http
      .get({ host: hostname, port, path, headers: { ...headers, host } }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, cache: response.headers['x-wiki-cache'] as string | undefined, body }));
      })
      .on('error', reject);
  });
}

const headOf = (html: string) => html.slice(0, html.indexOf('</head>'));

describe('in the HTML as sent', () => {
  it('puts the tags in <head> for every reader, crawlers that read only HTML included', async () => {
    for (const agent of [
      'Mozilla/5.0 (compatible; Bingbot/2.0; +http://www.bing.com/bingbot.htm)',
      'Slackbot-LinkExpanding 1.0',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'curl/8.5.0',
    ]) {
      for (const [path, robots] of [
        ['/wiki/ECPAT?action=history', NOINDEX],
        // A query string keeps the page cache out: this is the page rendered for this agent.
        ['/wiki/ECPAT?agent=1', INDEX],
      ]) {
        const html = await (await fetch(`${suite.wiki().baseUrl}${path}`, { headers: { 'user-agent': agent } })).text();
        expect(headOf(html), `${agent} ${path}`).toContain(`<link rel="canonical" href="${SITE}/wiki/ECPAT"/>`);
        expect(headOf(html), `${agent} ${path}`).toContain(`<meta name="robots" content="${robots}"/>`);
        expect(headOf(html), `${agent} ${path}`).toContain('rel="search"');
      }
    }
  });

  it('serves cached anonymous pages with the configured canonical address, whatever the Host', async () => {
    let hit: { cache: string | undefined; body: string } | undefined;
    for (const host of ['first.example', 'second.example', 'third.example', 'fourth.example']) {
      const answer = await getWithHost('/wiki/Talk:ECPAT', host);
      expect(answer.status).toBe(200);
      expect(headOf(answer.body)).toContain(`<link rel="canonical" href="${SITE}/wiki/Talk:ECPAT"/>`);
      expect(answer.body).not.toMatch(/(first|second|third|fourth)\.example/);
      if (answer.cache === 'hit') hit = answer;
    }
    expect(hit, 'the page cache served the page at least once').toBeDefined();
  });
});

describe('OpenSearch through the production server', () => {
  it('serves the description and the suggestions it names', async () => {
    const base = suite.wiki().baseUrl;
    const description = await fetch(`${base}/w/opensearch_desc.xml`);
    expect(description.status).toBe(200);
    expect(description.headers.get('content-type')).toBe('application/opensearchdescription+xml; charset=utf-8');
    const xml = await description.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<OpenSearchDescription xmlns="http:\/\/a9.com\/-\/spec\/opensearch\/1.1\/"/);
    const template = /<Url type="application\/x-suggestions\+json" method="get" template="([^"]+)"/.exec(xml)?.[1];
    expect(template).toBeDefined();
    // Absolute under the configured address; asked of this server, it answers the suggestions.
    const suggestions = new URL(template!.replaceAll('&amp;', '&').replace('{searchTerms}', 'ecp'));
    expect(suggestions.origin).toBe(SITE);
    const answer = await fetch(`${base}${suggestions.pathname}${suggestions.search}`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual(['ecp', ['ECPAT'], [''], [`${SITE}/wiki/ECPAT`]]);
  });

  it("refuses bad parameters and an unknown action with MediaWiki's error codes, never a 500", async () => {
    const base = suite.wiki().baseUrl;
    for (const [query, code] of [
      ['action=opensearch&search=a&limit=1000', 'outofrange'],
      ['action=opensearch', 'missingparam'],
      ['action=nosuchaction', 'badvalue'],
    ]) {
      const response = await fetch(`${base}/w/api.php?${query}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('mediawiki-api-error')).toBe(code);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });
});
