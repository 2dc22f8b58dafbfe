import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HistoryList } from '@/components/HistoryList';
import type { ChangeRow } from '@/lib/domain/history';
import { parseTitle } from '@/lib/domain/titles';
import { REMOVED_SUMMARY, REMOVED_USER, revisionMarks } from '@/lib/domain/visibility';
import { renderWithIntl } from '../support/intl';

const title = parseTitle('Hidden things');
const base: ChangeRow = {
  revisionId: 5,
  pageId: 1,
  parentId: 4,
  title,
  createdAt: new Date('2026-11-28T09:05:00Z'),
  author: { id: 0, name: REMOVED_USER },
  summary: REMOVED_SUMMARY,
  minor: false,
  size: 10,
  delta: 1,
  isCreation: false,
  isLatest: false,
};
const navigation = { limit: 50, firstPage: true, newestHref: '/h', newerHref: null, olderHref: null, limits: [] };

describe('hidden revision parts in a history', () => {
  it('shows readers the removed markers with no links to the withheld text or author', () => {
    const row = { ...base, visibility: revisionMarks({ hidden: 7, archived: false }, false)! };
    renderWithIntl(<HistoryList title={title} rows={[row]} latestRevisionId={9} navigation={navigation} />);
    expect(screen.getByText(REMOVED_USER).closest('a')).toBeNull();
    expect(screen.getByText(REMOVED_SUMMARY)).toBeTruthy();
    expect(screen.queryByRole('link', { name: /undo|prev|cur/ })).toBeNull();
    expect(screen.queryByRole('link', { name: /change visibility/ })).toBeNull();
  });

  it('shows administrators the hidden parts struck through, and the change-visibility link', () => {
    const row = { ...base, author: { id: 3, name: 'Vandal' }, summary: 'rude', visibility: revisionMarks({ hidden: 6, archived: false }, true)! };
    renderWithIntl(<HistoryList title={title} rows={[row]} latestRevisionId={9} navigation={navigation} canChangeVisibility />);
    expect(screen.getByRole('link', { name: 'Vandal' }).closest('s')).not.toBeNull();
    expect(screen.getAllByText('(hidden)')).toHaveLength(2);
    expect(screen.getByRole('link', { name: 'change visibility' }).getAttribute('href')).toBe('/wiki/Special:RevisionDelete?target=Hidden_things&ids=5');
  });
});

describe('hidden revision parts in Italian', () => {
  it('shows the removed markers and the hidden marks in Italian', () => {
    const withheld = { ...base, visibility: revisionMarks({ hidden: 6, archived: false }, false)! };
    const { unmount } = renderWithIntl(<HistoryList title={title} rows={[withheld]} latestRevisionId={9} navigation={navigation} />, { locale: 'it' });
    expect(screen.getByText('(nome utente rimosso)').closest('a')).toBeNull();
    expect(screen.getByText('(oggetto rimosso)')).toBeTruthy();
    unmount();

    const hidden = { ...base, author: { id: 3, name: 'Vandal' }, summary: 'rude', visibility: revisionMarks({ hidden: 6, archived: false }, true)! };
    renderWithIntl(<HistoryList title={title} rows={[hidden]} latestRevisionId={9} navigation={navigation} canChangeVisibility />, { locale: 'it' });
    expect(screen.getAllByText('(nascosto)')).toHaveLength(2);
    expect(screen.getByRole('link', { name: 'modifica visibilità' })).toBeTruthy();
  });
});
