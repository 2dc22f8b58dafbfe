import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EditWatchlistForm, type RemoveTitlesState, type WatchlistLine } from '@/components/watchlist/EditWatchlistForm';
import { RawWatchlistForm, type RawWatchlistState } from '@/components/watchlist/RawWatchlistForm';
import { formFailure, invalidInput } from '@/lib/domain/form-state';
import { parseRawWatchlist, rawWatchlistText, removeTitlesSchema } from '@/lib/domain/watchlist';
import { renderWithIntl } from '../support/intl';

const line = (title: string, namespaceName: string, extra: Partial<WatchlistLine> = {}): WatchlistLine => {
  const path = `/wiki/${title.replaceAll(' ', '_')}`;
  return {
    title,
    namespaceName,
    href: path,
    exists: true,
    talkTitle: namespaceName === '' ? `Talk:${title}` : title.replace(':', ' talk:'),
    talkHref: `/wiki/Talk:${title.replaceAll(' ', '_')}`,
    talkExists: true,
    historyHref: `${path}?action=history`,
    daysLeft: null,
    ...extra,
  };
};

const LINES = [
  line('ECPAT', ''),
  line('Missing page', '', { exists: false, href: '/wiki/Missing_page?action=edit&redlink=1', talkExists: false, daysLeft: 6 }),
  line('Template:Infobox', 'Template'),
];

/** The real removal action's validation step; a valid selection "removes" what was ticked. */
async function removeAction(_state: RemoveTitlesState, formData: FormData): Promise<RemoveTitlesState> {
  const values = { titles: formData.getAll('titles') as string[] };
  const parsed = removeTitlesSchema.safeParse(values);
  if (!parsed.success) return invalidInput(values, parsed.error, { summary: 'first-problem' });
  return { values: { titles: [] }, removed: parsed.data.titles.map((title) => title.prefixedText) };
}

/** The real raw action without the database: parse, then hand back the list as it would be stored. */
async function rawAction(_state: RawWatchlistState, formData: FormData): Promise<RawWatchlistState> {
  const text = String(formData.get('titles'));
  try {
    const { titles } = parseRawWatchlist(text);
    return { values: { titles: rawWatchlistText(titles) }, saved: { added: titles.map((title) => title.prefixedText), removed: ['ECPAT'] } };
  } catch (error) {
    return { values: { titles: text }, ...formFailure(error) };
  }
}

