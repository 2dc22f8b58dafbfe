// The pure parts of notifications by e-mail (lib/domain/notification-mail.ts) and the words of the
// messages (lib/i18n/notification-mail-text.ts): who wants what mailed, configuration, tokens'
// shape and expiry, when a digest is due, the forms' schemas, and the texts in both languages.
import { describe, expect, it } from 'vitest';
import {
  CONFIRMATION_TTL_MS,
  confirmEmailHref,
  confirmationOutcome,
  digestDue,
  DIGEST_MAX_ITEMS,
  EMAIL_PREFERENCE,
  EMAIL_PREFERENCE_KEYS,
  emailAddressFormSchema,
  emailSettingsFormSchema,
  isTokenShaped,
  mailEnabled,
  mailFrom,
  mailLocale,
  mailOrigin,
  unsubscribeHref,
  wantsEmail,
  wantsWatchlistEmail,
} from '@/lib/domain/notification-mail';
import { NOTIFICATION_KINDS, NOTIFICATION_PREFERENCE } from '@/lib/domain/notifications';
import { DEFAULT_PREFERENCES, readPreferences, storedPreferences } from '@/lib/domain/preferences';
import { notificationLine, type NotificationLine } from '@/lib/domain/notification-display';
import { makeParsedTitle, NS } from '@/lib/domain/titles';
import { confirmationMailText, digestMailText, notificationMailText, watchlistMailText, type MailLinks } from '@/lib/i18n/notification-mail-text';
import { emailSettingsFormValues } from '@/components/notifications/email-form-state';

describe('wantsEmail', () => {
  it('mails talk messages and mentions by default, once the address is confirmed', () => {
    const mailed = NOTIFICATION_KINDS.filter((kind) => wantsEmail(DEFAULT_PREFERENCES, kind, true));
    expect(mailed).toEqual(['edit-user-talk', 'mention']);
    expect(NOTIFICATION_KINDS.filter((kind) => wantsEmail(DEFAULT_PREFERENCES, kind, false))).toEqual([]);
  });

  it('follows the per-kind switch and the frequency, off meaning none at all', () => {
    expect(wantsEmail({ ...DEFAULT_PREFERENCES, emailThanks: true }, 'thank', true)).toBe(true);
    expect(wantsEmail({ ...DEFAULT_PREFERENCES, emailUserTalk: false }, 'edit-user-talk', true)).toBe(false);
    expect(wantsEmail({ ...DEFAULT_PREFERENCES, emailNotifications: 'daily' }, 'mention', true)).toBe(true);
    expect(wantsEmail({ ...DEFAULT_PREFERENCES, emailNotifications: 'off' }, 'mention', true)).toBe(false);
    expect(wantsEmail({ ...DEFAULT_PREFERENCES, emailBlocks: true }, 'unblocked', true)).toBe(true);
  });

  it('has one e-mail preference per web preference group', () => {
    const pairs = new Set(NOTIFICATION_KINDS.map((kind) => `${NOTIFICATION_PREFERENCE[kind]}>${EMAIL_PREFERENCE[kind]}`));
    expect(pairs.size).toBe(new Set(Object.values(NOTIFICATION_PREFERENCE)).size);
    expect(new Set(Object.values(EMAIL_PREFERENCE))).toEqual(new Set(EMAIL_PREFERENCE_KEYS));
  });

  it('stores nothing for the defaults and reads a bad stored value as its default', () => {
    expect(storedPreferences(DEFAULT_PREFERENCES)).toEqual({});
    expect(readPreferences({ emailNotifications: 'hourly', emailThanks: 'yes', emailRights: true })).toMatchObject({
      emailNotifications: 'immediate',
      emailThanks: false,
      emailRights: true,
    });
  });

  it('writes in the saved interface language, else English', () => {
    expect(mailLocale(DEFAULT_PREFERENCES)).toBe('en');
    expect(mailLocale({ ...DEFAULT_PREFERENCES, interfaceLanguage: 'it' })).toBe('it');
  });
});

