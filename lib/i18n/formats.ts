import type { Formats } from 'next-intl';

/**
 * Named date and number formats, so that every page shows a timestamp the same way in a language
 * ("Nov 29, 2026, 14:05" / "29 nov 2026, 14:05": the order is the language's own). Times are UTC,
 * as on a MediaWiki without a user time-zone preference (TIME_ZONE).
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
