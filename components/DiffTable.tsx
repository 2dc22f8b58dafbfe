import type { DiffLine } from '@/lib/domain/text-diff';

const MARKERS = { context: ' ', added: '+', removed: '−' } as const;
const SPOKEN = { context: '', added: 'Added: ', removed: 'Removed: ' } as const;

/** A line diff as a table. Changes are marked with +/− and spoken labels, not by colour alone. */
export function DiffTable({ lines, oldLabel, newLabel }: { lines: DiffLine[]; oldLabel: string; newLabel: string }) {
  return (
    <table className="diff-table">
      <caption className="visually-hidden">
        Line differences: lines marked − are only in {oldLabel}, lines marked + only in {newLabel}.
      </caption>
      <thead>
        <tr>
          <th scope="col">{oldLabel}</th>
          <th scope="col">{newLabel}</th>
          <th scope="col">
            <span className="visually-hidden">Change</span>
          </th>
          <th scope="col">Text</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => (
          <tr key={index} className={`diff-${line.kind}`}>
            <td className="diff-number">{line.oldNumber ?? ''}</td>
            <td className="diff-number">{line.newNumber ?? ''}</td>
            <td className="diff-marker" aria-hidden="true">
              {MARKERS[line.kind]}
            </td>
            <td className="diff-text">
              <span className="visually-hidden">{SPOKEN[line.kind]}</span>
              {line.text}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
