import Link from 'next/link';
import { EditSummary, Timestamp } from '@/components/HistoryList';
import { describeLogEntry, type LogEntryRow, type TextPart } from '@/lib/domain/log-entry-text';

function Part({ part }: { part: TextPart }) {
  return typeof part === 'string' ? <>{part}</> : <Link href={part.href}>{part.text}</Link>;
}

/**
 * Special:Log's lines, MediaWiki's: time, the sentence (with the performer and the page linked),
 * the reason in parentheses. Everything is React text or a link: no markup from the log is trusted.
 */
export function LogList({ rows }: { rows: LogEntryRow[] }) {
  if (rows.length === 0) return <p className="notice">No matching items in log.</p>;
  return (
    <ul className="log-list">
      {rows.map((row) => (
        <li key={row.id} data-log-type={row.type} data-log-action={row.action}>
          <Timestamp date={row.createdAt} />{' '}
          {describeLogEntry(row).map((part, index) => (
            <Part key={index} part={part} />
          ))}{' '}
          <EditSummary summary={row.comment} />
        </li>
      ))}
    </ul>
  );
}
