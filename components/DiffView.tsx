import { Fragment, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import type { ChangedRow, DiffResult, DiffRow, WordSegment } from '@/lib/domain/diff';

export type DiffMode = 'side-by-side' | 'inline';

export interface DiffViewProps {
  diff: DiffResult;
  mode: DiffMode;
  /**
   * The same diff in the other layout: plain links, so switching needs no client JavaScript. Left
   * out where following a link would lose work (the edit form's "Show changes").
   */
  toggleHrefs?: { inline: string; sideBySide: string };
  /** Column headings, e.g. "Revision as of …" links (default: "Old revision", "New revision"). */
  oldLabel?: ReactNode;
  newLabel?: ReactNode;
}

/** A hunk starts at the top and after each collapsed run; MediaWiki heads it with "Line N:". */
type Item = { kind: 'header'; oldLine: number; newLine: number; skipped: number } | DiffRow;

/**
 * MediaWiki's revision diff (?diff=…&oldid=…), side by side or inline. Presentational only, so it
 * can render on the server. Changes are told by −/+ markers and spoken labels, not colour alone.
 */
export function DiffView({ diff, mode, toggleHrefs, oldLabel, newLabel }: DiffViewProps) {
  const t = useTranslations('history.diff');
  const labels = { oldLabel: oldLabel ?? t('oldRevision'), newLabel: newLabel ?? t('newRevision') };
  return (
    <div className={`revision-diff revision-diff-${mode}`}>
      {toggleHrefs && (
        <p className="diff-mode-toggle">
          {t('view')} {mode === 'side-by-side' ? <strong aria-current="true">{t('sideBySide')}</strong> : <a href={toggleHrefs.sideBySide}>{t('sideBySide')}</a>}
          {' · '}
          {mode === 'inline' ? <strong aria-current="true">{t('inline')}</strong> : <a href={toggleHrefs.inline}>{t('inline')}</a>}
        </p>
      )}
      {diff.coarse && <p className="notice notice-warning">{t('coarse')}</p>}
      {diff.rows.length === 0 ? (
        <p className="diff-nodiff">{t('noDifference')}</p>
      ) : mode === 'inline' ? (
        <InlineTable items={withHeaders(diff.rows)} {...labels} />
      ) : (
        <SideBySideTable items={withHeaders(diff.rows)} {...labels} />
      )}
    </div>
  );
}

interface TableProps {
  items: Item[];
  oldLabel: ReactNode;
  newLabel: ReactNode;
}

function SideBySideTable({ items, oldLabel, newLabel }: TableProps) {
  const t = useTranslations('history.diff');
  return (
    <table className="revision-diff-table">
      <caption className="visually-hidden">{t.rich('captionSideBySide', { old: () => oldLabel, new: () => newLabel })}</caption>
      <colgroup>
        <col className="diff-marker-column" />
        <col className="diff-content-column" />
        <col className="diff-marker-column" />
        <col className="diff-content-column" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col" colSpan={2}>
            {oldLabel}
          </th>
          <th scope="col" colSpan={2}>
            {newLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item, index) => {
          if (item.kind === 'header') {
            return (
              <tr key={index} className="diff-lineno">
                <td colSpan={2}>
                  <Skipped lines={item.skipped} />
                  {t('line', { line: item.oldLine })}
                </td>
                <td colSpan={2}>{t('line', { line: item.newLine })}</td>
              </tr>
            );
          }
          if (item.kind === 'collapsed') return null;
          if (item.kind === 'context') {
            return (
              <tr key={index}>
                <td className="diff-marker" />
                <td className="diff-context">{item.text}</td>
                <td className="diff-marker" />
                <td className="diff-context">{item.text}</td>
              </tr>
            );
          }
          return (
            <tr key={index}>
              {item.old === null ? <td colSpan={2} className="diff-empty" /> : <Side row={item} side="old" />}
              {item.new === null ? <td colSpan={2} className="diff-empty" /> : <Side row={item} side="new" />}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Inline: one text column; a changed line shows its old version, then its new one. */
function InlineTable({ items, oldLabel, newLabel }: TableProps) {
  const t = useTranslations('history.diff');
  return (
    <table className="revision-diff-table">
      <caption className="visually-hidden">{t.rich('captionInline', { old: () => oldLabel, new: () => newLabel })}</caption>
      <tbody>
        {items.flatMap((item, index) => {
          if (item.kind === 'header') {
            return (
              <tr key={index} className="diff-lineno">
                <td colSpan={2}>
                  <Skipped lines={item.skipped} />
                  {item.oldLine === item.newLine ? t('line', { line: item.oldLine }) : t('lineMoved', { old: item.oldLine, new: item.newLine })}
                </td>
              </tr>
            );
          }
          if (item.kind === 'collapsed') return [];
          if (item.kind === 'context') {
            return (
              <tr key={index}>
                <td className="diff-marker" />
                <td className="diff-context">{item.text}</td>
              </tr>
            );
          }
          const sides = (['old', 'new'] as const).filter((side) => item[side] !== null);
          return sides.map((side) => (
            <tr key={`${index}-${side}`}>
              <Side row={item} side={side} />
            </tr>
          ));
        })}
      </tbody>
    </table>
  );
}

/** The marker cell and the text cell of one side of a changed row. */
function Side({ row, side }: { row: ChangedRow; side: 'old' | 'new' }) {
  const t = useTranslations('history.diff');
  const paired = row.old !== null && row.new !== null;
  const segments = row[side] ?? [];
  let spoken: string;
  let note: string | null = null;
  if (row.moved) {
    spoken = t('movedParagraph');
    note = t(side === 'old' ? 'movedTo' : 'movedFrom', { line: row.movedLine ?? 0 });
  } else if (row.split) {
    spoken = t('addedLine');
    note = t('splitNote');
  } else if (paired) {
    spoken = t(side === 'old' ? 'changedBefore' : 'changedAfter');
  } else {
    spoken = t(side === 'old' ? 'removedLine' : 'addedLine');
  }
  return (
    <>
      <td className="diff-marker" aria-hidden="true">
        {side === 'old' ? '−' : '+'}
      </td>
      <td className={side === 'old' ? 'diff-deletedline' : 'diff-addedline'}>
        <span className="visually-hidden">{spoken} </span>
        {note !== null && <span className="diff-note">({note}) </span>}
        {/* A line removed or added whole is marked by its row; words are marked only where some were kept. */}
        <Segments segments={segments} side={side} marked={paired || row.split === true} />
      </td>
    </>
  );
}

function Segments({ segments, side, marked }: { segments: WordSegment[]; side: 'old' | 'new'; marked: boolean }) {
  return segments.map((segment, index) => {
    if (!segment.changed || !marked) return <Fragment key={index}>{segment.text}</Fragment>;
    return side === 'old' ? (
      <del key={index} className="diffchange">
        {segment.text}
      </del>
    ) : (
      <ins key={index} className="diffchange">
        {segment.text}
      </ins>
    );
  });
}

function Skipped({ lines }: { lines: number }) {
  const t = useTranslations('history.diff');
  if (lines === 0) return null;
  return <span className="visually-hidden">{t('skipped', { count: lines })} </span>;
}

/** Adds the hunk headers; a collapsed run at the very end needs none (nothing follows it). */
function withHeaders(rows: DiffRow[]): Item[] {
  const items: Item[] = [];
  if (rows[0]?.kind !== 'collapsed') items.push({ kind: 'header', oldLine: 1, newLine: 1, skipped: 0 });
  rows.forEach((row, index) => {
    if (row.kind !== 'collapsed') items.push(row);
    else if (index < rows.length - 1) {
      items.push({ kind: 'header', oldLine: row.oldStart + row.lines, newLine: row.newStart + row.lines, skipped: row.lines });
    }
  });
  return items;
}