describe('Special:EditWatchlist', () => {
  it('lists the titles by namespace with a checkbox, page, talk and history links, and days left', () => {
    renderWithIntl(<EditWatchlistForm lines={LINES} action={removeAction} rawHref="/wiki/Special:EditWatchlist/raw" />);
    expect(screen.getByText('3 titles on your watchlist, excluding talk pages.')).toBeTruthy();
    expect(screen.getAllByRole('heading').map((heading) => heading.textContent)).toEqual(['(Main)', 'Template']);
    const box = screen.getByLabelText('ECPAT') as HTMLInputElement;
    expect([box.type, box.name, box.value, box.checked]).toEqual(['checkbox', 'titles', 'ECPAT', false]);
    expect((screen.getByLabelText('Template:Infobox') as HTMLInputElement).value).toBe('Template:Infobox');

    const missing = screen.getByRole('link', { name: 'Missing page' });
    expect(missing.className).toBe('new');
    expect(missing.getAttribute('href')).toBe('/wiki/Missing_page?action=edit&redlink=1');
    expect(screen.getByRole('link', { name: 'ECPAT' }).className).toBe('');
    const missingLine = missing.closest('li')!;
    expect(missingLine.textContent).toMatch(/Missing page \(talk \| history\) \(6 days left\)$/);
    expect(within(missingLine).getByRole('link', { name: 'talk' }).className).toBe('new');
    expect(within(missingLine).getByRole('link', { name: 'history' }).getAttribute('href')).toBe('/wiki/Missing_page?action=history');
    expect(screen.getByRole('link', { name: 'edit the raw list' }).getAttribute('href')).toBe('/wiki/Special:EditWatchlist/raw');
    expect(screen.getByRole('button', { name: 'Remove titles' })).toBeTruthy();
  });

  it('asks for a tick when none is given, then names and drops the removed titles', async () => {
    renderWithIntl(<EditWatchlistForm lines={LINES} action={removeAction} rawHref="/raw" />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Remove titles' }));
    });
    expect(screen.getByRole('alert').textContent).toBe('Tick the titles to remove, then press the button again.');

    fireEvent.click(screen.getByLabelText('ECPAT'));
    fireEvent.click(screen.getByLabelText('Template:Infobox'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Remove titles' }));
    });
    const notice = screen.getByRole('status');
    expect(notice.textContent).toMatch(/^2 titles were removed from your watchlist:/);
    expect(
      within(notice)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['ECPAT', 'Template:Infobox']);
    expect(screen.queryByLabelText('ECPAT')).toBeNull();
    expect(screen.getByText('1 title on your watchlist, excluding talk pages.')).toBeTruthy();
    expect(screen.getAllByRole('heading').map((heading) => heading.textContent)).toEqual(['(Main)']);
  });

  it('says so when the watchlist is empty', () => {
    renderWithIntl(<EditWatchlistForm lines={[]} action={removeAction} rawHref="/raw" />);
    expect(screen.getByText('Your watchlist contains no titles.')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('speaks Italian', () => {
    renderWithIntl(<EditWatchlistForm lines={LINES} action={removeAction} rawHref="/raw" />, { locale: 'it' });
    expect(screen.getByRole('heading', { name: '(Principale)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Rimuovi i titoli' })).toBeTruthy();
    expect(screen.getByText('3 titoli negli osservati speciali, escluse le pagine di discussione.')).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'discussione' })).toHaveLength(3);
  });
});

describe('Special:EditWatchlist/raw', () => {
  it('shows the list one title per line', () => {
    renderWithIntl(<RawWatchlistForm text={'ECPAT\nTemplate:Infobox'} action={rawAction} normalHref="/wiki/Special:EditWatchlist" />);
    expect((screen.getByLabelText('Titles:') as HTMLTextAreaElement).value).toBe('ECPAT\nTemplate:Infobox');
    expect(screen.getByRole('button', { name: 'Update watchlist' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'use the standard editor' }).getAttribute('href')).toBe('/wiki/Special:EditWatchlist');
  });

  it('keeps the text as typed and names the bad lines beside it', async () => {
    renderWithIntl(<RawWatchlistForm text="ECPAT" action={rawAction} normalHref="/e" />);
    const typed = 'ECPAT\nBad [title]\n\nSpecial:RecentChanges\nTalk:Fan meetup';
    fireEvent.change(screen.getByLabelText('Titles:'), { target: { value: typed } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Update watchlist' }));
    });
    const textarea = screen.getByLabelText('Titles:') as HTMLTextAreaElement;
    expect(textarea.value).toBe(typed);
    expect(textarea.getAttribute('aria-invalid')).toBe('true');
    const alerts = screen.getAllByRole('alert');
    expect(alerts.map((alert) => alert.textContent)).toEqual(['Lines 2, 4 are not valid titles. Correct or remove them and save again; nothing was changed.']);
    expect(textarea.getAttribute('aria-describedby')).toBe(alerts[0]!.id);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('after saving, shows the stored list and what was added and removed', async () => {
    renderWithIntl(<RawWatchlistForm text="ECPAT" action={rawAction} normalHref="/e" />);
    fireEvent.change(screen.getByLabelText('Titles:'), { target: { value: 'Talk:Fan meetup\nAlpha' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Update watchlist' }));
    });
    expect((screen.getByLabelText('Titles:') as HTMLTextAreaElement).value).toBe('Alpha\nFan meetup');
    const notices = screen.getAllByRole('status').map((notice) => notice.textContent);
    expect(notices).toEqual(['Your watchlist has been updated.', '2 titles were added:Fan meetupAlpha', '1 title was removed:ECPAT']);
  });
});
