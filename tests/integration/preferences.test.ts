import '../support/database';
import { fakeRequest as request } from '../support/request-fake';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { getPreferences, saveWatchlistPreferences } from '@/lib/server/preferences';
import { hasWatchlistFeedToken } from '@/lib/server/watchlist-feed';
import { isAppError } from '@/lib/domain/errors';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { DEFAULT_PREFERENCES, watchlistPreferencesFormSchema } from '@/lib/domain/preferences';
import { preferencesFormValues } from '@/components/watchlist/preferences-form-state';

/**
 * Special:Preferences' watchlist section on the real database: the server layer directly, and the
 * Server Actions as Next calls them. Only the request context (locale, actor, headers) is stood in
 * for, as in write-form-refusals.test.ts.
 */
request.headers = { host: 'wiki.example:8080' };

const { saveWatchlistPreferencesAction, resetFeedTokenAction } = await import('@/app/actions/preferences');

let n = 0;
async function newActor(): Promise<Actor> {
  const account = await createAccount({ username: `Preferences tester ${process.pid} ${Date.now()} ${++n}`, password: 'preferences test passphrase' }, null);
  return { userId: account.id, name: account.name, role: 'registered', createdAt: new Date(0), editCount: 0, blocked: null };
}

async function stored(actor: Actor): Promise<unknown> {
  return (await getDb().user.findUniqueOrThrow({ where: { id: actor.userId! }, select: { preferences: true } })).preferences;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== '') data.set(name, value);
  return data;
}

const initial = { values: preferencesFormValues(DEFAULT_PREFERENCES) };

let actor: Actor;
beforeAll(async () => {
  actor = await newActor();
});

describe('the server layer', () => {
  it('a new account has the defaults and stores nothing', async () => {
    expect(await getPreferences(actor.userId!)).toEqual(DEFAULT_PREFERENCES);
    expect(await stored(actor)).toEqual({});
  });

  it('stores only what differs from the defaults, and reads it back', async () => {
    // As the action reads the form: an unticked box is ''.
    const fields = { ...preferencesFormValues(DEFAULT_PREFERENCES), watchEdits: '', watchMoves: 'on', watchlistDays: '14', watchlistHideOwn: 'on' };
    const parsed = watchlistPreferencesFormSchema.parse(fields);
    const saved = await saveWatchlistPreferences(actor, parsed);
    const expected = { ...DEFAULT_PREFERENCES, watchEdits: false, watchMoves: true, watchlistDays: 14, watchlistHideOwn: true };
    expect(saved).toEqual(expected);
    expect(await stored(actor)).toEqual({ watchEdits: false, watchMoves: true, watchlistDays: 14, watchlistHideOwn: true });
    expect(await getPreferences(actor.userId!)).toEqual(expected);

    // Back to the defaults: nothing left stored.
    await saveWatchlistPreferences(actor, watchlistPreferencesFormSchema.parse(preferencesFormValues(DEFAULT_PREFERENCES)));
    expect(await stored(actor)).toEqual({});
  });

  it('keeps stored keys of other sections when the watchlist section is saved', async () => {
    const other = await newActor();
    await getDb().user.update({ where: { id: other.userId! }, data: { preferences: { watchMoves: true, laterReleaseOption: 'kept' } } });
    await saveWatchlistPreferences(other, watchlistPreferencesFormSchema.parse(preferencesFormValues(DEFAULT_PREFERENCES)));
    expect(await stored(other)).toEqual({ laterReleaseOption: 'kept' });
  });

  it('a stored value that is no longer valid reads as its default', async () => {
    const other = await newActor();
    await getDb().user.update({ where: { id: other.userId! }, data: { preferences: { watchlistDays: 5, watchEdits: 'yes', watchMoves: true } } });
    expect(await getPreferences(other.userId!)).toEqual({ ...DEFAULT_PREFERENCES, watchMoves: true });
    await getDb().user.update({ where: { id: other.userId! }, data: { preferences: ['not', 'an', 'object'] } });
    expect(await getPreferences(other.userId!)).toEqual(DEFAULT_PREFERENCES);
  });

  it('refuses anonymous readers', async () => {
    const parsed = watchlistPreferencesFormSchema.parse(preferencesFormValues(DEFAULT_PREFERENCES));
    const refusal = await saveWatchlistPreferences(ANONYMOUS, parsed).catch((error: unknown) => error);
    expect(isAppError(refusal) && refusal.code).toBe('UNAUTHENTICATED');
  });
});

describe('the Server Actions', () => {
  it('save, then say so with the values kept', async () => {
    request.actor = await newActor();
    const fields = { ...initial.values, watchEdits: '', watchlistAllChanges: 'on', watchlistDays: '3' };
    const state = await saveWatchlistPreferencesAction(initial, form(fields));
    expect(state).toEqual({ values: fields, saved: true });
    expect(await stored(request.actor)).toEqual({ watchEdits: false, watchlistAllChanges: true, watchlistDays: 3 });
  });

  it('refuse days that are not a choice, naming the choices, in the reader’s language; nothing saved', async () => {
    request.actor = await newActor();
    const fields = { ...initial.values, watchMoves: 'on', watchlistDays: '99' };
    const state = await saveWatchlistPreferencesAction(initial, form(fields));
    expect(state.formError).toBe('Your preferences were not saved: days must be one of 1, 3, 7, 14, 30');
    expect(state.fieldErrors).toEqual({ watchlistDays: 'days must be one of 1, 3, 7, 14, 30' });
    expect(state.values).toEqual(fields);
    expect(state.saved).toBeUndefined();
    request.locale = 'it';
    const italian = await saveWatchlistPreferencesAction(initial, form(fields));
    request.locale = 'en';
    expect(italian.formError).toBe('Le preferenze non sono state salvate: days deve essere uno di 1, 3, 7, 14, 30');
    expect(await stored(request.actor)).toEqual({});
  });

  it('refuse anonymous readers with the sign-in message', async () => {
    request.actor = null;
    const state = await saveWatchlistPreferencesAction(initial, form({ ...initial.values, watchMoves: 'on' }));
    expect(state.formError).toMatch(/^You must sign in/);
    expect(state.saved).toBeUndefined();
    const feed = await resetFeedTokenAction({ values: {} }, new FormData());
    expect(feed.formError).toMatch(/^You must sign in/);
    expect(feed.feedUrl).toBeUndefined();
  });

  it('make a feed address once, absolute, and a reset replaces it', async () => {
    request.actor = await newActor();
    expect(await hasWatchlistFeedToken(request.actor)).toBe(false);
    const first = await resetFeedTokenAction({ values: {} }, new FormData());
    expect(first.formError).toBeUndefined();
    expect(first.feedUrl).toMatch(/^http:\/\/wiki\.example:8080\/wiki\/Special:Watchlist\?feed=atom&token=[^&\s]+$/);
    expect(await hasWatchlistFeedToken(request.actor)).toBe(true);
    const second = await resetFeedTokenAction({ values: {} }, new FormData());
    expect(second.feedUrl).not.toBe(first.feedUrl);
  });
});
