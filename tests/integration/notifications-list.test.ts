import '../support/database';
import { fakeRequest as request } from '../support/request-fake';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { deliverNotifications, listNotifications, markAllNotificationsRead, markNotifications, unreadSummary } from '@/lib/server/notifications/store';
import { getPreferences, saveNotificationPreferences } from '@/lib/server/preferences';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { notificationPreferencesFormSchema } from '@/lib/domain/preferences';
import type { NotificationDraft } from '@/lib/domain/notifications';
import { NS } from '@/lib/domain/titles';

/**
 * Special:Notifications and the header on the real database: the store's list, paging and marks,
 * the screen loader and the frame's badge and banner, the Server Actions and the preferences
 * section. Only the request context (actor, headers) is stood in for.
 */
/** The page the request is for, as proxy.ts passes it to the screens (x-wiki-title). */
const viewTitle = (title: string | null) => (request.headers = title === null ? {} : { 'x-wiki-title': encodeURIComponent(title) });

const { loadNotificationsScreen } = await import('@/lib/server/screens/notifications');
const { loadSiteFrame } = await import('@/lib/server/screens/site-frame');
const { visitTalkPage } = await import('@/lib/server/notifications/viewer');
const { submitMarkAllNotificationsRead, submitNotificationMark } = await import('@/app/actions/notifications');

let n = 0;
async function newActor(label: string): Promise<Actor> {
  const account = await createAccount({ username: `${label} ${process.pid} ${++n}`, password: 'notifications test passphrase' }, null);
  return { userId: account.id, name: account.name, role: 'registered', createdAt: new Date(0), editCount: 0, blocked: null };
}

function draft(to: Actor, from: Actor, kind: NotificationDraft['kind'], key: string): NotificationDraft {
  const page = kind === 'edit-user-talk' ? { namespace: NS.USER_TALK, title: to.name!.replaceAll(' ', '_') } : { namespace: NS.MAIN, title: 'ECPAT' };
  return { userId: to.userId!, kind, agentId: from.userId, page, revisionId: null, params: {}, eventKey: `${kind}:${key}` };
}

