import { uniqueTitle } from '../support/database';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from '@rowanmanning/feed-parser';
import { NextRequest } from 'next/server';
import { newEditor, ORIGIN, type TestEditor, saveEdits } from '../support/rest-client';
import { GET as recentChangesGET } from '@/app/w/feeds/recentchanges/route';
import { GET as historyGET } from '@/app/w/feeds/history/[...title]/route';
import { proxy } from '@/proxy';
import { encodeTitleForUrl, parseTitle } from '@/lib/domain/titles';
import { entrySummary, historyFeedHref, recentChangesFeedHref, xmlSafeText } from '@/lib/domain/atom';

// Everything a reader could misread as markup or as the end of a CDATA section.
const HOSTILE = '<script>alert("x")</script> ]]> & <b>bold</b>\u0007 &amp;';

type Feed = ReturnType<typeof parseFeed>;
type FeedItem = Feed['items'][number];

const wikiPath = (title: string) => `/wiki/${encodeTitleForUrl(title.replaceAll(' ', '_'))}`;

/** The history feed's route handler as Next calls it: the rewritten path's catch-all segments as params. */
const historyFeed = (encodedTitle: string) =>
  historyGET(new Request(`${ORIGIN}/w/feeds/history/${encodedTitle}`), { params: Promise.resolve({ title: encodedTitle.split('/') }) });

async function readFeed(response: Response): Promise<{ xml: string; feed: Feed }> {
  const xml = await response.text();
  expect(response.status, xml.slice(0, 300)).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
  const feed = parseFeed(xml);
  expect(feed.meta).toEqual({ type: 'atom', version: '1.0' });
  return { xml, feed };
}

/**
 * The feed through a strict XML parser (jsdom's DOMParser, which refuses documents that are not
 * well-formed): the text a conforming reader gets, with no leniency such as decoding "&amp;" twice.
 */
async function parseXml(xml: string): Promise<Document> {
  const specifier = 'jsdom'; // jsdom ships no types; only its DOMParser is used
  const { JSDOM } = (await import(specifier)) as { JSDOM: new () => { window: { DOMParser: typeof DOMParser } } };
  const document = new new JSDOM().window.DOMParser().parseFromString(xml, 'application/xml');
  expect(document.getElementsByTagName('parsererror')).toHaveLength(0);
  // No user-written tag became an element: only the feed's own elements exist.
  const names = new Set([...document.getElementsByTagName('*')].map((element) => element.localName));
  const allowed = ['author', 'entry', 'feed', 'generator', 'id', 'link', 'name', 'published', 'subtitle', 'summary', 'title', 'updated'];
  expect([...names].filter((name) => !allowed.includes(name))).toEqual([]);
  return document;
}

/** The text of an entry's child element, as a strict parser reads it (feedsmith indents it, so trimmed). */
function entryText(entry: Element, name: string): string | undefined {
  return [...entry.children].find((child) => child.localName === name)?.textContent?.trim();
}

let editor: TestEditor;
let title: string;
let revisions: number[];

beforeAll(async () => {
  editor = await newEditor();
  title = `${uniqueTitle('Feed page')}/Sub & <page>`.replaceAll(/[<>]/g, '');
  revisions = await saveEdits(editor, title, [
    { text: 'First version.', summary: 'Start the page' },
    { text: 'First version, longer.', summary: HOSTILE },
    { text: 'First version, long.', summary: '', minor: true },
  ]);
});

