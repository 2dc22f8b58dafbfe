import { useTranslations } from 'next-intl';
import type { DiffLine } from '@/lib/domain/text-diff';

const MARKERS = { context: ' ', added: '+', removed: '−' } as const;

/** A line diff as a table. Changes are marked with +/− and spoken labels, not by colour alone. */
export function DiffTable({ lines, oldLabel, newLabel }: { lines: DiffLine[]; oldLabel: string; newLabel: string }) {
  const t = useTranslations('history.lineDiff');
  const spoken = { context: '', added: `${t('added')} `, removed: `${t('removed')} ` } as const;
  return (
    <table className="diff-table">
      <caption className="visually-hidden">{t('caption', { old: oldLabel, new: newLabel })}</caption>
      <thead>
        <tr>
          <th scope="col">{oldLabel}</th>
          <th scope="col">{newLabel}</th>
          <th scope="col">
            <span className="visually-hidden">{t('change')}</span>
          </th>
          <th scope="col">{t('text')}</th>
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
              {line.kind !== 'context' && <span className="visually-hidden">{spoken[line.kind]}</span>}
              {line.text}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
