import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HistoryList, type ListNavigationProps } from '@/components/HistoryList';
import { ChangesList } from '@/components/ChangesList';
import type { ChangeRow } from '@/lib/domain/history';
import { parseTitle } from '@/lib/domain/titles';
import { renderWithIntl } from '../support/intl';

const title = parseTitle('Rock & roll');

function row(overrides: Partial<ChangeRow> & Pick<ChangeRow, 'revisionId'>): ChangeRow {
  return {
    pageId: 1,
    parentId: overrides.revisionId - 1,
    title,
    createdAt: new Date('2026-11-28T09:05:00Z'),
    author: { id: 3, name: 'Jane Doe' },
    summary: '',
    minor: false,
    size: 100,
    delta: 0,
    isCreation: false,
    isLatest: false,
    ...overrides,
  };
}

// Newest first: 12 (latest, large addition), 11 (minor, removal), 10 (creation).
const rows: ChangeRow[] = [
  row({ revisionId: 12, parentId: 11, size: 1700, delta: 1234, summary: 'expanded', isLatest: true }),
  row({ revisionId: 11, parentId: 10, size: 466, delta: -45, minor: true, summary: 'typo' }),
  row({ revisionId: 10, parentId: null, size: 511, delta: 511, isCreation: true, createdAt: new Date('2026-11-27T23:59:00Z') }),
];

const navigation: ListNavigationProps = {
  limit: 50,
  firstPage: true,
  newestHref: '/wiki/Rock_%26_roll?action=history',
  newerHref: null,
  olderHref: '/wiki/Rock_%26_roll?action=history&older=10',
  limits: [20, 50, 100].map((limit) => ({ limit, href: `/wiki/Rock_%26_roll?action=history&limit=${limit}` })),
};

function renderHistory(overrides: Partial<Parameters<typeof HistoryList>[0]> = {}, locale: 'en' | 'it' = 'en') {
  return renderWithIntl(<HistoryList title={title} rows={rows} latestRevisionId={12} navigation={navigation} {...overrides} />, { locale });
}

/** English day order is the formatter's business (US or British): accept either. */
const NOV_28_0905 = /^(Nov 28, 2026|28 Nov 2026), 09:05$/;

function line(revisionId: number): HTMLElement {
  return document.querySelector<HTMLElement>(`li[data-revision-id="${revisionId}"]`)!;
}

