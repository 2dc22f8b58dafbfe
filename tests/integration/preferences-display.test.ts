import '../support/database';
import { fakeRequest as request } from '../support/request-fake';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { loadActor, loadActorWithPreferences } from '@/lib/server/actors';
import { getPreferences } from '@/lib/server/preferences';
import { saveDisplayPreferences, saveInterfaceLanguage } from '@/lib/server/display-preferences';
import { isAppError } from '@/lib/domain/errors';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { DEFAULT_PREFERENCES } from '@/lib/domain/preferences';
import { displayPreferencesFormSchema } from '@/lib/domain/display-preferences';
import { displayPreferencesFormValues } from '@/components/preferences/display-form-state';
import { FORMATS, formatsFor } from '@/lib/i18n/formats';

/**
 * Special:Preferences' "Appearance and language" / "Date and time" section on the real database:
 * the server layer, the Server Actions as Next calls them, and next-intl's request configuration
 * that applies the saved values. Only the request context (locale, actor, cookies, headers,
 * revalidation) is stood in for, as in preferences.test.ts.
 */
request.headers = { host: 'wiki.example:8080', 'accept-language': 'en-US,en;q=0.9' };

const { saveDisplayPreferencesAction } = await import('@/app/actions/display-preferences');
const { chooseLanguage } = await import('@/app/actions/language');
const requestConfig = (await import('@/lib/i18n/request')).default as unknown as (params: object) => Promise<{ locale: string; timeZone: string; formats: unknown }>;

let n = 0;
async function newActor(): Promise<Actor> {
  const account = await createAccount({ username: `Display tester ${process.pid} ${Date.now()} ${++n}`, password: 'display preferences passphrase' }, null);
  return (await loadActor(account.id))!;
}

