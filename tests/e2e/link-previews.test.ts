// Link previews through the production server (docs/sharing.md): what a chat app or a social
// network reads from /wiki/ECPAT (seeded from content/) — its title, a clean description, the
// article type, the reader's language and, once uploaded, the logo — and that views other than the
// current article carry no preview at all.
import { describe, expect, it } from 'vitest';
import { useWikiInBrowser } from '../support/e2e-suite';
import { uniquePng } from '../support/file-upload-client';

/** The wiki's configured address: previews need absolute URLs, and only this one is trusted. */
const ORIGIN = 'https://fans.example.test';
const suite = useWikiInBrowser({ users: [{ name: 'Logo bot', token: true }], env: { NEXTAUTH_URL: ORIGIN } });

/** Facebook's crawler: Next.js puts the metadata of such clients in <head> before anything else. */
const CRAWLER = 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)';

function decodeEntities(value: string): string {
  return value.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|quot|lt|gt|apos));/giu, (_match, hex?: string, dec?: string, named?: string) => {
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    if (dec !== undefined) return String.fromCodePoint(parseInt(dec, 10));
    return { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" }[named!.toLowerCase() as 'amp']!;
  });
}

/** The <meta> tags of a document's <head>, by property or name (each may repeat). */
function headMeta(html: string): Map<string, string[]> {
  const head = html.slice(0, html.indexOf('</head>'));
  const tags = new Map<string, string[]>();
  for (const [tag] of head.matchAll(/<meta\b[^>]*>/gu)) {
    const key = /\b(?:property|name)="([^"]+)"/u.exec(tag)?.[1];
    const content = /\bcontent="([^"]*)"/u.exec(tag)?.[1];
    if (key === undefined || content === undefined) continue;
    tags.set(key, [...(tags.get(key) ?? []), decodeEntities(content)]);
  }
  return tags;
}

async function metaOf(path: string, headers: Record<string, string> = {}): Promise<Map<string, string[]>> {
  const response = await fetch(`${suite.wiki().baseUrl}${path}`, { headers: { 'user-agent': CRAWLER, 'accept-language': 'en', ...headers } });
  expect(response.status, path).toBe(200);
  return headMeta(await response.text());
}

const one = (tags: Map<string, string[]>, key: string) => tags.get(key)?.[0];

describe('sharing /wiki/ECPAT', () => {
  it('gives its title, a clean description, the article type and the reader’s language', async () => {
    const english = await metaOf('/wiki/ECPAT');
    expect(one(english, 'og:title')).toBe('ECPAT');
    expect(one(english, 'og:type')).toBe('article');
    expect(one(english, 'og:site_name')).toBe('Telefono Azzurro Fans Wiki');
    expect(one(english, 'og:url')).toBe(`${ORIGIN}/wiki/ECPAT`);
    expect(one(english, 'og:locale')).toBe('en_US');
    expect(one(english, 'article:modified_time')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/u);

    const description = one(english, 'og:description')!;
    expect(description).toMatch(/^ECPAT is a network of organizations and individuals working together to eliminate the commercial sexual exploitation of children\. .*…$/u);
    // Clean text: no footnote markers, markup, caption of the logo or link syntax.
    expect(description).not.toMatch(/\[|\]|<|>|\*|Logo della/u);
    expect(Array.from(description).length).toBeLessThanOrEqual(160);
    expect(one(english, 'description')).toBe(description);
    expect(one(english, 'twitter:description')).toBe(description);
    // No logo uploaded yet: the small card, no picture.
    expect(one(english, 'twitter:card')).toBe('summary');
    expect(english.has('og:image')).toBe(false);

    const italian = await metaOf('/wiki/ECPAT', { 'accept-language': 'it-IT,it;q=0.9' });
    expect(one(italian, 'og:locale')).toBe('it_IT');
    expect(one(italian, 'og:description')).toBe(description);
  });

  it('shows the logo once it is uploaded, as a thumbnail the wiki serves', async () => {
    const form = new FormData();
    form.set('title', 'File:ECPAT logo.png');
    form.set('comment', 'the logo');
    form.set('file', new Blob([new Uint8Array(await uniquePng(1500, 600))], { type: 'image/png' }), 'ECPAT logo.png');
    const uploaded = await fetch(`${suite.wiki().baseUrl}/w/rest.php/v1/file`, {
      method: 'POST',
      headers: { authorization: `Bearer ${suite.token('Logo bot')}` },
      body: form,
    });
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);

    const tags = await metaOf('/wiki/ECPAT');
    const image = one(tags, 'og:image')!;
    expect(image).toMatch(new RegExp(`^${ORIGIN}/images/thumb/[0-9a-f]{40}/1024px-ECPAT_logo\\.png$`, 'u'));
    expect([one(tags, 'og:image:width'), one(tags, 'og:image:height')]).toEqual(['1024', '410']);
    expect(one(tags, 'twitter:card')).toBe('summary_large_image');
    expect(one(tags, 'twitter:image')).toBe(image);

    const picture = await fetch(image.replace(ORIGIN, suite.wiki().baseUrl), { headers: { accept: 'image/png,image/*' } });
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');
  });

  it('keeps the tags in <head> when a browser filled the page cache before a crawler came', async () => {
    const browserAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/143.0.0.0 Safari/537.36';
    const first = await fetch(`${suite.wiki().baseUrl}/wiki/Main_Page`, { headers: { 'user-agent': browserAgent, 'accept-language': 'en' } });
    const browserTags = headMeta(await first.text());
    const crawlerTags = await metaOf('/wiki/Main_Page');
    for (const tags of [browserTags, crawlerTags]) {
      expect(one(tags, 'og:type')).toBe('article');
      expect(one(tags, 'description')).toMatch(/^Welcome to the Telefono Azzurro Fans Wiki/u);
    }
  });

  it('puts no preview on history, edit and old-revision views or missing pages', async () => {
    expect(one(await metaOf('/wiki/ECPAT'), 'og:type')).toBe('article');
    for (const path of ['/wiki/ECPAT?action=history', '/wiki/ECPAT?action=edit', '/wiki/ECPAT?oldid=1']) {
      const tags = await fetch(`${suite.wiki().baseUrl}${path}`, { headers: { 'user-agent': CRAWLER } }).then(async (response) => headMeta(await response.text()));
      for (const key of ['og:type', 'og:description', 'description', 'twitter:card']) expect(tags.has(key), `${key} on ${path}`).toBe(false);
    }
    const missing = await fetch(`${suite.wiki().baseUrl}/wiki/No_such_article_here`, { headers: { 'user-agent': CRAWLER } });
    expect(missing.status).toBe(404);
    expect(headMeta(await missing.text()).has('og:type')).toBe(false);
  });
});
