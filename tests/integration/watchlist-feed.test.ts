import { uniqueTitle } from '../support/database';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '@rowanmanning/feed-parser';
import { NextRequest } from 'next/server';
import { GET as watchlistFeedGET } from '@/app/w/feeds/watchlist/route';
import { proxy } from '@/proxy';
import { createAccount } from '@/lib/server/accounts';
import { editPage } from '@/lib/server/edit-page';
import { getDb } from '@/lib/server/db';
import { setRevisionVisibility } from '@/lib/server/revision-visibility';
import { watchPage } from '@/lib/server/watchlist';
import { hasWatchlistFeedToken, resetWatchlistFeedToken } from '@/lib/server/watchlist-feed';
import { watchlistFeedHref } from '@/lib/domain/atom';
import { revisionVisibilitySchema } from '@/lib/domain/deletion';
import { englishText, errorMessage } from '@/lib/domain/error-messages';
import { PAGE_CACHE_KEY_HEADER } from '@/lib/domain/page-cache';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { encodeTitleForUrl, parseTitle } from '@/lib/domain/titles';
import { REMOVED_SUMMARY, REMOVED_USER } from '@/lib/domain/visibility';

const ORIGIN = 'http://wiki.test';
const wikiPath = (title: string) => `/wiki/${encodeTitleForUrl(title.replaceAll(' ', '_'))}`;

let n = 0;
async function user(role: 'registered' | 'admin' = 'registered', prefix = 'Watcher'): Promise<Actor> {
  const account = await createAccount({ username: `${prefix} ${process.pid} ${Date.now()} ${++n}`, password: 'watchlist feed passphrase', admin: role === 'admin' }, null);
  return { userId: account.id, name: account.name, role, createdAt: new Date(), editCount: 0, blocked: null };
}

async function save(by: Actor, title: string, content: string, base: number | null, summary: string, minor = false): Promise<number> {
  const outcome = await editPage(by, { title: parseTitle(title), content, summary, minor, baseRevisionId: base }, '127.0.0.1');
  if (outcome.status === 'conflict') throw new Error('unexpected conflict');
  return outcome.revisionId;
}

/** The route handler as Next calls it after proxy.ts's rewrite (the query is kept). */
const feedFor = (query: string) => watchlistFeedGET(new Request(`${ORIGIN}/w/feeds/watchlist${query}`));
const feedWith = (token: string, extra = '') => feedFor(`?feed=atom&token=${encodeURIComponent(token)}${extra}`);

async function readFeed(response: Response) {
  const xml = await response.text();
  expect(response.status, xml.slice(0, 300)).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  return { xml, feed: parseFeed(xml) };
}

async function expectRefusal(response: Response, status: number, text: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  // Nothing about a token, valid or not, may be kept by a cache.
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  expect(await response.text()).toBe(`${text}\n`);
}

const TOKEN_REFUSED = englishText(errorMessage('watchlist.feedToken'));
const TOKEN_MISSING = englishText(errorMessage('watchlist.feedTokenMissing'));

/** A page `watcher` watches, created by `author`, then edited by `editor`: [creation, edit]. */
async function watchedPageEditedBy(watcher: Actor, author: Actor, editor: Actor, prefix = 'Watched') {
  const title = uniqueTitle(prefix);
  const first = await save(author, title, 'First text.', null, 'Start');
  await watchPage(watcher, parseTitle(title), 'infinite');
  const second = await save(editor, title, 'First text, improved.', first, 'Improve the wording');
  return { title, first, second };
}

