/**
 * Notifications by e-mail (docs/notifications.md, "E-mail"): when mail is on at all, which kinds a
 * user wants mailed, the address and settings forms, the addresses mail links to, when a daily
 * digest is due and whether a confirmation token is still good.
 *
 * Pure: no I/O.
 */
import { z } from 'zod';
import { errorMessage, zodIssue } from '@/lib/domain/error-messages';
import type { NotificationKind } from '@/lib/domain/notifications';
import type { PreferenceKey, Preferences } from '@/lib/domain/preferences';
import { specialPageHref } from '@/lib/domain/wiki-hrefs';

/** The preference that sends each kind by e-mail (Echo's e-mail column), beside NOTIFICATION_PREFERENCE's web one. */
export const EMAIL_PREFERENCE = {
  'edit-user-talk': 'emailUserTalk',
  mention: 'emailMention',
  reverted: 'emailReverted',
  thank: 'emailThanks',
  'page-linked': 'emailPageLinked',
  'user-rights': 'emailRights',
  blocked: 'emailBlocks',
  unblocked: 'emailBlocks',
} as const satisfies Record<NotificationKind, PreferenceKey>;

/** The per-kind e-mail preferences in the order of Special:Preferences' "E-mail" section. */
export const EMAIL_PREFERENCE_KEYS = [
  'emailUserTalk',
  'emailMention',
  'emailReverted',
  'emailThanks',
  'emailPageLinked',
  'emailRights',
  'emailBlocks',
] as const satisfies readonly PreferenceKey[];

export const EMAIL_FREQUENCIES = ['off', 'immediate', 'daily'] as const;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];

/** Whether a notification of `kind` should be mailed at all (immediately or in a digest): only to a confirmed address. */
export function wantsEmail(preferences: Preferences, kind: NotificationKind, verified: boolean): boolean {
  return verified && preferences.emailNotifications !== 'off' && preferences[EMAIL_PREFERENCE[kind]];
}

/**
 * The language of a user's messages: their saved interface language (Special:Preferences,
 * "Appearance and language"), else English. The cookie or browser language of a visit is not
 * known to the worker.
 */
export function mailLocale(preferences: Preferences): 'en' | 'it' {
  return preferences.interfaceLanguage === '' ? 'en' : preferences.interfaceLanguage;
}

/** Mail is off unless an SMTP server is configured: no address field, nothing queued. */
/** Environment variables as process.env has them. */
type Env = Readonly<Record<string, string | undefined>>;

export function mailEnabled(env: Env): boolean {
  return (env.SMTP_URL ?? '').trim() !== '';
}

/** The sender: WIKI_EMAIL_FROM, else the site's name at wiki@<the wiki's host> (NEXTAUTH_URL's, else localhost). */
export function mailFrom(env: Env, siteName: string): string {
  const configured = env.WIKI_EMAIL_FROM?.trim();
  if (configured) return configured;
  let host = 'localhost';
  try {
    if (env.NEXTAUTH_URL) host = new URL(env.NEXTAUTH_URL).hostname || host;
  } catch {
    // an unusable NEXTAUTH_URL: next-auth reports it
  }
  return `"${siteName.replace(/["\\\r\n]/gu, '')}" <wiki@${host}>`;
}

/** The absolute origin links in messages start with: NEXTAUTH_URL, else the local server (mail is read elsewhere: set NEXTAUTH_URL). */
export function mailOrigin(env: Env): string {
  try {
    if (env.NEXTAUTH_URL) return new URL(env.NEXTAUTH_URL).origin;
  } catch {
    // fall through
  }
  return `http://localhost:${env.PORT || '3000'}`;
}

/** How long a confirmation link works (MediaWiki's $wgUserEmailConfirmationTokenExpiry is 7 days too). */
export const CONFIRMATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const CONFIRM_EMAIL_PAGE = 'ConfirmEmail';

/** The confirmation link's path: Special:ConfirmEmail/<token>, as MediaWiki's. */
export function confirmEmailHref(token: string): string {
  return `${specialPageHref(CONFIRM_EMAIL_PAGE)}/${token}`;
}

export const UNSUBSCRIBE_PATH = '/w/email/unsubscribe';

export function unsubscribeHref(token: string): string {
  return `${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`;
}

/** Confirmation tokens are 32 random bytes in hex; anything else is unknown without a lookup. */
export function isTokenShaped(token: string): boolean {
  return /^[0-9a-f]{64}$/u.test(token);
}

export type ConfirmationOutcome = 'confirmed' | 'expired' | 'unknown';

/** What a stored token's expiry means now; a token matching no row is 'unknown'. */
export function confirmationOutcome(expiresAt: Date | null, now: Date): Exclude<ConfirmationOutcome, 'unknown'> {
  return expiresAt !== null && expiresAt.getTime() > now.getTime() ? 'confirmed' : 'expired';
}

/**
 * A daily digest is due once the oldest notification it would carry is a day old: so one user gets
 * at most one digest a day, whatever the hour the check runs, and nothing waits more than a day
 * (plus the check's interval).
 */
export const DIGEST_PERIOD_MS = 24 * 60 * 60 * 1000;

export function digestDue(oldestPending: Date, now: Date): boolean {
  return now.getTime() - oldestPending.getTime() >= DIGEST_PERIOD_MS;
}

/** Lines a digest lists; more are summed up as "and N more" (the list on the wiki has them all). */
export const DIGEST_MAX_ITEMS = 50;

const email = z.unknown().transform((value, ctx) => {
  const text = typeof value === 'string' ? value.trim() : '';
  // zod's e-mail rule (HTML's own pattern is looser); 254 is the column's and RFC 5321's limit.
  if (text.length > 254 || !z.email().safeParse(text).success) {
    ctx.addIssue(zodIssue(errorMessage('email.invalid')));
    return z.NEVER;
  }
  return text;
});

/** Special:Preferences' "E-mail address" form: the address to confirm. */
export const emailAddressFormSchema = z.object({ email });

// As preferences.ts' checkbox: an unticked checkbox is absent from the form.
const checkbox = z
  .union([z.literal('1'), z.literal('on'), z.literal(''), z.null()])
  .optional()
  .transform((value) => value === '1' || value === 'on');

/** Special:Preferences' "E-mail" settings: how often, which kinds. */
export const emailSettingsFormSchema = z.object({
  emailNotifications: z.enum(EMAIL_FREQUENCIES),
  emailUserTalk: checkbox,
  emailMention: checkbox,
  emailReverted: checkbox,
  emailThanks: checkbox,
  emailPageLinked: checkbox,
  emailRights: checkbox,
  emailBlocks: checkbox,
  emailWatchlist: checkbox,
});

/**
 * Whether a watched page's change is mailed to a watcher (MediaWiki's enotifwatchlistpages): the
 * same address and frequency rules as notifications (a confirmed address, e-mail not 'off'; a
 * 'daily' user gets it at once too, as the message stands for every later change until the visit),
 * and never a minor edit (MediaWiki's enotifminoredits, off by default).
 */
export function wantsWatchlistEmail(preferences: Preferences, verified: boolean, minor: boolean): boolean {
  return verified && !minor && preferences.emailNotifications !== 'off' && preferences.emailWatchlist;
}

/** A mail job: one notification now, a user's daily digest, a watched page's change (the watch already claimed). */
export type NotificationMailJob = { notificationId: number } | { digestUserId: number } | { watchUserId: number; revisionId: number };
