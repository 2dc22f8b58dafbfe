import { Fragment, type ReactNode } from 'react';
import type { ChangedRow, DiffResult, DiffRow, WordSegment } from '@/lib/domain/diff';

export type DiffMode = 'side-by-side' | 'inline';

export interface DiffViewProps {
  diff: DiffResult;
  mode: DiffMode;
  /** The same diff in the other layout: plain links, so switching needs no client JavaScript. */
  toggleHrefs: { inline: string; sideBySide: string };
  /** Column headings, e.g. "Revision as of …" links. */
  oldLabel?: ReactNode;
  newLabel?: ReactNode;
}

/** A hunk starts at the top and after each collapsed run; MediaWiki heads it with "Line N:". */
type Item = { kind: 'header'; oldLine: number; newLine: number; skipped: number } | DiffRow;

/**
 * MediaWiki's revision diff (?diff=…&oldid=…), side by side or inline. Presentational only, so it
 * can render on the server. Changes are told by −/+ markers and spoken labels, not colour alone.
 */
export function DiffView({ diff, mode, toggleHrefs, oldLabel = 'Old revision', newLabel = 'New revision' }: DiffViewProps) {
  return (
    <div className={`revision-diff revision-diff-${mode}`}>
      <p className="diff-mode-toggle">
        View:{' '}
        {mode === 'side-by-side' ? <strong aria-current="true">side by side</strong> : <a href={toggleHrefs.sideBySide}>side by side</a>}
        {' · '}
        {mode === 'inline' ? <strong aria-current="true">inline</strong> : <a href={toggleHrefs.inline}>inline</a>}
      </p>
      {diff.coarse && (
        <p className="notice notice-warning">
          These revisions differ in too many lines to be compared paragraph by paragraph: the old text is shown removed and the new
          text added.
        </p>
      )}
      {diff.rows.length === 0 ? (
        <p className="diff-nodiff">(No difference)</p>
      ) : mode === 'inline' ? (
        <InlineTable items={withHeaders(diff.rows)} oldLabel={oldLabel} newLabel={newLabel} />
      ) : (
        <SideBySideTable items={withHeaders(diff.rows)} oldLabel={oldLabel} newLabel={newLabel} />
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
  return (
    <table className="revision-diff-table">
      <caption className="visually-hidden">
        Differences between {oldLabel} (left) and {newLabel} (right). Lines marked − were removed, lines marked + added; within
        changed lines, the changed words are marked as deleted or inserted.
      </caption>
      <colgroup>
        <col className="diff-marker-column" />
        <col className="diff-content-column" />
        <col className="diff-marker-column" />
        <col className="diff-content-column" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col" colSpan={2}>{oldLabel}</th>
          <th scope="col" colSpan={2}>{newLabel}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item, index) => {
          if (item.kind === 'header') {
            return (
              <tr key={index} className="diff-lineno">
                <td colSpan={2}>
                  <Skipped lines={item.skipped} />
                  {`Line ${item.oldLine}:`}
                </td>
                <td colSpan={2}>{`Line ${item.newLine}:`}</td>
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
  return (
    <table className="revision-diff-table">
      <caption className="visually-hidden">
        Differences between {oldLabel} and {newLabel}, inline. Lines marked − were removed, lines marked + added; within changed
        lines, the changed words are marked as deleted or inserted.
      </caption>
      <tbody>
        {items.flatMap((item, index) => {
          if (item.kind === 'header') {
            return (
              <tr key={index} className="diff-lineno">
                <td colSpan={2}>
                  <Skipped lines={item.skipped} />
                  {item.oldLine === item.newLine ? `Line ${item.oldLine}:` : `Line ${item.oldLine} (now ${item.newLine}):`}
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
  const paired = row.old !== null && row.new !== null;
  const segments = row[side] ?? [];
  let spoken: string;
  let note: string | null = null;
  if (row.moved) {
    spoken = 'Moved paragraph: ';
    note = side === 'old' ? `moved to line ${row.movedLine}` : `moved from line ${row.movedLine}`;
  } else if (row.split) {
    spoken = 'Added line: ';
    note = 'split from the line above';
  } else if (paired) {
    spoken = side === 'old' ? 'Changed line, before: ' : 'Changed line, after: ';
  } else {
    spoken = side === 'old' ? 'Removed line: ' : 'Added line: ';
  }
  return (
    <>
      <td className="diff-marker" aria-hidden="true">
        {side === 'old' ? '−' : '+'}
      </td>
      <td className={side === 'old' ? 'diff-deletedline' : 'diff-addedline'}>
        <span className="visually-hidden">{spoken}</span>
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
  if (lines === 0) return null;
  return <span className="visually-hidden">{lines === 1 ? '1 unchanged line skipped. ' : `${lines} unchanged lines skipped. `}</span>;
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