describe('the private watchlist feed', () => {
  it('lists the changes to watched pages with links and authors, for the token’s owner only', async () => {
    const [watcher, editor] = [await user(), await user('registered', 'Editor')];
    const { title, first, second } = await watchedPageEditedBy(watcher, editor, editor);
    expect(await hasWatchlistFeedToken(watcher)).toBe(false);
    const token = await resetWatchlistFeedToken(watcher);
    expect(await hasWatchlistFeedToken(watcher)).toBe(true);
    // Only the hash is stored.
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: watcher.userId! }, select: { watchlistToken: true } });
    expect(stored.watchlistToken).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.watchlistToken).not.toContain(token);

    const { xml, feed } = await readFeed(await feedWith(token));
    expect(feed.title).toBe(`Fans Wiki – Watchlist of ${watcher.name}`);
    expect(feed.url).toBe(`${ORIGIN}/wiki/Special:Watchlist`);
    expect(feed.self).toBe(`${ORIGIN}${watchlistFeedHref(token)}`);
    // The feed's id survives a reset: it never contains the secret.
    expect(/<id>([^<]*)<\/id>/u.exec(xml)?.[1]).toBe(`${ORIGIN}/wiki/Special:Watchlist?feed=atom#user-${watcher.userId}`);
    const page = wikiPath(title);
    expect(feed.items.map((item) => ({ title: item.title, url: item.url, authors: item.authors.map((a) => a.name), description: item.description }))).toEqual([
      { title, url: `${ORIGIN}${page}?diff=${second}&oldid=${first}`, authors: [editor.name], description: 'Improve the wording (+10 bytes)' },
    ]);
    expect(xml).toContain(`<id>${ORIGIN}${page}?oldid=${second}</id>`);

    // Another user's token opens their own (empty) watchlist, never this one.
    const other = await user('registered', 'Other');
    const { feed: theirs } = await readFeed(await feedWith(await resetWatchlistFeedToken(other)));
    expect(theirs.title).toContain(other.name);
    expect(theirs.items).toEqual([]);
  });

  it('applies the owner’s preferences and the address’s own filters', async () => {
    const [watcher, editor] = [await user(), await user('registered', 'Editor')];
    const title = uniqueTitle('Filtered');
    const first = await save(editor, title, 'Text.', null, 'Start');
    await watchPage(watcher, parseTitle(title), 'infinite');
    await save(editor, title, 'Text!', first, 'Typo', true);
    const token = await resetWatchlistFeedToken(watcher);
    await getDb().user.update({ where: { id: watcher.userId! }, data: { preferences: { watchlistHideMinor: true } } });
    expect((await readFeed(await feedWith(token))).feed.items).toEqual([]);
    // hideminor=0 overrides the preference; extended=1 lists every change, not only the latest.
    const { feed } = await readFeed(await feedWith(token, '&hideminor=0&extended=1'));
    expect(feed.items.map((item) => item.description)).toEqual(['Typo (0 bytes, minor edit)', 'New page: Start (5 bytes)']);
    await expectRefusal(await feedWith(token, '&days=2'), 400, englishText(errorMessage('watchlist.days', { choices: '1, 3, 7, 14, 30' })));
  });

  it('stops accepting a token once it is reset; the new one works', async () => {
    const [watcher, editor] = [await user(), await user('registered', 'Editor')];
    const { title } = await watchedPageEditedBy(watcher, editor, editor);
    const old = await resetWatchlistFeedToken(watcher);
    expect((await readFeed(await feedWith(old))).feed.items.map((item) => item.title)).toEqual([title]);
    const renewed = await resetWatchlistFeedToken(watcher);
    expect(renewed).not.toBe(old);
    await expectRefusal(await feedWith(old), 403, TOKEN_REFUSED);
    expect((await readFeed(await feedWith(renewed))).feed.items.map((item) => item.title)).toEqual([title]);
  });

  it('answers 400 without a token and 403 for a wrong one, as text, never 500', async () => {
    await expectRefusal(await feedFor('?feed=atom'), 400, TOKEN_MISSING);
    await expectRefusal(await feedFor('?feed=atom&token='), 400, TOKEN_MISSING);
    for (const token of ['wlf_nope', 'not-a-token', 'wlf_'.padEnd(5000, 'x'), '\u0000<x>', '%']) {
      await expectRefusal(await feedWith(token), 403, TOKEN_REFUSED);
    }
    // Only a signed-in user has a watchlist, hence a token.
    await expect(resetWatchlistFeedToken(ANONYMOUS)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await hasWatchlistFeedToken(ANONYMOUS)).toBe(false);
  });

  it('redacts a hidden summary and author exactly as for its owner', async () => {
    const [watcher, vandal, admin] = [await user(), await user('registered', 'Vandal'), await user('admin', 'Admin')];
    const { title, second } = await watchedPageEditedBy(watcher, watcher, vandal, 'Abused');
    await watchPage(admin, parseTitle(title), 'infinite');
    await setRevisionVisibility(
      admin,
      revisionVisibilitySchema.parse({ revisionId: String(second), hideText: '', hideSummary: 'on', hideAuthor: 'on', reason: 'abuse', seenHidden: '0' }),
    );
    const { xml, feed } = await readFeed(await feedWith(await resetWatchlistFeedToken(watcher)));
    expect(xml).not.toContain('Improve the wording');
    expect(xml).not.toContain(vandal.name);
    expect(feed.items.map((item) => [item.authors[0]?.name, item.description])).toEqual([[REMOVED_USER, `${REMOVED_SUMMARY} (+10 bytes)`]]);
    // An administrator's own feed shows what they may see.
    const { feed: admins } = await readFeed(await feedWith(await resetWatchlistFeedToken(admin)));
    expect(admins.items.map((item) => [item.authors[0]?.name, item.description])).toEqual([[vandal.name, 'Improve the wording (+10 bytes)']]);
  });
});

describe('the feed address', () => {
  it('rewrites Special:Watchlist?feed=atom to the feed route with its token, and is never page-cached', async () => {
    const token = 'wlf_a+b/c=';
    expect(watchlistFeedHref(token)).toBe('/wiki/Special:Watchlist?feed=atom&token=wlf_a%2Bb%2Fc%3D');
    const response = await proxy(new NextRequest(`${ORIGIN}${watchlistFeedHref(token)}`));
    expect(response.headers.get('x-middleware-rewrite')).toBe(`${ORIGIN}/w/feeds/watchlist?feed=atom&token=wlf_a%2Bb%2Fc%3D`);
    expect(response.headers.get(PAGE_CACHE_KEY_HEADER)).toBeNull();
    // The HTML page is not cached either (special pages other than RecentChanges never are).
    const page = await proxy(new NextRequest(`${ORIGIN}/wiki/Special:Watchlist`));
    expect(page.headers.get('x-middleware-rewrite')).toBeNull();
    expect(page.headers.get(PAGE_CACHE_KEY_HEADER)).toBeNull();
  });
});
