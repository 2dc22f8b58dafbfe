/**
 * Special:Log's sentences as plain text in one language (tests, feeds, the CLI). The domain builds
 * each sentence as data, a catalog key with its values (lib/domain/log-entry-text.ts); this file
 * is where next-intl's translator and formatter turn that data into words, outside React (the
 * page renders the same data as React text and links: components/LogList.tsx).
 */
import { createFormatter, createTranslator } from 'next-intl';
import { describeLogEntry, renderLogMessage, type LogEntryRow } from '@/lib/domain/log-entry-text';
import { CATALOGS } from '@/lib/i18n/catalogs';
import { FORMATS, TIME_ZONE } from '@/lib/i18n/formats';
import type { Locale } from '@/lib/i18n/negotiate-locale.mjs';

/** The sentence as plain English text. */
export function logEntryPlainText(entry: LogEntryRow): string {
  return logEntryTextIn('en', entry);
}

/** The sentence as plain text in `locale`. */
export function logEntryTextIn(locale: Locale, entry: LogEntryRow): string {
  const t = createTranslator({ locale, messages: CATALOGS[locale], namespace: 'history.log', formats: FORMATS, timeZone: TIME_ZONE });
  const format = createFormatter({ locale, formats: FORMATS, timeZone: TIME_ZONE });
  return renderLogMessage<string>(describeLogEntry(entry), {
    message: (key, args, tags) => t.markup(key, { ...args, ...Object.fromEntries(Object.entries(tags).map(([name, tag]) => [name, () => tag])) }),
    link: (linkText) => linkText,
    text: (plain) => plain,
    date: (date) => format.dateTime(date, 'timestamp'),
    join: (items) => items.join(''),
  });
}