describe('wantsWatchlistEmail', () => {
  it('mails watched pages by default once confirmed, never a minor edit, nothing with mail off or the switch off', () => {
    expect(DEFAULT_PREFERENCES.emailWatchlist).toBe(true);
    expect(wantsWatchlistEmail(DEFAULT_PREFERENCES, true, false)).toBe(true);
    expect(wantsWatchlistEmail({ ...DEFAULT_PREFERENCES, emailNotifications: 'daily' }, true, false)).toBe(true);
    expect(wantsWatchlistEmail(DEFAULT_PREFERENCES, false, false)).toBe(false);
    expect(wantsWatchlistEmail(DEFAULT_PREFERENCES, true, true)).toBe(false);
    expect(wantsWatchlistEmail({ ...DEFAULT_PREFERENCES, emailNotifications: 'off' }, true, false)).toBe(false);
    expect(wantsWatchlistEmail({ ...DEFAULT_PREFERENCES, emailWatchlist: false }, true, false)).toBe(false);
  });

  it('is saved with the e-mail section and shown as a checkbox', () => {
    const parsed = emailSettingsFormSchema.parse({ emailNotifications: 'immediate' });
    expect(parsed.emailWatchlist).toBe(false); // unticked: absent from the form
    expect(storedPreferences({ ...DEFAULT_PREFERENCES, ...parsed })).toMatchObject({ emailWatchlist: false });
    expect(emailSettingsFormValues(DEFAULT_PREFERENCES).emailWatchlist).toBe('on');
  });
});

