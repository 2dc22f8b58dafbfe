/**
 * A user's saved preferences (MediaWiki's user options), stored as one JSON object per user
 * (users.preferences). Only values that differ from the defaults need to be stored; a key that is
 * missing, unknown or no longer valid (an older release's value) reads as its default, so a
 * preference added later needs no migration and a bad stored value never breaks a page.
 *
 * Pure: no I/O.
 */
import { z } from 'zod';
import { errorMessage, zodIssue } from '@/lib/domain/error-messages';
import { dateFormatValue, languageValue, themeValue, timeZoneValue } from '@/lib/domain/display-preferences';

/** Days of changes Special:Watchlist shows (MediaWiki's watchlistdays choices, up to its 30-day RC age). */
export const WATCHLIST_DAY_CHOICES = [1, 3, 7, 14, 30] as const;
export type WatchlistDays = (typeof WATCHLIST_DAY_CHOICES)[number];

const days = z.union(WATCHLIST_DAY_CHOICES.map((choice) => z.literal(choice)) as [z.ZodLiteral<1>, ...z.ZodLiteral<WatchlistDays>[]]);

export const preferencesSchema = z.object({
  /** Add pages I create to my watchlist (MediaWiki's watchcreations, on by default). */
  watchCreations: z.boolean(),
  /** Add pages I edit (watchdefault, on by default as the issue asks; MediaWiki turned it on in 1.35). */
  watchEdits: z.boolean(),
  /** Add pages I move, both titles (watchmoves). */
  watchMoves: z.boolean(),
  /** Add files I upload, and new versions of them (watchuploads, on by default as on MediaWiki). */
  watchUploads: z.boolean(),
  /** Special:Watchlist's defaults: days shown, hide minor edits, hide my edits, every change (not only the latest per page). */
  watchlistDays: days,
  watchlistHideMinor: z.boolean(),
  watchlistHideOwn: z.boolean(),
  watchlistAllChanges: z.boolean(),
  /** Notifications shown on the web, per kind (lib/domain/notifications.ts NOTIFICATION_PREFERENCE); all on by default. */
  notifyUserTalk: z.boolean(),
  notifyMention: z.boolean(),
  notifyReverted: z.boolean(),
  notifyThanks: z.boolean(),
  notifyPageLinked: z.boolean(),
  notifyRights: z.boolean(),
  notifyBlocks: z.boolean(),
  /** E-mail (lib/domain/notification-mail.ts; only with a confirmed address and SMTP_URL): 'off', 'immediate' or 'daily' (Echo's echo-email-frequency). */
  emailNotifications: z.enum(['off', 'immediate', 'daily']),
  /** Notifications sent by e-mail, per kind (EMAIL_PREFERENCE); Echo's defaults: talk messages and mentions. */
  emailUserTalk: z.boolean(),
  emailMention: z.boolean(),
  emailReverted: z.boolean(),
  emailThanks: z.boolean(),
  emailPageLinked: z.boolean(),
  emailRights: z.boolean(),
  emailBlocks: z.boolean(),
  /** Mail when a watched page changes (MediaWiki's enotifwatchlistpages, on by default): one message per page until the next visit. */
  emailWatchlist: z.boolean(),
  /**
   * The web interface's language ('' = the footer switcher's cookie or the browser's), time zone
   * ('' = the wiki's, UTC), date format and theme: lib/domain/display-preferences.ts.
   */
  interfaceLanguage: languageValue,
  timeZone: timeZoneValue,
  dateFormat: dateFormatValue,
  theme: themeValue,
});

export type Preferences = z.infer<typeof preferencesSchema>;