describe('HistoryList', () => {
  it('shows one line per revision, newest first', () => {
    renderHistory();
    const items = within(document.getElementById('pagehistory')!).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('data-revision-id'))).toEqual(['12', '11', '10']);
  });

  it('links cur to the latest and prev to the parent, with plain text where there is nothing to compare', () => {
    renderHistory();
    const latest = within(line(12));
    expect(latest.queryByRole('link', { name: 'cur' })).toBeNull();
    expect(line(12).querySelector('.mw-history-histlinks')!.textContent).toBe('(cur | prev)');
    expect(latest.getByRole('link', { name: 'prev' }).getAttribute('href')).toBe('/wiki/Rock_%26_roll?diff=12&oldid=11');

    const middle = within(line(11));
    expect(middle.getByRole('link', { name: 'cur' }).getAttribute('href')).toBe('/wiki/Rock_%26_roll?diff=12&oldid=11');
    expect(middle.getByRole('link', { name: 'prev' }).getAttribute('href')).toBe('/wiki/Rock_%26_roll?diff=11&oldid=10');

    const first = within(line(10));
    expect(first.getByRole('link', { name: 'cur' }).getAttribute('href')).toBe('/wiki/Rock_%26_roll?diff=12&oldid=10');
    expect(first.queryByRole('link', { name: 'prev' })).toBeNull();
    expect(first.queryByRole('link', { name: 'undo' })).toBeNull();
    expect(middle.getByRole('link', { name: 'undo' }).getAttribute('href')).toBe('/wiki/Rock_%26_roll?action=edit&undoafter=10&undo=11');
  });

  it('puts oldid/diff radios in a plain GET form that compares the selected revisions', () => {
    renderHistory();
    const form = document.querySelector('form')!;
    expect(form.getAttribute('method')).toBe('get');
    expect(form.getAttribute('action')).toBe('/wiki/Rock_%26_roll');
    expect(within(form).getAllByRole('button', { name: 'Compare selected revisions' })[0]!.getAttribute('type')).toBe('submit');

    const radios = (name: string) => [...form.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${name}"]`)];
    // The latest revision cannot be the older side, the first one cannot be the newer side.
    expect(radios('oldid').map((r) => r.value)).toEqual(['11', '10']);
    expect(radios('diff').map((r) => r.value)).toEqual(['12', '11']);
    // Defaults compare the newest with the one before it: ?diff=12&oldid=11.
    expect(
      radios('diff')
        .filter((r) => r.checked)
        .map((r) => r.value),
    ).toEqual(['12']);
    expect(
      radios('oldid')
        .filter((r) => r.checked)
        .map((r) => r.value),
    ).toEqual(['11']);
    expect(new URLSearchParams(new FormData(form) as unknown as Record<string, string>).toString()).toBe('diff=12&oldid=11');
    for (const radio of [...radios('oldid'), ...radios('diff')]) expect(radio.getAttribute('aria-label')).toMatch(/^Compare (from|to) the revision of /);
  });

  it('offers no comparison for a single revision', () => {
    renderHistory({ rows: [rows[2]!], latestRevisionId: 10 });
    expect(screen.queryByRole('button', { name: 'Compare selected revisions' })).toBeNull();
  });

  it('links the timestamp to the permanent link and the user to their contributions', () => {
    renderHistory();
    const stamp = within(line(11)).getByRole('link', { name: NOV_28_0905 });
    expect(stamp.getAttribute('href')).toBe('/wiki/Rock_%26_roll?oldid=11');
    expect(stamp.querySelector('time')!.getAttribute('datetime')).toBe('2026-11-28T09:05:00.000Z');
    expect(within(line(11)).getByRole('link', { name: 'Jane Doe' }).getAttribute('href')).toBe('/wiki/User:Jane_Doe');
    expect(within(line(11)).getByRole('link', { name: 'talk' }).getAttribute('href')).toBe('/wiki/User_talk:Jane_Doe');
    expect(within(line(11)).getByRole('link', { name: 'contribs' }).getAttribute('href')).toBe('/wiki/Special:Contributions/Jane_Doe');
  });

  it('marks minor edits with an explained "m"', () => {
    renderHistory();
    const mark = line(11).querySelector('abbr.minoredit')!;
    expect(mark.textContent).toBe('m');
    expect(mark.getAttribute('title')).toBe('This is a minor edit');
    expect(line(12).querySelector('abbr.minoredit')).toBeNull();
  });

  it('shows the size and a signed, coloured delta, bold when large', () => {
    renderHistory();
    expect(line(12).querySelector('.history-size')!.textContent).toBe('(1,700 bytes)');
    const large = line(12).querySelector('.mw-plusminus-pos')!;
    expect(large.tagName).toBe('STRONG');
    expect(large.textContent).toBe('(+1,234)');
    expect(large.getAttribute('title')).toBe('1,700 bytes after change');

    const removal = line(11).querySelector('.mw-plusminus-neg')!;
    expect(removal.tagName).toBe('SPAN');
    expect(removal.textContent).toBe('(\u221245)');
    expect(line(10).querySelector('.mw-plusminus-pos')!.textContent).toBe('(+511)');
  });

  it('shows summaries in parentheses and nothing for an empty one', () => {
    renderHistory();
    expect(line(12).querySelector('.comment')!.textContent).toBe('(expanded)');
    expect(line(10).querySelector('.comment')).toBeNull();
  });

  it('has newer/older links from the cursors and page-size links', () => {
    renderHistory();
    const nav = document.querySelector('.mw-pager-navigation')!;
    expect(within(nav as HTMLElement).queryByRole('link', { name: 'newer 50' })).toBeNull();
    expect(within(nav as HTMLElement).queryByRole('link', { name: 'newest' })).toBeNull();
    expect(
      within(nav as HTMLElement)
        .getByRole('link', { name: 'older 50' })
        .getAttribute('href'),
    ).toBe('/wiki/Rock_%26_roll?action=history&older=10');
    expect(
      within(nav as HTMLElement)
        .getByRole('link', { name: '100' })
        .getAttribute('href'),
    ).toBe('/wiki/Rock_%26_roll?action=history&limit=100');
    expect(nav.textContent).toBe('(newest) View (newer 50 | older 50) (20 | 50 | 100)');
  });

  it('links back to the newest page from a later one', () => {
    renderHistory({ navigation: { ...navigation, firstPage: false, newerHref: '/wiki/Rock_%26_roll?action=history&newer=12', olderHref: null } });
    const nav = document.querySelector<HTMLElement>('.mw-pager-navigation')!;
    expect(within(nav).getByRole('link', { name: 'newer 50' }).getAttribute('href')).toBe('/wiki/Rock_%26_roll?action=history&newer=12');
    expect(within(nav).getByRole('link', { name: 'newest' }).getAttribute('href')).toBe('/wiki/Rock_%26_roll?action=history');
    expect(within(nav).queryByRole('link', { name: 'older 50' })).toBeNull();
  });

  it('says so when there is nothing to show', () => {
    renderHistory({ rows: [] });
    expect(screen.getByText('There are no revisions to show here.')).toBeTruthy();
    expect(document.querySelector('form')).toBeNull();
  });
});

