import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LogList } from '@/components/LogList';
import { DiffTable } from '@/components/DiffTable';
import type { LogEntryRow } from '@/lib/domain/log-entry-text';
import { parseTitle } from '@/lib/domain/titles';
import { renderWithIntl } from '../support/intl';

const entries: LogEntryRow[] = [
  {
    id: 2,
    type: 'block',
    action: 'block',
    createdAt: new Date('2026-11-28T09:05:00Z'),
    performer: { id: 1, name: 'Admin' },
    title: parseTitle('User:Bob'),
    comment: 'spam',
    params: { expiresAt: '2026-12-05T12:00:00.000Z', sitewide: false, pageTitles: ['A', 'B'] },
  },
  {
    id: 1,
    type: 'move',
    action: 'move',
    createdAt: new Date('2026-11-27T23:59:00Z'),
    performer: null,
    title: parseTitle('Old name'),
    comment: '',
    params: { target: 'New name' },
  },
];

/** English day order is the formatter's business (US or British): accept either. */
const stamp = (day: number, month: string, time: string) => `(${month} ${day}, 2026|${day} ${month} 2026), ${time}`;

function item(id: number): HTMLElement {
  return screen.getAllByRole('listitem')[entries.findIndex((entry) => entry.id === id)]!;
}

describe('LogList', () => {
  it('writes each entry as a sentence with the performer, the pages and the time, links included', () => {
    renderWithIntl(<LogList rows={entries} />);
    expect(item(2).textContent).toMatch(
      new RegExp(`^${stamp(28, 'Nov', '09:05')} Admin blocked Bob from editing the pages A and B with an expiry time of ${stamp(5, 'Dec', '12:00')} \\(UTC\\) \\(spam\\)$`),
    );
    expect(within(item(2)).getByRole('link', { name: 'Admin' }).getAttribute('href')).toBe('/wiki/User:Admin');
    expect(within(item(2)).getByRole('link', { name: 'B' }).getAttribute('href')).toBe('/wiki/B');
    expect(item(1).textContent?.trim()).toMatch(new RegExp(`^${stamp(27, 'Nov', '23:59')} A maintenance script moved page Old name to New name$`));
    expect(within(item(1)).getByRole('link', { name: 'New name' }).getAttribute('href')).toBe('/wiki/New_name');
  });

  it('writes the same entries in Italian, with Italian dates', () => {
    renderWithIntl(<LogList rows={entries} />, { locale: 'it' });
    expect(item(2).textContent).toBe('28 nov 2026, 09:05 Admin ha bloccato Bob dalla modifica delle pagine A e B con scadenza 5 dic 2026, 12:00 (UTC) (spam)');
    expect(item(1).textContent?.trim()).toBe('27 nov 2026, 23:59 Uno script di manutenzione ha spostato la pagina Old name a New name');
    expect(within(item(1)).getByRole('link', { name: 'Old name' }).getAttribute('href')).toBe('/wiki/Old_name');
  });

  it('says so when the log has nothing to show', () => {
    renderWithIntl(<LogList rows={[]} />, { locale: 'it' });
    expect(screen.getByText('Nessun elemento corrispondente nel registro.')).toBeTruthy();
  });
});

describe('DiffTable', () => {
  const lines = [
    { kind: 'context' as const, text: 'same', oldNumber: 1, newNumber: 1 },
    { kind: 'removed' as const, text: 'old line', oldNumber: 2, newNumber: null },
    { kind: 'added' as const, text: 'new line', oldNumber: null, newNumber: 2 },
  ];

  it('marks lines with −/+ and a spoken label in the reader’s language', () => {
    renderWithIntl(<DiffTable lines={lines} oldLabel="Versione attuale" newLabel="Il tuo testo" />, { locale: 'it' });
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.querySelector('.diff-marker')!.textContent)).toEqual([' ', '−', '+']);
    expect(rows.map((row) => row.querySelector('.diff-text')!.textContent)).toEqual(['same', 'Rimossa: old line', 'Aggiunta: new line']);
    expect(screen.getByRole('columnheader', { name: 'Testo' })).toBeTruthy();
  });
});