export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  watchCreations: true,
  watchEdits: true,
  watchMoves: false,
  watchUploads: true,
  watchlistDays: 7,
  watchlistHideMinor: false,
  watchlistHideOwn: false,
  watchlistAllChanges: false,
  notifyUserTalk: true,
  notifyMention: true,
  notifyReverted: true,
  notifyThanks: true,
  notifyPageLinked: true,
  notifyRights: true,
  notifyBlocks: true,
  // 'immediate', as Echo's default: nothing is sent before the user adds and confirms an address.
  emailNotifications: 'immediate',
  emailUserTalk: true,
  emailMention: true,
  emailReverted: false,
  emailThanks: false,
  emailPageLinked: false,
  emailRights: false,
  emailBlocks: false,
  emailWatchlist: true,
  interfaceLanguage: '',
  timeZone: '',
  dateFormat: 'default',
  theme: 'auto',
});

export type PreferenceKey = keyof Preferences;

/** The stored JSON as preferences: each valid value kept, everything else its default. */
export function readPreferences(stored: unknown): Preferences {
  const result: Preferences = { ...DEFAULT_PREFERENCES };
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return result;
  const shape = preferencesSchema.shape;
  for (const key of Object.keys(shape) as PreferenceKey[]) {
    if (!Object.hasOwn(stored, key)) continue;
    const parsed = shape[key].safeParse((stored as Record<string, unknown>)[key]);
    if (parsed.success) (result as Record<PreferenceKey, unknown>)[key] = parsed.data;
  }
  return result;
}

/** What to store: only the values that differ from the defaults (so a changed default reaches everyone who never chose). */
export function storedPreferences(preferences: Preferences): Partial<Preferences> {
  const stored: Partial<Preferences> = {};
  for (const key of Object.keys(DEFAULT_PREFERENCES) as PreferenceKey[]) {
    if (preferences[key] !== DEFAULT_PREFERENCES[key]) (stored as Record<PreferenceKey, unknown>)[key] = preferences[key];
  }
  return stored;
}

/** `days` as a form or query string gives it: one of the choices, else the message listing them. */
export const watchlistDaysInput = z.unknown().transform((value, ctx): WatchlistDays => {
  const number = typeof value === 'string' && /^\s*\d{1,2}\s*$/u.test(value) ? Number(value) : typeof value === 'number' ? value : NaN;
  if ((WATCHLIST_DAY_CHOICES as readonly number[]).includes(number)) return number as WatchlistDays;
  ctx.addIssue(zodIssue(errorMessage('watchlist.days', { choices: WATCHLIST_DAY_CHOICES.join(', ') })));
  return z.NEVER;
});

// .optional(): an unticked checkbox is absent from the form, and zod 4 does not treat a union
// containing undefined as an optional key.
const checkbox = z
  .union([z.literal('1'), z.literal('on'), z.literal(''), z.null()])
  .optional()
  .transform((value) => value === '1' || value === 'on');

/**
 * Special:Preferences' watchlist section as the form posts it (unticked checkboxes are absent).
 * The same schema checks the form in the browser and the Server Action.
 */
export const watchlistPreferencesFormSchema = z.object({
  watchCreations: checkbox,
  watchEdits: checkbox,
  watchMoves: checkbox,
  watchUploads: checkbox,
  watchlistHideMinor: checkbox,
  watchlistHideOwn: checkbox,
  watchlistAllChanges: checkbox,
  watchlistDays: watchlistDaysInput,
});

export type WatchlistPreferencesForm = z.input<typeof watchlistPreferencesFormSchema>;

/** The notification preferences, in the order of Special:Preferences' "Notifications" section. */
export const NOTIFICATION_PREFERENCE_KEYS = [
  'notifyUserTalk',
  'notifyMention',
  'notifyReverted',
  'notifyThanks',
  'notifyPageLinked',
  'notifyRights',
  'notifyBlocks',
] as const satisfies readonly PreferenceKey[];

/** Special:Preferences' notifications section as the form posts it: one "show on the web" checkbox per preference. */
export const notificationPreferencesFormSchema = z.object({
  notifyUserTalk: checkbox,
  notifyMention: checkbox,
  notifyReverted: checkbox,
  notifyThanks: checkbox,
  notifyPageLinked: checkbox,
  notifyRights: checkbox,
  notifyBlocks: checkbox,
});

export type NotificationPreferencesForm = z.input<typeof notificationPreferencesFormSchema>;
