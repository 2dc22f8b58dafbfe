import { uniqueTitle } from '../support/database';
import { fakeRequest as request } from '../support/request-fake';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { loadActor } from '@/lib/server/actors';
import { editPage } from '@/lib/server/edit-page';
import { listWatchedTitles, watchPage } from '@/lib/server/watchlist';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { parseTitle } from '@/lib/domain/titles';

/**
 * Special:EditWatchlist's Server Actions and screen, called as Next calls them. The request context
 * (locale, the session's actor) is the only thing stood in for; the watchlist is the real table.
 */

const { submitRawWatchlist, submitRemoveTitles } = await import('@/app/actions/watchlist-edit');
const { loadEditWatchlistScreen } = await import('@/lib/server/screens/edit-watchlist');

let n = 0;
async function newActor(): Promise<Actor> {
  const account = await createAccount({ username: `Watchlist editor ${process.pid} ${Date.now()} ${++n}`, password: 'watchlist editor passphrase' }, null);
  return (await loadActor(account.id))!;
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(name, one);
  return data;
}

async function watched(actor: Actor): Promise<{ title: string; expiresAt: Date | null }[]> {
  return (await listWatchedTitles(actor)).map((entry) => ({ title: entry.title.prefixedText, expiresAt: entry.expiresAt }));
}

const sorted = (titles: string[]) => [...titles].sort();
const noRemoval = { values: { titles: [] } };
const rawStart = { values: { titles: '' } };

let actor: Actor;
beforeEach(async () => {
  actor = await newActor();
  request.actor = actor;
  request.locale = 'en';
});

describe('Special:EditWatchlist: removing titles', () => {
  it('removes the ticked titles (a talk title stands for its subject) and names them', async () => {
    const [a, b, c] = [uniqueTitle('Remove A'), uniqueTitle('Remove B'), uniqueTitle('Remove C')];
    for (const title of [a, b, c]) await watchPage(actor, parseTitle(title), 'infinite');

    const state = await submitRemoveTitles(noRemoval, form({ titles: [a, `Talk:${c}`, c] }));
    expect(state.formError).toBeUndefined();
    expect(sorted(state.removed!)).toEqual(sorted([a, c]));
    expect(state.values.titles).toEqual([]);
    expect(await watched(actor)).toEqual([{ title: b, expiresAt: null }]);
  });

  it('asks for a tick when nothing is ticked, and changes nothing', async () => {
    const title = uniqueTitle('Remove none');
    await watchPage(actor, parseTitle(title), 'infinite');
    const state = await submitRemoveTitles(noRemoval, form({}));
    expect(state.formError).toBe('Tick the titles to remove, then press the button again.');
    expect(state.removed).toBeUndefined();
    expect(await watched(actor)).toHaveLength(1);
  });
});

