import type { Formats } from 'next-intl';
import type { DateFormatChoice } from '@/lib/domain/display-preferences';

/**
 * Named date and number formats, so that every page shows a timestamp the same way in a language
 * ("Nov 29, 2026, 14:05" / "29 nov 2026, 14:05": the order is the language's own). Times are UTC
 * (TIME_ZONE) for anonymous readers; a signed-in reader's time zone and date format preferences
 * replace them (lib/i18n/request.ts, formatsFor).
 */
export const FORMATS = {
  dateTime: {
    timestamp: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    date: { day: 'numeric', month: 'long', year: 'numeric' },
    time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  },
  number: {
    bytes: { style: 'unit', unit: 'byte', unitDisplay: 'long' },
  },
} satisfies Formats;

export const TIME_ZONE = 'UTC';

/**
 * ISO 8601's order in every language ("2026-11-29, 14:05"): the ISO calendar's numeric patterns,
 * which ICU gives as year-month-day whatever the locale (month names would be dropped, so none).
 */
const ISO_FORMATS = {
  ...FORMATS,
  dateTime: {
    timestamp: { calendar: 'iso8601', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    date: { calendar: 'iso8601', year: 'numeric', month: '2-digit', day: '2-digit' },
    time: FORMATS.dateTime.time,
  },
} satisfies Formats;

/** The named formats for a reader's date format preference. */
export function formatsFor(dateFormat: DateFormatChoice): Formats {
  return dateFormat === 'iso' ? ISO_FORMATS : FORMATS;
}
