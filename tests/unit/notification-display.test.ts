import { describe, expect, it } from 'vitest';
import {
  badgeText,
  isOwnUserTalkPage,
  notificationLine,
  notificationMessageKey,
  notificationsHref,
  notificationTarget,
  ownTalkTitle,
  safeNotificationsReturn,
  type DisplayedNotification,
} from '@/lib/domain/notification-display';
import { makeParsedTitle, NS } from '@/lib/domain/titles';

const page = makeParsedTitle(NS.MAIN, 'Café_au_lait');
const talk = makeParsedTitle(NS.USER_TALK, 'Anna_Rossi');
const item = (over: Partial<DisplayedNotification>): DisplayedNotification => ({ kind: 'mention', page, revisionId: 12, params: {}, ...over });

describe('the badge', () => {
  it('shows nothing for none, the count up to 99, then 99+', () => {
    expect(badgeText(0)).toBeNull();
    expect(badgeText(1)).toBe('1');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });

  it('knows the reader’s own talk page by name, spaces or underscores', () => {
    expect(ownTalkTitle('Anna Rossi').prefixedDbKey).toBe('User_talk:Anna_Rossi');
    expect(isOwnUserTalkPage(talk, 'Anna Rossi')).toBe(true);
    expect(isOwnUserTalkPage(talk, 'Bruno')).toBe(false);
    expect(isOwnUserTalkPage(makeParsedTitle(NS.USER, 'Anna_Rossi'), 'Anna Rossi')).toBe(false);
  });
});

describe('the message of each kind', () => {
  it('is the kind itself, except blocks with a reason and rights changes naming groups', () => {
    expect(notificationMessageKey(item({ kind: 'edit-user-talk' }))).toBe('edit-user-talk');
    expect(notificationMessageKey(item({ kind: 'thank' }))).toBe('thank');
    expect(notificationMessageKey(item({ kind: 'blocked', params: { reason: '' } }))).toBe('blocked');
    expect(notificationMessageKey(item({ kind: 'blocked', params: { reason: 'vandalism' } }))).toBe('blockedWithReason');
    expect(notificationMessageKey(item({ kind: 'user-rights', params: { added: [], removed: [] } }))).toBe('userRights');
    expect(notificationMessageKey(item({ kind: 'user-rights', params: { added: ['admin'], removed: [] } }))).toBe('userRightsGroups');
    // Params are JSON from several writers: a wrong shape reads as absent.
    expect(notificationMessageKey(item({ kind: 'user-rights', params: { added: 'admin' } }))).toBe('userRights');
  });
});

describe('where an item leads', () => {
  it('a revision’s diff against the one before (a link the page cache serves)', () => {
    expect(notificationTarget(item({ kind: 'mention' }), 'Anna Rossi')).toBe('/wiki/Caf%C3%A9_au_lait?diff=prev&oldid=12');
    expect(notificationTarget(item({ kind: 'edit-user-talk', page: talk, revisionId: 3 }), 'Anna Rossi')).toBe('/wiki/User_talk:Anna_Rossi?diff=prev&oldid=3');
    expect(notificationTarget(item({ kind: 'thank', revisionId: null }), 'Anna Rossi')).toBe('/wiki/Caf%C3%A9_au_lait');
    expect(notificationTarget(item({ kind: 'reverted', page: null, revisionId: null }), 'Anna Rossi')).toBeNull();
  });

  it('the linking page for a new link, the logs for rights and blocks', () => {
    const linked = item({ kind: 'page-linked', params: { fromNamespace: NS.TALK, fromTitle: 'Fans' } });
    expect(notificationTarget(linked, 'Anna Rossi')).toBe('/wiki/Talk:Fans');
    expect(notificationTarget(item({ kind: 'page-linked', params: { fromNamespace: 999, fromTitle: 'X' } }), 'Anna Rossi')).toBe('/wiki/Caf%C3%A9_au_lait');
    expect(notificationTarget(item({ kind: 'user-rights' }), 'Anna Rossi')).toBe('/wiki/Special:Log?type=rights&page=User%3AAnna%20Rossi');
    expect(notificationTarget(item({ kind: 'unblocked' }), 'Anna Rossi')).toBe('/wiki/Special:Log?type=block&page=User%3AAnna%20Rossi');
  });

  it('a block’s end only when it reads as a time', () => {
    const blocked = (expiry: unknown) =>
      notificationLine({ ...item({ kind: 'blocked', params: { expiry } }), id: 1, agent: null, createdAt: new Date(0), read: true }, 'A').expiry;
    expect(blocked('2026-12-31T00:00:00.000Z')).toBe('2026-12-31T00:00:00.000Z');
    expect(blocked('soon')).toBeNull();
    expect(blocked(null)).toBeNull();
  });

  it('a line carries names, titles and addresses for the message', () => {
    const line = notificationLine(
      {
        ...item({ kind: 'page-linked', params: { fromNamespace: NS.MAIN, fromTitle: 'Fans_club' } }),
        id: 5,
        agent: { name: 'Bruno Bianchi' },
        createdAt: new Date(0),
        read: false,
      },
      'Anna Rossi',
    );
    expect(line).toMatchObject({
      id: 5,
      messageKey: 'page-linked',
      agent: { name: 'Bruno Bianchi', href: '/wiki/User:Bruno_Bianchi' },
      page: { text: 'Café au lait', href: '/wiki/Caf%C3%A9_au_lait' },
      from: { text: 'Fans club', href: '/wiki/Fans_club' },
      target: '/wiki/Fans_club',
      read: false,
    });
  });
});

describe('Special:Notifications addresses', () => {
  it('keeps the filter and the keyset page', () => {
    expect(notificationsHref()).toBe('/wiki/Special:Notifications');
    expect(notificationsHref({ unreadOnly: true, before: 40 })).toBe('/wiki/Special:Notifications?unread=1&before=40');
    expect(notificationsHref({ before: null })).toBe('/wiki/Special:Notifications');
  });

  it('goes back only to itself after a mark', () => {
    expect(safeNotificationsReturn('/wiki/Special:Notifications?unread=1&before=40')).toBe('/wiki/Special:Notifications?unread=1&before=40');
    expect(safeNotificationsReturn('/wiki/Special:Notifications?before=7')).toBe('/wiki/Special:Notifications?before=7');
    expect(safeNotificationsReturn('https://evil.example/')).toBe('/wiki/Special:Notifications');
    expect(safeNotificationsReturn('//evil.example/wiki/Special:Notifications')).toBe('/wiki/Special:Notifications');
    expect(safeNotificationsReturn(null)).toBe('/wiki/Special:Notifications');
  });
});