describe('ChangesList', () => {
  it('shows recent changes under day headings with diff/hist links, N for creations and the author', () => {
    renderWithIntl(<ChangesList rows={rows} variant="recent" />);
    const days = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(days).toHaveLength(2);
    expect(days[0]).toMatch(/^(November 28, 2026|28 November 2026)$/);
    expect(days[1]).toMatch(/^(November 27, 2026|27 November 2026)$/);
    expect(within(line(12)).getByRole('link', { name: 'diff' }).getAttribute('href')).toBe('/wiki/Rock_%26_roll?diff=12&oldid=11');
    expect(within(line(12)).getByRole('link', { name: 'hist' }).getAttribute('href')).toBe('/wiki/Rock_%26_roll?action=history');
    expect(within(line(12)).getByRole('link', { name: 'Rock & roll' }).getAttribute('href')).toBe('/wiki/Rock_%26_roll');
    expect(within(line(10)).queryByRole('link', { name: 'diff' })).toBeNull();
    const created = line(10).querySelector('abbr.newpage')!;
    expect(created.textContent).toBe('N');
    expect(created.getAttribute('title')).toBe('This edit created a new page');
    expect(line(12).querySelector('abbr.newpage')).toBeNull();
    expect(within(line(11)).getByRole('link', { name: 'Jane Doe' }).getAttribute('href')).toBe('/wiki/User:Jane_Doe');
    expect(within(line(11)).getByRole('link', { name: 'talk' }).getAttribute('href')).toBe('/wiki/User_talk:Jane_Doe');
    expect(within(line(11)).getByRole('link', { name: 'contribs' }).getAttribute('href')).toBe('/wiki/Special:Contributions/Jane_Doe');
  });

  it('shows contributions with permanent links and "current" on latest revisions', () => {
    renderWithIntl(<ChangesList rows={rows} variant="contributions" />);
    expect(within(line(11)).getByRole('link', { name: NOV_28_0905 }).getAttribute('href')).toBe('/wiki/Rock_%26_roll?oldid=11');
    expect(line(12).querySelector('.mw-uctop')?.textContent).toBe('current');
    expect(line(11).querySelector('.mw-uctop')).toBeNull();
  });

  it('says so when nothing matches', () => {
    renderWithIntl(<ChangesList rows={[]} variant="recent" />);
    expect(screen.getByText('No changes match these criteria.')).toBeTruthy();
  });
});

