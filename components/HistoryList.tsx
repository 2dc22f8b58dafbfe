import Link from 'next/link';
import { Fragment, type ReactNode } from 'react';
import { formatTimestamp } from '@/lib/domain/format';
import {
  diffHref,
  formatByteCount,
  formatDelta,
  formatNumber,
  permalinkHref,
  undoHref,
  type ChangeRow,
} from '@/lib/domain/history';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { AuthorLink, EditSummary, HiddenPart, revisionDeleteHref } from '@/components/RevisionParts';

/** "(+56)": sign in the text, colour by class, bold from 500 bytes on; the new size in the tooltip. */
export function ByteDelta({ delta, size }: { delta: number; size: number }) {
  const formatted = formatDelta(delta);
  const props = {
    className: `${formatted.className} mw-diff-bytes`,
    dir: 'ltr' as const,
    title: `${formatNumber(size)} ${size === 1 ? 'byte' : 'bytes'} after change`,
  };
  return formatted.large ? <strong {...props}>({formatted.text})</strong> : <span {...props}>({formatted.text})</span>;
}

export function MinorMark() {
  return (
    <abbr className="minoredit" title="This is a minor edit">
      m
    </abbr>
  );
}

export function NewPageMark() {
  return (
    <abbr className="newpage" title="This edit created a new page">
      N
    </abbr>
  );
}

export { EditSummary } from '@/components/RevisionParts';

/** "12:34, 5 January 2026" in a <time> element. */
export function Timestamp({ date }: { date: Date }) {
  const { date: day, time } = formatTimestamp(date);
  return (
    <time dateTime={date.toISOString()}>
      {time}, {day}
    </time>
  );
}

/** " | " separated items in parentheses, as MediaWiki's "(cur | prev)". */
export function Parenthesized({ items }: { items: ReactNode[] }) {
  return (
    <>
      (
      {items.map((item, index) => (
        <Fragment key={index}>
          {index > 0 && ' | '}
          {item}
        </Fragment>
      ))}
      )
    </>
  );
}

export interface ListNavigationProps {
  limit: number;
  /** Link to the next newer page, or null on the newest page. */
  newerHref: string | null;
  /** Link to the next older page, or null on the oldest page. */
  olderHref: string | null;
  /** Link to the newest page. */
  newestHref: string;
  /** The request had no cursor: "newest" is then plain text. */
  firstPage: boolean;
  /** Page-size choices and their links. */
  limits: { limit: number; href: string }[];
}

/** "(newest) View (newer 50 | older 50) (20 | 50 | 100 | 250 | 500)", as MediaWiki's pagers. */
export function ListNavigation({ limit, newerHref, olderHref, newestHref, firstPage, limits }: ListNavigationProps) {
  const newer = `newer ${limit}`;
  const older = `older ${limit}`;
  return (
    <div className="mw-pager-navigation">
      <Parenthesized items={[firstPage ? 'newest' : <Link href={newestHref}>newest</Link>]} /> View{' '}
      <Parenthesized
        items={[
          newerHref ? <Link href={newerHref} rel="prev">{newer}</Link> : newer,
          olderHref ? <Link href={olderHref} rel="next">{older}</Link> : older,
        ]}
      />{' '}
      <Parenthesized
        items={limits.map((choice) =>
          choice.limit === limit ? <strong key={choice.limit}>{choice.limit}</strong> : <Link href={choice.href}>{choice.limit}</Link>,
        )}
      />
    </div>
  );
}

export interface HistoryListProps {
  title: ParsedTitle;
  /** Newest first. */
  rows: ChangeRow[];
  /** The page's current revision: the target of every "cur" link. */
  latestRevisionId: number;
  navigation: ListNavigationProps;
  /** The viewer may hide revisions: each line gets "change visibility". */
  canChangeVisibility?: boolean;
}

/**
 * A page's history, as MediaWiki's action=history: per revision "(cur | prev)", two radio buttons
 * to pick a pair to compare, the timestamp as permanent link, the author, "m" for minor edits, the
 * size and its change, the summary. The radios sit in a plain GET form whose fields are named
 * `diff` and `oldid`, so "Compare selected revisions" opens /wiki/<Title>?diff=…&oldid=… without
 * any JavaScript.
 */