describe('Special:EditWatchlist/raw', () => {
  it('makes the watchlist the listed titles: adds, removes, and keeps an existing watch’s expiry', async () => {
    const [kept, temporary, dropped, added] = [uniqueTitle('Raw kept'), uniqueTitle('Raw temporary'), uniqueTitle('Raw dropped'), uniqueTitle('Raw added')];
    await watchPage(actor, parseTitle(kept), 'infinite');
    const { expiresAt } = await watchPage(actor, parseTitle(temporary), '1 week');
    await watchPage(actor, parseTitle(dropped), 'infinite');

    const text = `${kept}\r\n  ${temporary}  \n\nTalk:${added}\nUser:${added}\n${added}`;
    const state = await submitRawWatchlist(rawStart, form({ titles: text }));
    expect(state.formError).toBeUndefined();
    expect(state.saved).toEqual({ added: [added, `User:${added}`], removed: [dropped] });
    expect(state.values.titles).toBe([added, kept, temporary].sort().concat(`User:${added}`).join('\n'));

    const now = await watched(actor);
    expect(sorted(now.map((entry) => entry.title))).toEqual(sorted([kept, temporary, added, `User:${added}`]));
    expect(now.find((entry) => entry.title === temporary)!.expiresAt).toEqual(expiresAt);
    expect(now.find((entry) => entry.title === added)!.expiresAt).toBeNull();
  });

  it('turns talk titles into their subjects: the talk page is watched with it', async () => {
    const title = uniqueTitle('Raw talk');
    const state = await submitRawWatchlist(rawStart, form({ titles: `Talk:${title}\nUser talk:${title}` }));
    expect(state.saved!.added).toEqual([title, `User:${title}`]);
    expect(sorted((await watched(actor)).map((entry) => entry.title))).toEqual(sorted([title, `User:${title}`]));
  });

  it('refuses a list with a bad line: nothing changes, the text comes back as typed with the line numbers', async () => {
    const title = uniqueTitle('Raw bad');
    await watchPage(actor, parseTitle(title), '1 month');
    const before = await watched(actor);

    const typed = `${uniqueTitle('Raw new')}\nBad [title]\n${title}\nSpecial:RecentChanges`;
    const state = await submitRawWatchlist(rawStart, form({ titles: typed }));
    expect(state.values.titles).toBe(typed);
    expect(state.fieldErrors?.titles).toBe('Lines 2, 4 are not valid titles. Correct or remove them and save again; nothing was changed.');
    expect(state.saved).toBeUndefined();
    expect(await watched(actor)).toEqual(before);

    request.locale = 'it';
    const italian = await submitRawWatchlist(rawStart, form({ titles: 'Ok\n{bad}' }));
    expect(italian.fieldErrors?.titles).toMatch(/^La riga 2 non è un titolo valido/);
    expect(await watched(actor)).toEqual(before);
  });

  it('an empty list empties the watchlist', async () => {
    await watchPage(actor, parseTitle(uniqueTitle('Raw emptied')), 'infinite');
    const state = await submitRawWatchlist(rawStart, form({ titles: '\n \n' }));
    expect(state.saved!.added).toEqual([]);
    expect(state.saved!.removed).toHaveLength(1);
    expect(await watched(actor)).toEqual([]);
  });
});

describe('the screen', () => {
  it('lists the titles with whether the page and its talk page exist, and the raw text', async () => {
    const [page, missing] = [uniqueTitle('Screen page'), uniqueTitle('Screen missing')];
    await editPage(actor, { title: parseTitle(`Talk:${page}`), content: 'talk', summary: '', minor: false, baseRevisionId: null }, '127.0.0.1');
    await editPage(actor, { title: parseTitle(page), content: 'text', summary: '', minor: false, baseRevisionId: null }, '127.0.0.1');
    await watchPage(actor, parseTitle(page), 'infinite');
    await watchPage(actor, parseTitle(missing), '1 week');
    await watchPage(actor, parseTitle(`Template:${page}`), 'infinite');

    const screen = await loadEditWatchlistScreen(false);
    if (screen.kind !== 'list') throw new Error(screen.kind);
    const lines = screen.lines.map((line) => [line.title.prefixedText, line.exists, line.talk.prefixedText, line.talkExists, line.expiresAt !== null]);
    expect(lines).toEqual(
      [
        [page, true, `Talk:${page}`, true, false],
        [missing, false, `Talk:${missing}`, false, true],
        [`Template:${page}`, false, `Template talk:${page}`, false, false],
      ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)),
    );
    expect(await loadEditWatchlistScreen(true)).toEqual({ kind: 'raw', text: [missing, page].sort().concat(`Template:${page}`).join('\n') });
  });
});

describe('anonymous readers', () => {
  it('are asked to sign in, and the actions change nothing', async () => {
    request.actor = ANONYMOUS;
    const denied = await loadEditWatchlistScreen(true);
    expect(denied).toMatchObject({ kind: 'denied', decision: { reason: 'not-signed-in' }, returnTo: '/wiki/Special:EditWatchlist/raw' });
    expect(await loadEditWatchlistScreen(false)).toMatchObject({ kind: 'denied', returnTo: '/wiki/Special:EditWatchlist' });

    const raw = await submitRawWatchlist(rawStart, form({ titles: 'Anything' }));
    expect(raw.formError).toBe('You must sign in to change your watchlist.');
    expect(raw.values.titles).toBe('Anything');
    expect(raw.saved).toBeUndefined();
    const removal = await submitRemoveTitles(noRemoval, form({ titles: 'Anything' }));
    expect(removal.formError).toBe('You must sign in to change your watchlist.');
    expect(removal.removed).toBeUndefined();
  });
});
