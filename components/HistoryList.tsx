import Link from '@/components/Link';
import { Fragment, type ReactNode } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { diffHref, formatDelta, permalinkHref, undoHref, type ChangeRow } from '@/lib/domain/history';
import type { ListNavigationModel } from '@/lib/domain/list-navigation';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { AuthorLink, EditSummary, HiddenPart, revisionDeleteHref } from '@/components/RevisionParts';
import { ThankLink } from '@/components/ThankLink';

/** Byte counts group thousands even where the language would not for four digits ("1.234" in Italian). */
const BYTES = { useGrouping: 'always' } as const;

/** "(+56)": sign in the text, colour by class, bold from 500 bytes on; the new size in the tooltip. */
export function ByteDelta({ delta, size }: { delta: number; size: number }) {
  const t = useTranslations('history.sizes');
  const format = useFormatter();
  const { className, large } = formatDelta(delta);
  // MediaWiki writes a removal with a true minus sign (U+2212), not the hyphen Intl gives.
  const text = format.number(delta, { ...BYTES, signDisplay: 'exceptZero' }).replace('-', '\u2212');
  const props = {
    className: `${className} mw-diff-bytes`,
    dir: 'ltr' as const,
    title: t('bytesAfterChange', { count: size, size: format.number(size, BYTES) }),
  };
  return large ? <strong {...props}>({text})</strong> : <span {...props}>({text})</span>;
}

/** "1,234 bytes", "1 byte", or "empty" for an empty text, as MediaWiki's history lines. */
export function ByteCount({ size }: { size: number }) {
  const t = useTranslations('history.sizes');
  const format = useFormatter();
  return <>{size === 0 ? t('empty') : t('bytes', { count: size, size: format.number(size, BYTES) })}</>;
}

export function MinorMark() {
  const t = useTranslations('history.marks');
  return (
    <abbr className="minoredit" title={t('minorTitle')}>
      {t('minor')}
    </abbr>
  );
}

export function NewPageMark() {
  const t = useTranslations('history.marks');
  return (
    <abbr className="newpage" title={t('newPageTitle')}>
      {t('newPage')}
    </abbr>
  );
}

export { EditSummary } from '@/components/RevisionParts';

