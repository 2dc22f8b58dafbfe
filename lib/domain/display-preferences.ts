/**
 * Special:Preferences' "Appearance and language" and "Date and time" choices (MediaWiki's
 * language, timecorrection, date and skin-theme options): which values exist, how each is checked,
 * and the time-zone list the form offers.
 *
 * Pure: no I/O. lib/domain/preferences.ts stores them with the other preferences; the request's
 * next-intl configuration (lib/i18n/request.ts) applies them to signed-in readers.
 */
import { z } from 'zod';
import { errorMessage, zodIssue } from '@/lib/domain/error-messages';

/** The interface languages a user may save (preference interfaceLanguage; '' = follow the language switcher's cookie or the browser). Same list as lib/i18n LOCALES (a unit test checks). */
export const INTERFACE_LANGUAGES = ['en', 'it'] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];
export const LANGUAGE_CHOICES = ['', ...INTERFACE_LANGUAGES] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

/**
 * Date formats. 'default' is the language's own order ("Nov 29, 2026, 14:05" / "29 nov 2026, 14:05"),
 * 'iso' is ISO 8601's ("2026-11-29, 14:05"). MediaWiki's dmy/mdy/ymd are not offered: next-intl
 * formats every date with the interface language's locale, and Intl's options cannot reorder day,
 * month and year within one locale.
 */
export const DATE_FORMAT_CHOICES = ['default', 'iso'] as const;
export type DateFormatChoice = (typeof DATE_FORMAT_CHOICES)[number];

/** 'auto' follows the device's light/dark setting (prefers-color-scheme); the others force one. */
export const THEME_CHOICES = ['auto', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** The wiki's own zone: what anonymous readers see, and signed-in ones who never chose. */
export const WIKI_TIME_ZONE = 'UTC';

let knownZones: ReadonlySet<string> | null = null;

/** The IANA zones this runtime's Intl knows (canonical names), plus UTC, which Intl lists under Etc/ or not at all. */
function zoneSet(): ReadonlySet<string> {
  knownZones ??= new Set([WIKI_TIME_ZONE, ...Intl.supportedValuesOf('timeZone')]);
  return knownZones;
}

/** An IANA name as spelt in the database ("Asia/Tokyo", "America/Argentina/Salta"): not "asia/tokyo" nor an offset. */
const IANA_NAME = /^[A-Z][A-Za-z_-]*(?:\/[A-Z0-9][A-Za-z0-9_+-]*)+$/u;

/**
 * Whether `value` is a zone dates can be shown in: one of the menu's (Intl's canonical names, and
 * UTC), or another IANA name Intl accepts. ICU versions disagree on which name of a renamed zone is
 * canonical ("Asia/Calcutta" / "Asia/Kolkata"), so a zone saved, or sent by a browser, under the other
 * name stays valid after an upgrade.
 */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (zoneSet().has(value)) return true;
  if (value.length > 64 || !IANA_NAME.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The zone dates are shown in: the saved one, else the wiki's. */
export function effectiveTimeZone(saved: string): string {
  return saved === '' ? WIKI_TIME_ZONE : saved;
}

export interface TimeZoneGroup {
  /** The part of the name before the first slash ("Europe"), or "Other" for names without one (UTC). */
  region: string;
  zones: string[];
}

/** The zones grouped by region, as MediaWiki's time-zone menu: regions in alphabetical order, "Other" last. */
export function timeZoneGroups(): TimeZoneGroup[] {
  const groups = new Map<string, string[]>();
  for (const zone of [...zoneSet()].sort()) {
    const slash = zone.indexOf('/');
    const region = slash === -1 ? 'Other' : zone.slice(0, slash);
    const list = groups.get(region) ?? [];
    list.push(zone);
    groups.set(region, list);
  }
  const regions = [...groups.keys()].filter((region) => region !== 'Other').sort();
  if (groups.has('Other')) regions.push('Other');
  return regions.map((region) => ({ region, zones: groups.get(region)! }));
}

/** "Europe/Rome" as a menu shows it: "Rome"; "America/Argentina/Buenos_Aires": "Argentina/Buenos Aires". */
export function zoneLabel(zone: string): string {
  const slash = zone.indexOf('/');
  return (slash === -1 ? zone : zone.slice(slash + 1)).replaceAll('_', ' ');
}

/** One of `choices`, else the catalog message naming the field's problem. */
function oneOf<const Choices extends readonly string[]>(choices: Choices, problem: 'preferences.language' | 'preferences.dateFormat' | 'preferences.theme') {
  return z.unknown().transform((value, ctx): Choices[number] => {
    if (typeof value === 'string' && choices.includes(value)) return value as Choices[number];
    ctx.addIssue(zodIssue(errorMessage(problem)));
    return z.NEVER;
  });
}

/** A saved time zone: '' (the wiki's) or a zone isTimeZone knows. */
export const timeZoneValue = z.string().refine((value) => value === '' || isTimeZone(value));
export const languageValue = z.enum(LANGUAGE_CHOICES);
export const dateFormatValue = z.enum(DATE_FORMAT_CHOICES);
export const themeValue = z.enum(THEME_CHOICES);

/**
 * The "Appearance and language" and "Date and time" sections as the form posts them (all menus).
 * The same schema checks the form in the browser and the Server Action.
 */
export const displayPreferencesFormSchema = z.object({
  interfaceLanguage: oneOf(LANGUAGE_CHOICES, 'preferences.language'),
  theme: oneOf(THEME_CHOICES, 'preferences.theme'),
  timeZone: z.unknown().transform((value, ctx): string => {
    const text = typeof value === 'string' ? value.trim() : null;
    if (text !== null && (text === '' || isTimeZone(text))) return text;
    ctx.addIssue(zodIssue(errorMessage('preferences.timeZone', { zone: typeof value === 'string' ? value.slice(0, 100) : '' })));
    return z.NEVER;
  }),
  dateFormat: oneOf(DATE_FORMAT_CHOICES, 'preferences.dateFormat'),
});

export type DisplayPreferencesForm = z.input<typeof displayPreferencesFormSchema>;
export type DisplayPreferences = z.output<typeof displayPreferencesFormSchema>;

/** What the request's next-intl configuration and <html> need of a reader's saved display preferences. */
export interface ViewerDisplay {
  interfaceLanguage: LanguageChoice;
  timeZone: string;
  dateFormat: DateFormatChoice;
  theme: ThemeChoice;
}

/** Anonymous readers (and signed-in ones who never chose): the cookie or browser's language, UTC, the language's date order, the device's theme. */
export const DEFAULT_DISPLAY: Readonly<ViewerDisplay> = Object.freeze({ interfaceLanguage: '', timeZone: '', dateFormat: 'default', theme: 'auto' });

/** The moment the date format menu shows as its examples: MediaWiki's own (15 January 2001, 16:12:34 UTC). */
export const DATE_FORMAT_EXAMPLE = new Date(Date.UTC(2001, 0, 15, 16, 12, 34));
