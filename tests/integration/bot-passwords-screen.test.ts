import '../support/database';
import { fakeRequest as request } from '../support/request-fake';
import { describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { loadActor } from '@/lib/server/actors';
import { verifyBotLogin } from '@/lib/server/bot-passwords';
import { type Actor } from '@/lib/domain/policy';
import type { BotPasswordFormState } from '@/components/special/bot-password-state';

/**
 * Special:BotPasswords' Server Actions and screen on the real database. Only the request context
 * (locale, actor) is stood in for, as in preferences.test.ts.
 */

const { createBotPasswordAction, deleteBotPasswordAction, resetBotPasswordAction, updateBotPasswordGrantsAction } = await import('@/app/actions/bot-passwords');
const { loadBotPasswordsScreen } = await import('@/lib/server/screens/bot-passwords');

let n = 0;
async function signIn(): Promise<Actor> {
  const account = await createAccount({ username: `Bp screen ${process.pid} ${Date.now()} ${++n}`, password: 'bot password screen passphrase' }, null);
  request.actor = (await loadActor(account.id))!;
  request.locale = 'en';
  return request.actor;
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) data.append(name, item);
  return data;
}

const initial: BotPasswordFormState = { values: { appId: '', grants: [] } };

describe("Special:BotPasswords' forms", () => {
  it('create: the password comes back once, and signs in', async () => {
    const actor = await signIn();
    const state = await createBotPasswordAction(initial, form({ appId: 'Pywikibot', grants: ['editpage', 'highvolume'] }));
    expect(state.formError).toBeUndefined();
    expect(state.issued?.loginName).toBe(`${actor.name}@Pywikibot`);
    expect(await verifyBotLogin(state.issued!.loginName, state.issued!.password, '203.0.113.77')).toMatchObject({ userId: actor.userId });

    const screen = await loadBotPasswordsScreen(null);
    expect(screen).toMatchObject({ kind: 'list', mayCreate: true, rows: [{ appId: 'Pywikibot', grants: ['basic', 'highvolume', 'editpage'] }] });
    expect(JSON.stringify(screen)).not.toContain(state.issued!.password);
  });

  it('create: a taken name is refused on its field, with what was typed kept, in Italian too', async () => {
    await signIn();
    await createBotPasswordAction(initial, form({ appId: 'twice' }));
    request.locale = 'it';
    const state = await createBotPasswordAction(initial, form({ appId: 'twice', grants: 'uploadfile' }));
    expect(state.fieldErrors?.appId).toBe('Hai già una password per bot chiamata "twice". Scegli un altro nome, oppure modifica quella.');
    expect(state.values).toEqual({ appId: 'twice', grants: ['uploadfile'] });
    expect(state.issued).toBeUndefined();
  });

  it('grants, reset and delete (only once confirmed) on Special:BotPasswords/<appid>', async () => {
    await signIn();
    const created = await createBotPasswordAction(initial, form({ appId: 'my tool', grants: 'editpage' }));

    const one = await loadBotPasswordsScreen('my_tool');
    expect(one).toMatchObject({ kind: 'one', mayChange: true, row: { appId: 'my tool', grants: ['basic', 'editpage'] } });
    expect(await loadBotPasswordsScreen('other')).toEqual({ kind: 'missing', appId: 'other' });

    const saved = await updateBotPasswordGrantsAction(initial, form({ appId: 'my tool', grants: ['editmywatchlist'] }));
    expect(saved).toMatchObject({ saved: true, values: { grants: ['basic', 'editmywatchlist'] } });

    const reset = await resetBotPasswordAction(initial, form({ appId: 'my tool' }));
    expect(reset.issued?.password).toMatch(/^[0-9a-v]{32}$/);
    expect(reset.issued?.password).not.toBe(created.issued!.password);

    const unconfirmed = await deleteBotPasswordAction(initial, form({ appId: 'my tool' }));
    expect(unconfirmed.formError).toBe('Tick the box to confirm that this bot password should be deleted.');
    expect((await loadBotPasswordsScreen('my tool')).kind).toBe('one');
    expect(await deleteBotPasswordAction(initial, form({ appId: 'my tool', confirm: 'yes' }))).toMatchObject({ deleted: true });
    expect((await loadBotPasswordsScreen('my tool')).kind).toBe('missing');
  });

  it('sends visitors to sign in, and shows a blocked owner the list without the create form', async () => {
    request.actor = null;
    expect(await loadBotPasswordsScreen(null)).toMatchObject({ kind: 'denied', decision: { reason: 'not-signed-in' }, returnTo: '/wiki/Special:BotPasswords' });
    const refused = await createBotPasswordAction(initial, form({ appId: 'anon' }));
    expect(refused.formError).toMatch(/log in|sign in/i);

    const actor = await signIn();
    await createBotPasswordAction(initial, form({ appId: 'kept' }));
    request.actor = { ...actor, blocked: { reason: 'test', expiresAt: null, sitewide: true, pageIds: [] } };
    expect(await loadBotPasswordsScreen(null)).toMatchObject({ kind: 'list', mayCreate: false, rows: [{ appId: 'kept' }] });
    expect(await loadBotPasswordsScreen('kept')).toMatchObject({ kind: 'one', mayChange: false });
    expect((await createBotPasswordAction(initial, form({ appId: 'new' }))).formError).toMatch(/blocked/i);
    expect(await deleteBotPasswordAction(initial, form({ appId: 'kept', confirm: 'yes' }))).toMatchObject({ deleted: true });
  });
});