/** A revision's date and time in the reader's language, in a <time> element. */
export function Timestamp({ date }: { date: Date }) {
  const format = useFormatter();
  return <time dateTime={date.toISOString()}>{format.dateTime(date, 'timestamp')}</time>;
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

/** ListNavigation's links, as the list loaders build them (lib/domain/list-navigation.ts). */
export type ListNavigationProps = ListNavigationModel;

/** "(newest) View (newer 50 | older 50) (20 | 50 | 100 | 250 | 500)", as MediaWiki's pagers. */
export function ListNavigation({ limit, newerHref, olderHref, newestHref, firstPage, limits }: ListNavigationProps) {
  const t = useTranslations('history.pager');
  const newer = t('newer', { limit });
  const older = t('older', { limit });
  const newest = t('newest');
  return (
    <div className="mw-pager-navigation">
      <Parenthesized items={[firstPage ? newest : <Link href={newestHref}>{newest}</Link>]} /> {t('view')}{' '}
      <Parenthesized
        items={[
          newerHref ? (
            <Link href={newerHref} rel="prev">
              {newer}
            </Link>
          ) : (
            newer
          ),
          olderHref ? (
            <Link href={olderHref} rel="next">
              {older}
            </Link>
          ) : (
            older
          ),
        ]}
      />{' '}
      <Parenthesized
        items={limits.map((choice) => (choice.limit === limit ? <strong key={choice.limit}>{choice.limit}</strong> : <Link href={choice.href}>{choice.limit}</Link>))}
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
  /** Revisions whose line gets "(thank)" for this viewer (lib/server/thanks.ts, thankableRevisionIds). */
  thankRevisionIds?: readonly number[];
}

/**
 * A page's history, as MediaWiki's action=history: per revision "(cur | prev)", two radio buttons
 * to pick a pair to compare, the timestamp as permanent link, the author, "m" for minor edits, the
 * size and its change, the summary. The radios sit in a plain GET form whose fields are named
 * `diff` and `oldid`, so "Compare selected revisions" opens /wiki/<Title>?diff=…&oldid=… without
 * any JavaScript.
 */
export function HistoryList({ title, rows, latestRevisionId, navigation, canChangeVisibility = false, thankRevisionIds = [] }: HistoryListProps) {
  const t = useTranslations('history.list');
  if (rows.length === 0) {
    return (
      <>
        <ListNavigation {...navigation} />
        <p className="notice">{t('empty')}</p>
      </>
    );
  }
  const canCompare = rows.length >= 2;
  const compareButton = canCompare && (
    <div className="history-compare">
      <button type="submit" className="button-primary">
        {t('compare')}
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
              thankable={thankRevisionIds.includes(row.revisionId)}
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
  thankable,
}: {
  title: ParsedTitle;
  row: ChangeRow;
  latestRevisionId: number;
  checkDiff: boolean;
  checkOld: boolean;
  canChangeVisibility: boolean;
  thankable: boolean;
}) {
  const t = useTranslations('history.list');
  const format = useFormatter();
  const isLatest = row.revisionId === latestRevisionId;
  // A text hidden from this viewer is not linked: permalink, diffs and undo would all refuse.
  const textWithheld = row.visibility?.withheld.text === true;
  const date = (
    <Link href={permalinkHref(title, row.revisionId)} className="mw-changeslist-date">
      <Timestamp date={row.createdAt} />
    </Link>
  );
  const timestamp = format.dateTime(row.createdAt, 'timestamp');
  return (
    <li data-revision-id={row.revisionId} className={isLatest ? 'mw-history-current' : undefined}>
      <span className="mw-history-histlinks">
        <Parenthesized
          items={[
            isLatest || textWithheld ? (
              t('cur')
            ) : (
              <Link href={diffHref(title, latestRevisionId, row.revisionId)} title={t('curTitle')}>
                {t('cur')}
              </Link>
            ),
            row.parentId === null || textWithheld ? (
              t('prev')
            ) : (
              <Link href={diffHref(title, row.revisionId, row.parentId)} title={t('prevTitle')}>
                {t('prev')}
              </Link>
            ),
          ]}
        />
      </span>{' '}
      {/* The newest revision is never the older side of a comparison, the first never the newer side. */}
      {isLatest ? (
        <span className="history-radio-placeholder" />
      ) : (
        <input type="radio" name="oldid" value={row.revisionId} defaultChecked={checkOld} aria-label={t('compareFrom', { timestamp })} />
      )}
      {row.isCreation ? (
        <span className="history-radio-placeholder" />
      ) : (
        <input type="radio" name="diff" value={row.revisionId} defaultChecked={checkDiff} aria-label={t('compareTo', { timestamp })} />
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
      <span className="history-size mw-diff-bytes">
        (<ByteCount size={row.size} />)
      </span>{' '}
      <ByteDelta delta={row.delta} size={row.size} />{' '}
      {(row.summary !== '' || row.visibility?.withheld.summary) && (
        <>
          <span className="mw-changeslist-separator" aria-hidden="true">
            . .
          </span>{' '}
          <EditSummary summary={row.summary} visibility={row.visibility} pagePath={titleToUrlPath(title)} />
        </>
      )}
      {row.parentId !== null && !textWithheld && (
        <>
          {' '}
          <span className="mw-history-undo">
            (<Link href={undoHref(title, row.revisionId, row.parentId)}>{t('undo')}</Link>)
          </span>
        </>
      )}
      {canChangeVisibility && (
        <>
          {' '}
          <span className="mw-history-revisiondelete">
            (<Link href={revisionDeleteHref(title.prefixedDbKey, row.revisionId)}>{t('changeVisibility')}</Link>)
          </span>
        </>
      )}
      {thankable && (
        <>
          {' '}
          <ThankLink revisionId={row.revisionId} />
        </>
      )}
    </li>
  );
}