describe('Atom feed of recent changes', () => {
  it('lists the newest edits with diff links, authors and escaped summaries', async () => {
    const { xml, feed } = await readFeed(await recentChangesGET(new Request(`${ORIGIN}/w/feeds/recentchanges?feed=atom`)));
    expect(feed.title).toMatch(/Recent changes/);
    expect(feed.self).toBe(`${ORIGIN}/wiki/Special:RecentChanges?feed=atom`);
    expect(feed.url).toBe(`${ORIGIN}/wiki/Special:RecentChanges`);
    expect(feed.items.length).toBeGreaterThanOrEqual(3);
    expect(feed.items.length).toBeLessThanOrEqual(50);

    const [first, second, third] = revisions as [number, number, number];
    const page = wikiPath(title);
    const ours = feed.items.filter((item) => item.title === title);
    expect(ours.map((item) => ({ id: item.id, url: item.url, author: item.authors.map((a) => a.name) }))).toEqual([
      { id: `${ORIGIN}${page}?oldid=${third}`, url: `${ORIGIN}${page}?diff=${third}&oldid=${second}`, author: [editor.name] },
      { id: `${ORIGIN}${page}?oldid=${second}`, url: `${ORIGIN}${page}?diff=${second}&oldid=${first}`, author: [editor.name] },
      // A page creation links to the revision itself: there is nothing to diff against.
      { id: `${ORIGIN}${page}?oldid=${first}`, url: `${ORIGIN}${page}?oldid=${first}`, author: [editor.name] },
    ]);
    const [newest, hostile, created] = ours as [FeedItem, FeedItem, FeedItem];
    expect(newest.description).toBe('No edit summary (\u22122 bytes, minor edit)');
    // The hostile summary comes back as the very text that was typed (less the BEL, which XML cannot carry).
    // A lenient reader shows the markup as text (this parser decodes entities once more: "&amp;" → "&") …
    expect(hostile.description).toContain('<script>alert("x")</script> ]]> & <b>bold</b>');
    expect(created.description).toBe('New page: Start the page (14 bytes)');
    expect(newest.updated).toBeInstanceOf(Date);
    // … and a strict one gets exactly the summary that was typed (less the BEL, which XML cannot carry).
    const document = await parseXml(xml);
    const entry = [...document.getElementsByTagName('entry')].find((element) => entryText(element, 'id') === `${ORIGIN}${page}?oldid=${second}`);
    expect(entry && entryText(entry, 'summary')).toBe(`${HOSTILE.replace('\u0007', '')} (+8 bytes)`);
    expect(entry && entryText(entry, 'title')).toBe(title);
    // Newest first, as the page.
    const times = feed.items.map((item) => item.updated!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});

describe('Atom feed of a page history', () => {
  it('lists the page’s revisions newest first with diff links and authors', async () => {
    const { xml, feed } = await readFeed(await historyFeed(wikiPath(title).slice('/wiki/'.length)));
    const page = wikiPath(title);
    expect(feed.title).toContain(title);
    expect(feed.self).toBe(`${ORIGIN}${page}?action=history&feed=atom`);
    expect(feed.url).toBe(`${ORIGIN}${page}?action=history`);
    const [first, second, third] = revisions as [number, number, number];
    expect(feed.items.map((item) => [item.title, item.url, item.authors[0]?.name])).toEqual([
      [title, `${ORIGIN}${page}?diff=${third}&oldid=${second}`, editor.name],
      [title, `${ORIGIN}${page}?diff=${second}&oldid=${first}`, editor.name],
      [title, `${ORIGIN}${page}?oldid=${first}`, editor.name],
    ]);
    expect(feed.items[1]?.description).toContain('<script>alert("x")</script> ]]> &');
    // Next may hand over the segments already decoded: same feed.
    const decoded = await historyGET(new Request(`${ORIGIN}/w/feeds/history/x`), { params: Promise.resolve({ title: title.replaceAll(' ', '_').split('/') }) });
    expect((await readFeed(decoded)).feed.items.map((item) => item.id)).toEqual(feed.items.map((item) => item.id));
    expect(feed.updated?.getTime()).toBe(feed.items[0]?.updated?.getTime());
    const entries = [...(await parseXml(xml)).getElementsByTagName('entry')];
    expect(entries.map((entry) => entryText(entry, 'summary'))).toEqual([
      'No edit summary (\u22122 bytes, minor edit)',
      `${HOSTILE.replace('\u0007', '')} (+8 bytes)`,
      'New page: Start the page (14 bytes)',
    ]);
  });

  it('keeps at most 50 entries', async () => {
    const busy = uniqueTitle('Feed busy');
    await saveEdits(
      editor,
      busy,
      Array.from({ length: 55 }, (_, i) => ({ text: `v${i}`, summary: `edit ${i}` })),
    );
    const { feed } = await readFeed(await historyFeed(encodeTitleForUrl(busy.replaceAll(' ', '_'))));
    expect(feed.items).toHaveLength(50);
    expect(feed.items[0]?.description).toBe('edit 54 (0 bytes)');
  });

  it('answers 404 for a missing page or a special page and 400 for an invalid title, as text', async () => {
    for (const [path, status] of [
      [encodeURIComponent(uniqueTitle('Feed missing')), 404],
      ['Special:RecentChanges', 404],
      ['Foo%5Bbar%5D', 400],
      ['Foo[bar]', 400],
      ['Foo%E0%A4%A', 400],
    ] as const) {
      const response = await historyFeed(path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect((await response.text()).length).toBeGreaterThan(10);
    }
  });
});

describe('feed addresses', () => {
  const rewriteOf = async (url: string) => (await proxy(new NextRequest(url))).headers.get('x-middleware-rewrite');

  it('rewrites ?feed=atom on Special:RecentChanges and on a history to the feed routes, keeping the query', async () => {
    expect(recentChangesFeedHref()).toBe('/wiki/Special:RecentChanges?feed=atom');
    expect(await rewriteOf(`${ORIGIN}${recentChangesFeedHref()}`)).toBe(`${ORIGIN}/w/feeds/recentchanges?feed=atom`);
    const sub = parseTitle('Talk:Some page/Sub');
    expect(historyFeedHref(sub)).toBe('/wiki/Talk:Some_page/Sub?action=history&feed=atom');
    expect(await rewriteOf(`${ORIGIN}${historyFeedHref(sub)}`)).toBe(`${ORIGIN}/w/feeds/history/Talk:Some_page/Sub?action=history&feed=atom`);
    // Only Atom, only these two pages.
    expect(await rewriteOf(`${ORIGIN}/wiki/Special:RecentChanges?feed=rss`)).toBeNull();
    expect(await rewriteOf(`${ORIGIN}/wiki/Some_page?feed=atom`)).toBeNull();
    expect(await rewriteOf(`${ORIGIN}/wiki/Some_page?action=history`)).toBeNull();
  });

  it('formats summaries as text and drops characters XML cannot carry', () => {
    expect(xmlSafeText('a\u0000b\u0008c\td\uD800e\u{1F600}')).toBe('abc\tde\u{1F600}');
    const change = { revisionId: 2, parentId: 1, title: parseTitle('A'), createdAt: new Date(), author: { name: 'X' }, summary: 'fix', minor: false, size: 1500, delta: -1 };
    expect(entrySummary({ ...change, isCreation: false })).toBe('fix (\u22121 byte)');
    expect(entrySummary({ ...change, delta: 1500, parentId: null, isCreation: true })).toBe('New page: fix (1,500 bytes)');
  });
});
