import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChangesList } from '@/components/ChangesList';
import type { ChangeRow } from '@/lib/domain/history';
import { parseTitle } from '@/lib/domain/titles';
import { renderWithIntl } from '../support/intl';

function row(revisionId: number, overrides: Partial<ChangeRow> = {}): ChangeRow {
  return {
    revisionId,
    pageId: 1,
    parentId: revisionId - 1,
    title: parseTitle('Bot target'),
    createdAt: new Date('2026-11-28T09:05:00Z'),
    author: { id: 3, name: 'Archive bot' },
    summary: '',
    minor: false,
    size: 100,
    delta: 0,
    isCreation: false,
    isLatest: false,
    ...overrides,
  };
}

const line = (revisionId: number) => document.querySelector<HTMLElement>(`li[data-revision-id="${revisionId}"]`)!;

describe("a bot's edit in a changes list", () => {
  it('is marked "b" with MediaWiki\'s explanation on recent changes and watchlists, after "m"', () => {
    renderWithIntl(<ChangesList rows={[row(2, { bot: true, minor: true }), row(1)]} variant="recent" />);
    const mark = screen.getByTitle('This edit was performed by a bot');
    expect(mark.tagName).toBe('ABBR');
    expect(mark.textContent).toBe('b');
    expect(line(2).contains(mark)).toBe(true);
    expect(line(2).textContent).toMatch(/mb\s*Bot target/);
    expect(line(2).className).toContain('mw-changeslist-bot');
    expect(line(1).querySelector('abbr.botedit')).toBeNull();
  });

  it('says it in Italian', () => {
    renderWithIntl(<ChangesList rows={[row(2, { bot: true })]} variant="recent" />, { locale: 'it' });
    expect(screen.getByTitle('Questa modifica è stata effettuata da un bot').textContent).toBe('b');
  });

  it('is not marked on a contributions list, as on MediaWiki', () => {
    renderWithIntl(<ChangesList rows={[row(2, { bot: true })]} variant="contributions" />);
    expect(screen.queryByTitle('This edit was performed by a bot')).toBeNull();
  });
});