describe("the thank link (MediaWiki's Thanks)", () => {
  it('is on the lines the loader allows, and leads to the confirmation page', () => {
    renderHistory({ thankRevisionIds: [11] });
    const thank = within(line(11)).getByRole('link', { name: 'thank' });
    expect(thank.getAttribute('href')).toBe('/wiki/Special:Thanks/11');
    expect(thank.getAttribute('title')).toBe('Send a thank you notification to this user');
    expect(line(11).querySelector('.mw-thanks-thank-link')!.textContent).toBe('(thank)');
    expect(within(line(12)).queryByRole('link', { name: 'thank' })).toBeNull();
    expect(within(line(10)).queryByRole('link', { name: 'thank' })).toBeNull();
  });

  it('is on no line by default (signed-out readers, own edits), and reads "ringrazia" in Italian', () => {
    const { unmount } = renderHistory();
    expect(document.querySelector('.mw-thanks-thank-link')).toBeNull();
    unmount();
    renderHistory({ thankRevisionIds: [12] }, 'it');
    expect(within(line(12)).getByRole('link', { name: 'ringrazia' }).getAttribute('title')).toBe('Invia una notifica di ringraziamento a questo utente');
  });
});

describe('history and changes in Italian', () => {
  it('uses it.wikipedia’s words, Italian dates and Italian byte counts', () => {
    renderHistory({}, 'it');
    expect(line(12).querySelector('.mw-history-histlinks')!.textContent).toBe('(att | prec)');
    expect(within(line(11)).getByRole('link', { name: 'att' }).getAttribute('title')).toBe('Differenze con la versione attuale');
    expect(within(line(11)).getByRole('link', { name: 'annulla' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Confronta le versioni selezionate' })).toHaveLength(2);
    expect(within(line(11)).getByRole('link', { name: '28 nov 2026, 09:05' }).getAttribute('href')).toBe('/wiki/Rock_%26_roll?oldid=11');
    expect(line(11).querySelector('abbr.minoredit')!.getAttribute('title')).toBe('Questa è una modifica minore');
    expect(line(12).querySelector('.history-size')!.textContent).toBe('(1.700 byte)');
    expect(line(12).querySelector('.mw-plusminus-pos')!.textContent).toBe('(+1.234)');
    expect(line(11).querySelector('.mw-plusminus-neg')!.textContent).toBe('(\u221245)');
    expect(document.querySelector('.mw-pager-navigation')!.textContent).toBe('(più recenti) Visualizza (50 più recenti | 50 meno recenti) (20 | 50 | 100)');
  });

  it('groups recent changes under Italian day headings, with "cron" and "attuale"', () => {
    renderWithIntl(<ChangesList rows={rows} variant="recent" />, { locale: 'it' });
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['28 novembre 2026', '27 novembre 2026']);
    expect(within(line(12)).getByRole('link', { name: 'cron' }).getAttribute('href')).toBe('/wiki/Rock_%26_roll?action=history');
    expect(line(10).querySelector('abbr.newpage')!.getAttribute('title')).toBe('Questa modifica ha creato una nuova pagina');
  });

  it('marks the latest contribution "attuale" and says so in Italian when nothing matches', () => {
    const { unmount } = renderWithIntl(<ChangesList rows={rows} variant="contributions" />, { locale: 'it' });
    expect(line(12).querySelector('.mw-uctop')?.textContent).toBe('attuale');
    unmount();
    renderWithIntl(<ChangesList rows={[]} variant="recent" />, { locale: 'it' });
    expect(screen.getByText('Nessuna modifica corrisponde a questi criteri.')).toBeTruthy();
  });
});
