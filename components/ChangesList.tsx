import Link from '@/components/Link';
import { useFormatter, useTranslations } from 'next-intl';
import { diffHref, historyHref, permalinkHref, type ChangeRow } from '@/lib/domain/history';
import { titleToUrlPath } from '@/lib/domain/titles';
import { ByteDelta, MinorMark, NewPageMark, Parenthesized, Timestamp } from '@/components/HistoryList';
import { AuthorLink, EditSummary } from '@/components/RevisionParts';

export interface ChangesListProps {
  /** Newest first. */
  rows: ChangeRow[];
  /**
   * "recent": Special:RecentChanges, grouped under day headings, with the author on each line.
   * "contributions": Special:Contributions of one user, full timestamps, "current" on latest revisions.
   */
  variant: 'recent' | 'contributions';
  /** Shown when there are no rows (default: "No changes match these criteria."). */
  emptyMessage?: string;
  /**
   * Special:Watchlist: the revisions made since the viewer's last visit to their page, shown bold
   * with a marker that screen readers announce (MediaWiki's "changed since your last visit").
   */
  unseen?: ReadonlySet<number>;
}

/** Lines of Special:RecentChanges and Special:Contributions, as MediaWiki's (non-enhanced) changes list. */
export function ChangesList({ rows, variant, emptyMessage, unseen }: ChangesListProps) {
  const t = useTranslations('history.changes');
  const format = useFormatter();
  if (rows.length === 0) return <p className="notice">{emptyMessage ?? t('empty')}</p>;
  if (variant === 'contributions') {
    return (
      <ul className="mw-contributions-list changes-list">
        {rows.map((row) => (
          <ContributionLine key={row.revisionId} row={row} />
        ))}
      </ul>
    );
  }
  return (
    <div className="changes-list">
      {groupByDay(rows, (date) => format.dateTime(date, 'date')).map(({ day, rows: dayRows }) => (
        <section key={day} className="changes-day">
          <h2>{day}</h2>
          <ul className="special">
            {dayRows.map((row) => (
              <RecentChangeLine key={row.revisionId} row={row} unseen={unseen?.has(row.revisionId) ?? false} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** Consecutive rows of the same (UTC) day, under that day as the reader's language writes it. */
function groupByDay(rows: ChangeRow[], formatDay: (date: Date) => string): { day: string; rows: ChangeRow[] }[] {
  const groups: { day: string; rows: ChangeRow[] }[] = [];
  for (const row of rows) {
    const day = formatDay(row.createdAt);
    const last = groups.at(-1);
    if (last?.day === day) last.rows.push(row);
    else groups.push({ day, rows: [row] });
  }
  return groups;
}

function DiffHistLinks({ row }: { row: ChangeRow }) {
  const t = useTranslations('history.changes');
  return (
    <span className="mw-changeslist-links">
      <Parenthesized
        items={[
          row.parentId === null || row.visibility?.withheld.text ? t('diff') : <Link href={diffHref(row.title, row.revisionId, row.parentId)}>{t('diff')}</Link>,
          <Link href={historyHref(row.title)}>{t('hist')}</Link>,
        ]}
      />
    </span>
  );
}

/** MediaWiki's "b" on a bot's edit (recentchanges-label-bot). */
function BotMark() {
  const t = useTranslations('history.marks');
  return (
    <abbr className="botedit" title={t('botTitle')}>
      {t('bot')}
    </abbr>
  );
}

/** "N m b": the marks MediaWiki's changes lists put before the title, in its order. */
function Marks({ row, withBot = false }: { row: ChangeRow; withBot?: boolean }) {
  const bot = withBot && row.bot === true;
  if (!row.isCreation && !row.minor && !bot) return null;
  return (
    <>
      {row.isCreation && <NewPageMark />}
      {row.minor && <MinorMark />}
      {bot && <BotMark />}{' '}
    </>
  );
}

function Separator() {
  return (
    <>
      {' '}
      <span className="mw-changeslist-separator" aria-hidden="true">
        . .
      </span>{' '}
    </>
  );
}

/** "(diff | hist) . . N m Title; 12:34 . . (+56) . . User (summary)" */
function RecentChangeLine({ row, unseen }: { row: ChangeRow; unseen: boolean }) {
  const format = useFormatter();
  const t = useTranslations('history.changes');
  const classes = [row.minor && 'mw-changeslist-minor', row.bot && 'mw-changeslist-bot', unseen && 'mw-changeslist-line-not-watched-seen'].filter(Boolean).join(' ');
  const title = (
    <Link href={titleToUrlPath(row.title)} className="mw-changeslist-title">
      {row.title.prefixedText}
    </Link>
  );
  return (
    <li data-revision-id={row.revisionId} data-unseen={unseen ? 'true' : undefined} className={classes || undefined}>
      <DiffHistLinks row={row} />
      <Separator />
      {/* Recent changes and watchlists mark bots' edits; contributions and histories do not, as on MediaWiki. */}
      <Marks row={row} withBot />
      {unseen ? (
        <>
          <span className="changes-unseen-marker" aria-hidden="true">
            ●{' '}
          </span>
          <strong>{title}</strong>
          <span className="visually-hidden"> ({t('unseen')})</span>
        </>
      ) : (
        title
      )}
      ;{' '}
      <time className="mw-changeslist-time" dateTime={row.createdAt.toISOString()}>
        {format.dateTime(row.createdAt, 'time')}
      </time>
      <Separator />
      <ByteDelta delta={row.delta} size={row.size} />
      <Separator />
      <AuthorLink author={row.author} visibility={row.visibility} /> <EditSummary summary={row.summary} visibility={row.visibility} pagePath={titleToUrlPath(row.title)} />
    </li>
  );
}

/** "12:34, 5 January 2026 (diff | hist) . . (+56) . . N m Title (summary) current" */
function ContributionLine({ row }: { row: ChangeRow }) {
  const t = useTranslations('history.changes');
  return (
    <li data-revision-id={row.revisionId} className={row.isLatest ? 'mw-contributions-current' : undefined}>
      {row.visibility?.withheld.text ? (
        <span className="history-deleted">
          <Timestamp date={row.createdAt} />
        </span>
      ) : (
        <Link href={permalinkHref(row.title, row.revisionId)} className="mw-changeslist-date">
          <Timestamp date={row.createdAt} />
        </Link>
      )}{' '}
      <DiffHistLinks row={row} />
      <Separator />
      <ByteDelta delta={row.delta} size={row.size} />
      <Separator />
      <Marks row={row} />
      <Link href={titleToUrlPath(row.title)} className="mw-contributions-title">
        {row.title.prefixedText}
      </Link>{' '}
      <EditSummary summary={row.summary} visibility={row.visibility} pagePath={titleToUrlPath(row.title)} />
      {row.isLatest && (
        <>
          {' '}
          <span className="mw-uctop">{t('current')}</span>
        </>
      )}
    </li>
  );
}