describe('configuration', () => {
  it('is on only with SMTP_URL', () => {
    expect(mailEnabled({})).toBe(false);
    expect(mailEnabled({ SMTP_URL: '  ' })).toBe(false);
    expect(mailEnabled({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toBe(true);
  });

  it('sends as WIKI_EMAIL_FROM, else as the site at the wiki host', () => {
    expect(mailFrom({ WIKI_EMAIL_FROM: 'Wiki <noreply@fans.example>' }, 'Fans')).toBe('Wiki <noreply@fans.example>');
    expect(mailFrom({ NEXTAUTH_URL: 'https://wiki.example.org/' }, 'Fans "Wiki"')).toBe('"Fans Wiki" <wiki@wiki.example.org>');
    expect(mailFrom({}, 'Fans')).toBe('"Fans" <wiki@localhost>');
  });

  it('links to NEXTAUTH_URL, else the local server', () => {
    expect(mailOrigin({ NEXTAUTH_URL: 'https://wiki.example.org/base' })).toBe('https://wiki.example.org');
    expect(mailOrigin({ PORT: '8080' })).toBe('http://localhost:8080');
    expect(mailOrigin({ NEXTAUTH_URL: 'not a url' })).toBe('http://localhost:3000');
  });
});

describe('tokens and links', () => {
  it('has MediaWiki addresses', () => {
    expect(confirmEmailHref('ab12')).toBe('/wiki/Special:ConfirmEmail/ab12');
    expect(unsubscribeHref('7.a+b')).toBe('/w/email/unsubscribe?token=7.a%2Bb');
  });

  it('knows a token by its shape and its expiry', () => {
    expect(isTokenShaped('a'.repeat(64))).toBe(true);
    expect(isTokenShaped('A'.repeat(64))).toBe(false);
    expect(isTokenShaped('a'.repeat(63))).toBe(false);
    const now = new Date('2026-12-06T12:00:00Z');
    expect(confirmationOutcome(new Date(now.getTime() + CONFIRMATION_TTL_MS), now)).toBe('confirmed');
    expect(confirmationOutcome(now, now)).toBe('expired');
    expect(confirmationOutcome(null, now)).toBe('expired');
  });

  it('makes a digest due when its oldest notification is a day old', () => {
    const now = new Date('2026-12-06T12:00:00Z');
    expect(digestDue(new Date('2026-12-05T12:00:00Z'), now)).toBe(true);
    expect(digestDue(new Date('2026-12-05T12:00:01Z'), now)).toBe(false);
  });
});

describe('forms', () => {
  it('checks the address, trimmed, and refuses what is not one', () => {
    expect(emailAddressFormSchema.parse({ email: ' jane@example.org ' })).toEqual({ email: 'jane@example.org' });
    for (const email of ['', 'jane', 'jane@', `${'a'.repeat(250)}@example.org`, 42]) expect(emailAddressFormSchema.safeParse({ email }).success).toBe(false);
  });

  it('reads the settings as the form posts them, and gives them back as values', () => {
    const parsed = emailSettingsFormSchema.parse({ emailNotifications: 'daily', emailUserTalk: 'on', emailThanks: 'on' });
    expect(parsed).toMatchObject({ emailNotifications: 'daily', emailUserTalk: true, emailMention: false, emailThanks: true });
    expect(emailSettingsFormSchema.safeParse({ emailNotifications: 'weekly' }).success).toBe(false);
    expect(emailSettingsFormValues({ ...DEFAULT_PREFERENCES, ...parsed })).toMatchObject({
      emailNotifications: 'daily',
      emailUserTalk: 'on',
      emailMention: '',
    });
  });
});

describe('message texts', () => {
  const links: MailLinks = {
    site: 'https://wiki.example',
    preferences: 'https://wiki.example/wiki/Special:Preferences',
    unsubscribe: 'https://wiki.example/w/email/unsubscribe?token=7.x',
    notifications: 'https://wiki.example/wiki/Special:Notifications',
  };
  const line = (id: number): NotificationLine =>
    notificationLine(
      { id, kind: 'mention', agent: { name: 'Jane' }, page: makeParsedTitle(NS.TALK, 'Fans'), revisionId: 12, params: {}, createdAt: new Date(0), read: false },
      'Bob',
    );

  it('says what happened, where, and how to stop, in English and Italian', () => {
    const english = notificationMailText('en', { site: 'Fans', origin: 'https://wiki.example', line: line(1), links });
    expect(english.subject).toBe('Fans: Jane mentioned you on Talk:Fans.');
    expect(english.text).toContain('Page: https://wiki.example/wiki/Talk:Fans\n');
    expect(english.text).toContain('View: https://wiki.example/wiki/Talk:Fans?diff=prev&oldid=12');
    expect(english.text).toContain(links.unsubscribe);
    expect(english.text).toContain(links.preferences);
    const italian = notificationMailText('it', { site: 'Fans', origin: 'https://wiki.example', line: line(1), links });
    expect(italian.text).toContain('Jane ti ha menzionato');
    expect(italian.text).toContain('Per interrompere tutte le notifiche via e-mail');
  });

  it('lists a digest, capped, with the rest counted', () => {
    const lines = Array.from({ length: DIGEST_MAX_ITEMS + 3 }, (_, i) => line(i));
    const digest = digestMailText('en', { site: 'Fans', origin: 'https://wiki.example', user: 'Bob', lines, links });
    expect(digest.subject).toBe(`You have ${DIGEST_MAX_ITEMS + 3} new notifications on Fans`);
    expect(digest.text.match(/mentioned you/gu)).toHaveLength(DIGEST_MAX_ITEMS);
    expect(digest.text).toContain(`…and 3 more: ${links.notifications}`);
    expect(digestMailText('it', { site: 'Fans', origin: 'https://wiki.example', user: 'Bob', lines: [line(1)], links }).subject).toBe('Hai una nuova notifica su Fans');
  });

  it('asks to confirm with the link and its expiry', () => {
    const mail = confirmationMailText('en', {
      site: 'Fans',
      user: 'Bob',
      link: 'https://wiki.example/wiki/Special:ConfirmEmail/ab',
      expires: new Date('2026-12-13T12:00:00Z'),
    });
    expect(mail.subject).toBe('Fans email address confirmation');
    expect(mail.text).toContain('"Bob"');
    expect(mail.text).toContain('https://wiki.example/wiki/Special:ConfirmEmail/ab');
    expect(mail.text).toContain('December 13, 2026');
  });
});

describe('watchlistMailText', () => {
  const links: MailLinks = { site: 'https://w.example', preferences: 'https://w.example/p', unsubscribe: 'https://w.example/u', notifications: 'https://w.example/n' };
  const input = {
    site: 'Fans',
    user: 'Ann',
    page: 'Foo bar',
    editor: 'Bob',
    summary: '',
    pageLink: 'https://w.example/wiki/Foo_bar',
    diffLink: 'https://w.example/d',
    watchlistLink: 'https://w.example/wl',
    links,
  };
  it('names the page, the editor and the summary, links the diff and the watchlist, and says no more comes until a visit', () => {
    const english = watchlistMailText('en', { ...input, summary: 'typo' });
    expect(english.subject).toBe('Fans: Foo bar has been changed by Bob');
    expect(english.text).toContain('Edit summary: typo');
    expect(english.text).toContain('See the change: https://w.example/d');
    expect(english.text).toContain('Your watchlist: https://w.example/wl');
    expect(english.text).toContain('until you visit it');
    expect(english.text).toContain('https://w.example/u');
    const italian = watchlistMailText('it', input);
    expect(italian.subject).toBe('Fans: la pagina Foo bar è stata modificata da Bob');
    expect(italian.text).toContain('Nessun oggetto della modifica.');
    expect(italian.text).toContain('finché non la visiterai');
  });
});