export function HistoryList({ title, rows, latestRevisionId, navigation, canChangeVisibility = false }: HistoryListProps) {
  if (rows.length === 0) {
    return (
      <>
        <ListNavigation {...navigation} />
        <p className="notice">There are no revisions to show here.</p>
      </>
    );
  }
  const canCompare = rows.length >= 2;
  const compareButton = canCompare && (
    <div className="history-compare">
      <button type="submit" className="button-primary">
        Compare selected revisions
      </button>
    </div>
  );
  return (
    <>
      <ListNavigation {...navigation} />
      <form method="get" action={titleToUrlPath(title)} className="mw-history-compareselectedversions">
        {compareButton}
        <ul id="pagehistory" className="mw-contributions-list history-list">
          {rows.map((row, index) => (
            <HistoryLine
              key={row.revisionId}
              title={title}
              row={row}
              latestRevisionId={latestRevisionId}
              canChangeVisibility={canChangeVisibility}
              // MediaWiki's defaults: the newest shown against the one before it.
              checkDiff={index === 0}
              checkOld={index === 1}
            />
          ))}
        </ul>
        {compareButton}
      </form>
      <ListNavigation {...navigation} />
    </>
  );
}

function HistoryLine({
  title,
  row,
  latestRevisionId,
  checkDiff,
  checkOld,
  canChangeVisibility,
}: {
  title: ParsedTitle;
  row: ChangeRow;
  latestRevisionId: number;
  checkDiff: boolean;
  checkOld: boolean;
  canChangeVisibility: boolean;
}) {
  const isLatest = row.revisionId === latestRevisionId;
  // A text hidden from this viewer is not linked: permalink, diffs and undo would all refuse.
  const textWithheld = row.visibility?.withheld.text === true;
  const date = (
    <Link href={permalinkHref(title, row.revisionId)} className="mw-changeslist-date">
      <Timestamp date={row.createdAt} />
    </Link>
  );
  const when = formatTimestamp(row.createdAt);
  const label = `${when.time}, ${when.date}`;
  return (
    <li data-revision-id={row.revisionId} className={isLatest ? 'mw-history-current' : undefined}>
      <span className="mw-history-histlinks">
        <Parenthesized
          items={[
            isLatest || textWithheld ? 'cur' : <Link href={diffHref(title, latestRevisionId, row.revisionId)} title="Difference with the current revision">cur</Link>,
            row.parentId === null || textWithheld ? 'prev' : <Link href={diffHref(title, row.revisionId, row.parentId)} title="Difference with the preceding revision">prev</Link>,
          ]}
        />
      </span>{' '}
      {/* The newest revision is never the older side of a comparison, the first never the newer side. */}
      {isLatest ? (
        <span className="history-radio-placeholder" />
      ) : (
        <input type="radio" name="oldid" value={row.revisionId} defaultChecked={checkOld} aria-label={`Compare from the revision of ${label} (older side)`} />
      )}
      {row.isCreation ? (
        <span className="history-radio-placeholder" />
      ) : (
        <input type="radio" name="diff" value={row.revisionId} defaultChecked={checkDiff} aria-label={`Compare to the revision of ${label} (newer side)`} />
      )}{' '}
      {textWithheld ? (
        <span className="history-deleted">
          <Timestamp date={row.createdAt} />
        </span>
      ) : row.visibility?.hidden.text ? (
        <HiddenPart>{date}</HiddenPart>
      ) : (
        date
      )}{' '}
      <span className="history-user">
        <AuthorLink author={row.author} visibility={row.visibility} />
      </span>{' '}
      {row.minor && (
        <>
          <MinorMark />{' '}
        </>
      )}
      <span className="mw-changeslist-separator" aria-hidden="true">
        . .
      </span>{' '}
      <span className="history-size mw-diff-bytes">({formatByteCount(row.size)})</span> <ByteDelta delta={row.delta} size={row.size} />{' '}
      {(row.summary !== '' || row.visibility?.withheld.summary) && (
        <>
          <span className="mw-changeslist-separator" aria-hidden="true">
            . .
          </span>{' '}
          <EditSummary summary={row.summary} visibility={row.visibility} />
        </>
      )}
      {row.parentId !== null && !textWithheld && (
        <>
          {' '}
          <span className="mw-history-undo">
            (<Link href={undoHref(title, row.revisionId, row.parentId)}>undo</Link>)
          </span>
        </>
      )}
      {canChangeVisibility && (
        <>
          {' '}
          <span className="mw-history-revisiondelete">
            (<Link href={revisionDeleteHref(title.prefixedDbKey, row.revisionId)}>change visibility</Link>)
          </span>
        </>
      )}
    </li>
  );
}
