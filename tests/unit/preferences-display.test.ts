import { createFormatter } from 'next-intl';
import { describe, expect, it } from 'vitest';
import {
  DATE_FORMAT_EXAMPLE,
  displayPreferencesFormSchema,
  effectiveTimeZone,
  INTERFACE_LANGUAGES,
  isTimeZone,
  timeZoneGroups,
  zoneLabel,
} from '@/lib/domain/display-preferences';
import { DEFAULT_PREFERENCES, readPreferences, storedPreferences } from '@/lib/domain/preferences';
import { englishText, issueText } from '@/lib/domain/error-messages';
import { FORMATS, formatsFor } from '@/lib/i18n/formats';
import { LOCALES } from '@/lib/i18n/negotiate-locale.mjs';

const AT = new Date('2026-11-29T14:05:00Z');

/** A date as a page formats it for a reader with these preferences (next-intl's formatter, as the request config builds it). */
function shown(locale: 'en' | 'it', timeZone: string, dateFormat: 'default' | 'iso', name: 'timestamp' | 'date' | 'time' = 'timestamp') {
  return createFormatter({ locale, formats: formatsFor(dateFormat), timeZone: effectiveTimeZone(timeZone) }).dateTime(AT, name);
}

describe('time zones', () => {
  it('accepts the IANA zones Intl knows and UTC, nothing else', () => {
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Asia/Tokyo')).toBe(true);
    expect(isTimeZone('Europe/Rome')).toBe(true);
    expect(isTimeZone('America/Argentina/Salta')).toBe(true);
    // Either name of a renamed zone, whichever this ICU calls canonical.
    expect(isTimeZone('Asia/Kolkata') && isTimeZone('Asia/Calcutta')).toBe(true);
    for (const bad of ['', 'Mars/Olympus_Mons', 'asia/tokyo', 'Europe/Rome ', '+09:00', 'GMT+9', 'Etc/Nowhere', '../etc/passwd', 42, null])
      expect(isTimeZone(bad)).toBe(false);
  });

  it('groups the menu by region, alphabetically, with UTC under "Other" at the end', () => {
    const groups = timeZoneGroups();
    const regions = groups.map((group) => group.region);
    expect(regions.at(-1)).toBe('Other');
    expect(regions.slice(0, -1)).toEqual([...regions.slice(0, -1)].sort());
    expect(regions).toEqual(expect.arrayContaining(['Africa', 'America', 'Asia', 'Europe', 'Pacific']));
    expect(groups.find((group) => group.region === 'Other')!.zones).toContain('UTC');
    expect(groups.find((group) => group.region === 'Asia')!.zones).toContain('Asia/Tokyo');
    // Every zone offered is one the form accepts, and each appears once.
    const all = groups.flatMap((group) => group.zones);
    expect(all.every((zone) => isTimeZone(zone))).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    expect(zoneLabel('America/Argentina/Buenos_Aires')).toBe('Argentina/Buenos Aires');
    expect(zoneLabel('UTC')).toBe('UTC');
  });

  it("'' is the wiki's zone, UTC", () => {
    expect(effectiveTimeZone('')).toBe('UTC');
    expect(effectiveTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
  });
});

describe('dates in the reader’s zone and format', () => {
  it('shifts every named format into the zone (Tokyo is UTC+9, crossing midnight)', () => {
    expect(shown('en', '', 'default')).toBe('Nov 29, 2026, 14:05');
    expect(shown('en', 'Asia/Tokyo', 'default')).toBe('Nov 29, 2026, 23:05');
    expect(shown('en', 'Asia/Tokyo', 'default', 'time')).toBe('23:05');
    expect(createFormatter({ locale: 'en', formats: FORMATS, timeZone: 'Asia/Tokyo' }).dateTime(new Date('2026-11-29T16:00:00Z'), 'date')).toBe('November 30, 2026');
    expect(shown('it', 'America/New_York', 'default')).toBe('29 nov 2026, 09:05');
  });

  it('ISO 8601 puts year, month and day in that order in every language', () => {
    expect(shown('en', '', 'iso')).toBe('2026-11-29, 14:05');
    expect(shown('it', '', 'iso')).toBe('2026-11-29, 14:05');
    expect(shown('en', 'Asia/Tokyo', 'iso')).toBe('2026-11-29, 23:05');
    expect(shown('it', 'Asia/Tokyo', 'iso', 'date')).toBe('2026-11-29');
    expect(formatsFor('default')).toBe(FORMATS);
    expect(createFormatter({ locale: 'en', timeZone: 'UTC' }).dateTime(DATE_FORMAT_EXAMPLE, formatsFor('iso').dateTime!.timestamp)).toBe('2001-01-15, 16:12');
  });
});

describe('the section’s form', () => {
  it('takes the menus’ values', () => {
    expect(displayPreferencesFormSchema.parse({ interfaceLanguage: 'it', theme: 'dark', dateFormat: 'iso', timeZone: 'Asia/Tokyo' })).toEqual({
      interfaceLanguage: 'it',
      theme: 'dark',
      dateFormat: 'iso',
      timeZone: 'Asia/Tokyo',
    });
    expect(displayPreferencesFormSchema.parse({ interfaceLanguage: '', theme: 'auto', dateFormat: 'default', timeZone: '' }).timeZone).toBe('');
  });

  it('refuses crafted values, each with its own message', () => {
    const result = displayPreferencesFormSchema.safeParse({ interfaceLanguage: 'fr', theme: 'sepia', dateFormat: 'dmy', timeZone: 'Mars/Base' });
    expect(result.success).toBe(false);
    const problems = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join('.'), englishText(issueText(issue))]));
    expect(problems.interfaceLanguage).toMatch(/languages offered/u);
    expect(problems.theme).toMatch(/automatic, light or dark/u);
    expect(problems.dateFormat).toMatch(/date formats offered/u);
    expect(problems.timeZone).toBe('"Mars/Base" is not a time zone this wiki knows. Choose one from the list.');
  });

  it('stores only what differs from the defaults, and reads an unknown stored zone as the default', () => {
    expect(storedPreferences({ ...DEFAULT_PREFERENCES, timeZone: 'Asia/Tokyo', theme: 'auto' })).toEqual({ timeZone: 'Asia/Tokyo' });
    const read = readPreferences({ timeZone: 'Atlantis/Capital', dateFormat: 'iso', theme: 'dark', interfaceLanguage: 'de' });
    expect(read).toMatchObject({ timeZone: '', dateFormat: 'iso', theme: 'dark', interfaceLanguage: '' });
  });

  it('offers exactly the interface languages', () => {
    expect([...INTERFACE_LANGUAGES]).toEqual([...LOCALES]);
  });
});