async function stored(actor: Actor): Promise<unknown> {
  return (await getDb().user.findUniqueOrThrow({ where: { id: actor.userId! }, select: { preferences: true } })).preferences;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** What the session gives the request configuration for this account: its display preferences, read with the actor. */
async function signedIn(actor: Actor) {
  const loaded = (await loadActorWithPreferences(actor.userId!))!;
  const { interfaceLanguage, timeZone, dateFormat, theme } = loaded.preferences;
  request.actor = loaded.actor;
  request.display = { interfaceLanguage, timeZone, dateFormat, theme };
}

const initial = { values: displayPreferencesFormValues(DEFAULT_PREFERENCES) };

let actor: Actor;
beforeAll(async () => {
  actor = await newActor();
});

describe('the server layer', () => {
  it('stores only what differs from the defaults, keeps other sections’ keys, and the actor’s query reads it back', async () => {
    await getDb().$executeRaw`UPDATE users SET preferences = '{"watchMoves": true, "timeZone": "Europe/Rome"}'::jsonb WHERE id = ${actor.userId}`;
    const parsed = displayPreferencesFormSchema.parse({ interfaceLanguage: 'it', theme: 'auto', dateFormat: 'iso', timeZone: 'Asia/Tokyo' });
    const now = await saveDisplayPreferences(actor, parsed);
    expect(now).toMatchObject({ interfaceLanguage: 'it', theme: 'auto', dateFormat: 'iso', timeZone: 'Asia/Tokyo', watchMoves: true });
    expect(await stored(actor)).toEqual({ watchMoves: true, interfaceLanguage: 'it', dateFormat: 'iso', timeZone: 'Asia/Tokyo' });
    // Back to the defaults: the section's keys go, the watchlist's stays.
    await saveDisplayPreferences(actor, displayPreferencesFormSchema.parse({ interfaceLanguage: '', theme: 'auto', dateFormat: 'default', timeZone: '' }));
    expect(await stored(actor)).toEqual({ watchMoves: true });
    await saveDisplayPreferences(actor, parsed);
    const loaded = await loadActorWithPreferences(actor.userId!);
    expect(loaded!.actor).toEqual(await loadActor(actor.userId!));
    expect(loaded!.preferences).toEqual(await getPreferences(actor.userId!));
    expect(loaded!.preferences.timeZone).toBe('Asia/Tokyo');
  });

  it('refuses anonymous readers', async () => {
    const error = await saveDisplayPreferences(ANONYMOUS, { interfaceLanguage: 'it', theme: 'dark', dateFormat: 'iso', timeZone: '' }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('UNAUTHENTICATED');
    // The language switcher of an anonymous reader saves nothing (the cookie alone remembers).
    await expect(saveInterfaceLanguage(ANONYMOUS, 'it')).resolves.toBeUndefined();
  });
});

describe('the Server Actions', () => {
  it('save, then say so with the values kept', async () => {
    request.actor = await newActor();
    const fields = { interfaceLanguage: 'it', theme: 'dark', dateFormat: 'iso', timeZone: 'Asia/Tokyo' };
    const state = await saveDisplayPreferencesAction(initial, form(fields));
    expect(state).toEqual({ values: fields, saved: true });
    expect(await stored(request.actor)).toEqual(fields);
  });

  it('refuse a zone that is not one, in the reader’s language; nothing saved', async () => {
    request.actor = await newActor();
    const fields = { interfaceLanguage: 'it', theme: 'dark', dateFormat: 'iso', timeZone: 'Mars/Olympus_Mons' };
    const state = await saveDisplayPreferencesAction(initial, form(fields));
    expect(state.formError).toBe('Your preferences were not saved: "Mars/Olympus_Mons" is not a time zone this wiki knows. Choose one from the list.');
    expect(state.fieldErrors).toEqual({ timeZone: '"Mars/Olympus_Mons" is not a time zone this wiki knows. Choose one from the list.' });
    expect(state.values).toEqual(fields);
    request.locale = 'it';
    const italian = await saveDisplayPreferencesAction(initial, form({ ...fields, timeZone: 'Asia/Tokyo', theme: 'sepia' }));
    request.locale = 'en';
    expect(italian.formError).toBe('Le preferenze non sono state salvate: Scegli automatico, chiaro o scuro.');
    expect(await stored(request.actor)).toEqual({});
  });

  it('refuse anonymous readers with the sign-in message', async () => {
    request.actor = null;
    const state = await saveDisplayPreferencesAction(initial, form({ interfaceLanguage: 'it', theme: 'dark', dateFormat: 'iso', timeZone: '' }));
    expect(state.formError).toMatch(/^You must sign in/);
    expect(state.saved).toBeUndefined();
  });

  it('the language switcher saves a signed-in reader’s choice, and only sets the cookie for anonymous ones', async () => {
    const reader = await newActor();
    request.actor = reader;
    request.cookies.clear();
    await chooseLanguage(form({ language: 'it' }));
    expect(request.cookies.get('wiki_language')).toBe('it');
    expect(await stored(reader)).toEqual({ interfaceLanguage: 'it' });
    await chooseLanguage(form({ language: 'klingon' }));
    expect(await stored(reader)).toEqual({ interfaceLanguage: 'it' });
    request.actor = null;
    await chooseLanguage(form({ language: 'en' }));
    expect(request.cookies.get('wiki_language')).toBe('en');
    expect(await stored(reader)).toEqual({ interfaceLanguage: 'it' });
  });
});

describe('next-intl’s request configuration', () => {
  it('anonymous readers: the cookie or the browser’s language, UTC, the language’s own date formats', async () => {
    request.actor = null;
    request.display = null;
    request.cookies.clear();
    request.headers['accept-language'] = 'it-IT,it;q=0.9';
    expect(await requestConfig({})).toMatchObject({ locale: 'it', timeZone: 'UTC', formats: FORMATS });
    request.cookies.set('wiki_language', 'en');
    expect(await requestConfig({})).toMatchObject({ locale: 'en', timeZone: 'UTC' });
  });

  it('signed-in readers: their saved language wins over the cookie, with their zone and date format', async () => {
    const reader = await newActor();
    await saveDisplayPreferences(reader, { interfaceLanguage: 'it', theme: 'dark', dateFormat: 'iso', timeZone: 'Asia/Tokyo' });
    await signedIn(reader);
    request.cookies.set('wiki_language', 'en');
    request.headers['accept-language'] = 'en-US';
    const config = await requestConfig({});
    expect(config).toMatchObject({ locale: 'it', timeZone: 'Asia/Tokyo' });
    expect(config.formats).toBe(formatsFor('iso'));
    // With no saved language, the cookie decides again; no saved zone is the wiki's UTC.
    await saveDisplayPreferences(reader, { interfaceLanguage: '', theme: 'auto', dateFormat: 'default', timeZone: '' });
    await signedIn(reader);
    expect(await requestConfig({})).toMatchObject({ locale: 'en', timeZone: 'UTC', formats: FORMATS });
  });
});
