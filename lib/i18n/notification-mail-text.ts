/**
 * The words of notification e-mails, as plain text in the recipient's language: next-intl's
 * translator outside React, as log-entry-text.ts does for the log. The sentence of each
 * notification is the one Special:Notifications shows (watchlist.notifications.messages), its
 * links dropped for the text and the page's address given on a line of its own. The messages' own
 * words are in the server-only `special` catalog (special.notificationMail), not sent to browsers.
 */
import { createFormatter, createTranslator } from 'use-intl/core';
import { DIGEST_MAX_ITEMS } from '@/lib/domain/notification-mail';
import { notificationMessageValues, type NotificationLine } from '@/lib/domain/notification-display';
import { CATALOGS } from '@/lib/i18n/catalogs';
import { FORMATS, TIME_ZONE } from '@/lib/i18n/formats';
import type { Locale } from '@/lib/i18n/negotiate-locale.mjs';

export interface MailText {
  subject: string;
  text: string;
}

/** Addresses every message carries, absolute. */
export interface MailLinks {
  site: string;
  preferences: string;
  unsubscribe: string;
  notifications: string;
}

function translators(locale: Locale) {
  const options = { locale, messages: CATALOGS[locale], formats: FORMATS, timeZone: TIME_ZONE };
  return {
    mail: createTranslator({ ...options, namespace: 'special.notificationMail' }),
    notifications: createTranslator({ ...options, namespace: 'watchlist.notifications' }),
    format: createFormatter({ locale, formats: FORMATS, timeZone: TIME_ZONE }),
  };
}

/** One notification's sentence without its links ("Jane left a message on your talk page."). */
export function notificationSentence(locale: Locale, line: NotificationLine): string {
  const { notifications: t, format } = translators(locale);
  const plain = (chunks: string) => chunks;
  const words = { someone: t('someone'), none: t('none'), never: t('never') };
  return t.markup(`messages.${line.messageKey}` as 'messages.mention', {
    agent: plain,
    page: plain,
    from: plain,
    ...notificationMessageValues(line, words, (date) => format.dateTime(date, 'timestamp')),
  });
}

function footer(locale: Locale, links: MailLinks): string {
  return `\n-- \n${translators(locale).mail('footer', { preferences: links.preferences, unsubscribe: links.unsubscribe })}\n`;
}

/** Where a line leads, absolute: its target, else its page, else Special:Notifications. */
function lineLink(line: NotificationLine, origin: string, links: MailLinks): string {
  const path = line.target ?? line.page?.href;
  return path === undefined ? links.notifications : `${origin}${path}`;
}

/** The page itself when "view" leads elsewhere (a diff, a log), as a line of its own. */
function pageLine(locale: Locale, line: NotificationLine, origin: string): string {
  if (line.page === null || line.target === line.page.href) return '';
  return `${translators(locale).mail('page', { link: `${origin}${line.page.href}` })}\n`;
}

/** One notification sent as it comes in. */
export function notificationMailText(locale: Locale, input: { site: string; origin: string; line: NotificationLine; links: MailLinks }): MailText {
  const { mail: t } = translators(locale);
  const sentence = notificationSentence(locale, input.line);
  return {
    subject: t('subject', { site: input.site, text: sentence }),
    text: `${sentence}\n\n${pageLine(locale, input.line, input.origin)}${t('view', { link: lineLink(input.line, input.origin, input.links) })}\n${footer(locale, input.links)}`,
  };
}

/** A daily summary: one line and link per notification, oldest first, at most DIGEST_MAX_ITEMS. */
export function digestMailText(locale: Locale, input: { site: string; origin: string; user: string; lines: readonly NotificationLine[]; links: MailLinks }): MailText {
  const { mail: t } = translators(locale);
  const shown = input.lines.slice(0, DIGEST_MAX_ITEMS);
  const items = shown.map((line) => `* ${notificationSentence(locale, line)}\n  ${lineLink(line, input.origin, input.links)}`);
  const rest = input.lines.length - shown.length;
  const more = rest > 0 ? `\n${t('more', { count: rest, link: input.links.notifications })}` : '';
  return {
    subject: t('digestSubject', { site: input.site, count: input.lines.length }),
    text: `${t('digestIntro', { user: input.user, site: input.site })}\n\n${items.join('\n\n')}\n${more}\n${t('all', { link: input.links.notifications })}\n${footer(locale, input.links)}`,
  };
}

/** The confirmation message (MediaWiki's confirmemail_subject / confirmemail_body). */
export function confirmationMailText(locale: Locale, input: { site: string; user: string; link: string; expires: Date }): MailText {
  const { mail: t } = translators(locale);
  return {
    subject: t('confirmSubject', { site: input.site }),
    text: `${t('confirmBody', { site: input.site, user: input.user, link: input.link, expires: input.expires })}\n`,
  };
}

/**
 * A watched page's change (MediaWiki's enotif_subject_changed / enotif_body): the page, the editor,
 * the summary, the diff and the watchlist, and that nothing more comes until the page is visited.
 */
export function watchlistMailText(
  locale: Locale,
  input: { site: string; user: string; page: string; editor: string; summary: string; pageLink: string; diffLink: string; watchlistLink: string; links: MailLinks },
): MailText {
  const { mail: t } = translators(locale);
  const summary = input.summary === '' ? t('watchNoSummary') : t('watchSummary', { summary: input.summary });
  const lines = [
    t('watchIntro', { user: input.user, page: input.page, site: input.site, editor: input.editor }),
    '',
    summary,
    '',
    t('watchDiff', { link: input.diffLink }),
    t('page', { link: input.pageLink }),
    t('watchWatchlist', { link: input.watchlistLink }),
    '',
    t('watchNoMore'),
  ];
  return { subject: t('watchSubject', { site: input.site, page: input.page, editor: input.editor }), text: `${lines.join('\n')}\n${footer(locale, input.links)}` };
}
