import Link from '@/components/Link';
import { Fragment, type ReactNode } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { EditSummary, Timestamp } from '@/components/HistoryList';
import { describeLogEntry, renderLogMessage, type LogEntryRow, type LogMessage } from '@/lib/domain/log-entry-text';

/** Dates the text labels "(UTC)" (expiries, as typed in UTC in the forms) stay in UTC whatever the reader's time zone. */
const UTC = { timeZone: 'UTC' } as const;

/** An entry's sentence in the reader's language: the catalog's message, its tags filled with links and dates. */
function LogSentence({ message }: { message: LogMessage }) {
  const t = useTranslations('history.log');
  const format = useFormatter();
  return renderLogMessage<ReactNode>(message, {
    message: (key, args, tags) => t.rich(key, { ...args, ...Object.fromEntries(Object.entries(tags).map(([name, node]) => [name, () => node])) }),
    link: (text, href) => <Link href={href}>{text}</Link>,
    text: (text) => text,
    date: (date) => <time dateTime={date.toISOString()}>{format.dateTime(date, 'timestamp', UTC)}</time>,
    join: (items) => items.map((item, index) => <Fragment key={index}>{item}</Fragment>),
  });
}

/**
 * Special:Log's lines, MediaWiki's: time, the sentence (with the performer and the page linked),
 * the reason in parentheses. Everything is React text or a link: no markup from the log is trusted.
 */
export function LogList({ rows }: { rows: LogEntryRow[] }) {
  const t = useTranslations('history.log');
  if (rows.length === 0) return <p className="notice">{t('empty')}</p>;
  return (
    <ul className="log-list">
      {rows.map((row) => (
        <li key={row.id} data-log-type={row.type} data-log-action={row.action}>
          <Timestamp date={row.createdAt} /> <LogSentence message={describeLogEntry(row)} /> <EditSummary summary={row.comment} />
        </li>
      ))}
    </ul>
  );
}