/** Runs a Server Action that ends in redirect(), returning where it went. */
async function redirectOf(run: Promise<void>): Promise<string> {
  const error = await run.then(
    () => null,
    (problem: unknown) => problem,
  );
  const digest = (error as { digest?: string } | null)?.digest ?? '';
  expect(digest).toMatch(/^NEXT_REDIRECT/u);
  return digest.split(';')[2]!;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

let anna: Actor;
let bruno: Actor;
beforeAll(async () => {
  [anna, bruno] = [await newActor('Anna Notified'), await newActor('Bruno Notifier')];
  // 55 mentions for Anna (more than a page), then one talk message; one for Bruno.
  const drafts = Array.from({ length: 55 }, (_, index) => draft(anna, bruno, 'mention', `m${index}`));
  expect(await deliverNotifications(drafts)).toBe(55);
  expect(await deliverNotifications([draft(anna, bruno, 'edit-user-talk', 't1'), draft(bruno, anna, 'thank', 'b1')])).toBe(2);
});

describe('the list', () => {
  it('is newest first, 50 a page, then the rest by keyset', async () => {
    const first = await listNotifications(anna, { limit: 50 });
    expect(first.items).toHaveLength(50);
    expect(first.items[0]!.kind).toBe('edit-user-talk');
    expect(first.items[0]!.agent?.name).toBe(bruno.name);
    expect(first.items.every((item, index) => index === 0 || item.id < first.items[index - 1]!.id)).toBe(true);
    expect(first.older).toBe(first.items[49]!.id);
    const second = await listNotifications(anna, { limit: 50, before: first.older! });
    expect(second.items).toHaveLength(6);
    expect(second.older).toBeNull();
  });

  it('the screen loader: lines with messages and links, paging and the unread filter', async () => {
    request.actor = anna;
    const screen = await loadNotificationsScreen({});
    if (screen.kind !== 'notifications') throw new Error(screen.kind);
    expect(screen.lines).toHaveLength(50);
    expect(screen.lines[0]).toMatchObject({ messageKey: 'edit-user-talk', agent: { name: bruno.name }, read: false });
    expect(screen.olderHref).toMatch(/^\/wiki\/Special:Notifications\?before=\d+$/u);
    expect(screen.newestHref).toBeNull();
    const before = screen.olderHref!.split('=')[1]!;
    const older = await loadNotificationsScreen({ before });
    if (older.kind !== 'notifications') throw new Error(older.kind);
    expect(older.lines).toHaveLength(6);
    expect(older.newestHref).toBe('/wiki/Special:Notifications');
    // A malformed `before` pages from the newest.
    const odd = await loadNotificationsScreen({ before: '99999999999' });
    expect(odd.kind === 'notifications' && odd.lines.length).toBe(50);
  });

  it('asks anonymous readers to sign in', async () => {
    request.actor = null;
    const screen = await loadNotificationsScreen({});
    expect(screen.kind === 'denied' && screen.decision.reason).toBe('not-signed-in');
    // The buttons' actions refuse too, whatever the form says.
    await expect(submitNotificationMark(form({ id: 'x', read: '1' }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(submitMarkAllNotificationsRead(form({}))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('read and unread', () => {
  it('marks one read and unread again; ids of others are ignored', async () => {
    const [top] = (await listNotifications(anna, { limit: 1 })).items;
    const [brunos] = (await listNotifications(bruno, { limit: 1 })).items;
    expect(await markNotifications(anna, [top!.id, brunos!.id], true)).toBe(1);
    expect((await listNotifications(bruno, { limit: 1 })).items[0]!.read).toBe(false);
    expect((await unreadSummary(anna.userId!)).count).toBe(55);
    const unread = await listNotifications(anna, { limit: 100, unreadOnly: true });
    expect(unread.items.some((item) => item.id === top!.id)).toBe(false);
    expect(await markNotifications(anna, [top!.id], false)).toBe(1);
    expect(await unreadSummary(anna.userId!)).toEqual({ count: 56, talk: true });
  });

  it('the actions mark for the reader only and go back to the view they came from', async () => {
    request.actor = anna;
    const [top] = (await listNotifications(anna, { limit: 1 })).items;
    const [brunos] = (await listNotifications(bruno, { limit: 1 })).items;
    const back = await redirectOf(submitNotificationMark(form({ id: String(top!.id), read: '1', returnTo: '/wiki/Special:Notifications?unread=1' })));
    expect(back).toBe('/wiki/Special:Notifications?unread=1');
    await redirectOf(submitNotificationMark(form({ id: String(brunos!.id), read: '1', returnTo: 'https://evil.example/' })));
    expect((await listNotifications(bruno, { limit: 1 })).items[0]!.read).toBe(false);
    const screen = await loadNotificationsScreen({ unread: '1' });
    expect(screen.kind === 'notifications' && screen.lines.some((line) => line.id === top!.id)).toBe(false);
    await redirectOf(submitNotificationMark(form({ id: String(top!.id), read: '0', returnTo: '/wiki/Special:Notifications' })));
    expect((await unreadSummary(anna.userId!)).count).toBe(56);
  });
});

describe('the header and the talk page', () => {
  it('anonymous readers get no badge and cost no query; signed-in ones get the count and the banner', async () => {
    request.actor = null;
    viewTitle('ECPAT');
    expect((await loadSiteFrame()).notifications).toBeNull();
    request.actor = anna;
    expect((await loadSiteFrame()).notifications).toEqual({ count: 56, badge: '56', newMessagesHref: `/wiki/User_talk:${anna.name!.replaceAll(' ', '_')}` });
  });

  it('reading one’s own talk page reads its messages and the banner goes', async () => {
    request.actor = anna;
    viewTitle(`User talk:${anna.name}`);
    const frame = await loadSiteFrame();
    expect(frame.notifications).toEqual({ count: 55, badge: '55', newMessagesHref: null });
    // A second message, read through the page's path (a client-side navigation does not render the header).
    await deliverNotifications([draft(anna, bruno, 'edit-user-talk', 't2')]);
    expect((await unreadSummary(anna.userId!)).talk).toBe(true);
    await visitTalkPage(bruno, { namespace: NS.USER_TALK, dbKey: anna.name!.replaceAll(' ', '_') });
    expect((await unreadSummary(anna.userId!)).talk).toBe(true);
    await visitTalkPage(anna, { namespace: NS.USER_TALK, dbKey: anna.name!.replaceAll(' ', '_') });
    expect(await unreadSummary(anna.userId!)).toEqual({ count: 55, talk: false });
  });

  it('"Mark all as read" empties the badge, not anyone else’s', async () => {
    request.actor = anna;
    viewTitle(null);
    expect(await redirectOf(submitMarkAllNotificationsRead(form({ returnTo: '/wiki/Special:Notifications' })))).toBe('/wiki/Special:Notifications');
    expect((await loadSiteFrame()).notifications).toEqual({ count: 0, badge: null, newMessagesHref: null });
    expect(await markAllNotificationsRead(anna)).toBe(0);
    expect((await unreadSummary(bruno.userId!)).count).toBe(1);
  });

  it('shows "99+" past 99', async () => {
    const many = Array.from({ length: 120 }, (_, index) => draft(bruno, anna, 'mention', `many${index}`));
    await deliverNotifications(many);
    request.actor = bruno;
    expect((await loadSiteFrame()).notifications).toMatchObject({ count: 121, badge: '99+' });
  });
});

describe('the preferences section', () => {
  it('replaces only its own keys, and a kind turned off is no longer delivered', async () => {
    const carla = await newActor('Carla Quiet');
    await getDb().$executeRaw`UPDATE users SET preferences = '{"watchMoves": true}'::jsonb WHERE id = ${carla.userId}`;
    const parsed = notificationPreferencesFormSchema.parse({
      notifyUserTalk: 'on',
      notifyMention: '',
      notifyReverted: 'on',
      notifyThanks: 'on',
      notifyPageLinked: 'on',
      notifyRights: 'on',
      notifyBlocks: 'on',
    });
    const saved = await saveNotificationPreferences(carla, parsed);
    expect(saved).toMatchObject({ notifyMention: false, notifyUserTalk: true, watchMoves: true });
    expect((await getPreferences(carla.userId!)).watchMoves).toBe(true);
    expect(await deliverNotifications([draft(carla, anna, 'mention', 'c1'), draft(carla, anna, 'edit-user-talk', 'c2')])).toBe(1);
    await expect(saveNotificationPreferences(ANONYMOUS, parsed)).rejects.toThrow();
  });
});
