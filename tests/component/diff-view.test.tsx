import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DiffView } from '@/components/DiffView';
import { DiffSideHeader, RevisionAsOf } from '@/components/DiffSideHeader';
import { ArticleBody } from '@/components/ArticleBody';
import { renderMarkdown } from '@/lib/domain/markdown';
import { diffRevisions } from '@/lib/domain/diff';
import { renderWithIntl } from '../support/intl';

const toggleHrefs = { inline: '/w?diff=8&oldid=7&diffmode=inline', sideBySide: '/w?diff=8&oldid=7' };
const numbered = (count: number) => Array.from({ length: count }, (_, k) => `Line text ${k + 1}`);
const moving = 'This paragraph moves to the end of the page.';
const oldText = [moving, ...numbered(12), 'The castle was built in 1200 by the count.', ...numbered(12).map((line) => `${line} b`)].join('\n');
const newText = [...numbered(12), 'The castle was built in 1250 by the count.', 'A brand new paragraph.', ...numbered(12).map((line) => `${line} b`), moving].join('\n');
const diff = diffRevisions(oldText, newText);

function table(): HTMLTableElement {
  return screen.getByRole('table') as HTMLTableElement;
}

describe('DiffView', () => {
  it('shows old and new side by side, with only the changed words inside del and ins', () => {
    const { container } = renderWithIntl(<DiffView diff={diff} mode="side-by-side" toggleHrefs={toggleHrefs} oldLabel="Revision 7" newLabel="Revision 8" />);
    expect(within(table()).getByRole('columnheader', { name: 'Revision 7' })).toBeTruthy();
    expect(within(table()).getByRole('columnheader', { name: 'Revision 8' })).toBeTruthy();
    expect(table().querySelector('caption')?.textContent).toContain('Differences between Revision 7 (left) and Revision 8 (right)');

    expect([...container.querySelectorAll('del.diffchange')].map((node) => node.textContent)).toEqual(['1200']);
    expect([...container.querySelectorAll('ins.diffchange')].map((node) => node.textContent)).toEqual(['1250']);
    const castleRow = container.querySelector('del.diffchange')?.closest('tr');
    expect(castleRow?.querySelector('.diff-deletedline')?.textContent).toBe('Changed line, before: The castle was built in 1200 by the count.');
    expect(castleRow?.querySelector('.diff-addedline')?.textContent).toBe('Changed line, after: The castle was built in 1250 by the count.');
  });

  it('marks every change with a visible −/+ and a spoken label, not by colour alone', () => {
    renderWithIntl(<DiffView diff={diff} mode="side-by-side" toggleHrefs={toggleHrefs} />);
    const added = screen.getByText('A brand new paragraph.');
    expect(added.textContent).toBe('Added line: A brand new paragraph.');
    expect(added.closest('tr')?.querySelector('.diff-marker')?.textContent).toBe('+');
    const markers = [...table().querySelectorAll('.diff-marker')].map((cell) => cell.textContent).filter((text) => text !== '');
    expect(markers.sort()).toEqual(['+', '+', '+', '−', '−']);
  });

  it('labels a moved paragraph on both sides with the line it moved to or from', () => {
    renderWithIntl(<DiffView diff={diff} mode="side-by-side" toggleHrefs={toggleHrefs} />);
    const cells = screen.getAllByText(moving, { exact: false }).filter((node) => node.tagName === 'TD');
    expect(cells.map((cell) => cell.textContent)).toEqual([`Moved paragraph: (moved to line 27) ${moving}`, `Moved paragraph: (moved from line 1) ${moving}`]);
    expect(cells.every((cell) => cell.querySelector('ins, del') === null)).toBe(true);
  });

  it('labels the second half of a split paragraph and marks only its new words', () => {
    const split = diffRevisions('Uno due tre quattro. Cinque sei sette otto.\n', 'Uno due tre quattro.\nCinque sei sette otto nove.\n');
    const { container } = renderWithIntl(<DiffView diff={split} mode="side-by-side" toggleHrefs={toggleHrefs} />);
    const second = screen.getByText('(split from the line above)', { exact: false }).closest('td');
    expect(second?.textContent).toBe('Added line: (split from the line above) Cinque sei sette otto nove.');
    expect([...container.querySelectorAll('ins.diffchange')].map((node) => node.textContent)).toEqual([' nove']);
  });

  it('collapses far unchanged lines under "Line N:" headers, as MediaWiki does', () => {
    renderWithIntl(<DiffView diff={diff} mode="side-by-side" toggleHrefs={toggleHrefs} />);
    // Hunks: the move away from the top; two lines of context, 8 hidden, two more before the castle
    // edit (old line 14 / new 13) and the added paragraph; two after, 8 hidden, two before the move here.
    const headers = [...table().querySelectorAll<HTMLTableRowElement>('tr.diff-lineno')].map((row) => [...row.cells].map((cell) => cell.textContent));
    expect(headers).toEqual([
      ['Line 1:', 'Line 1:'],
      ['8 unchanged lines skipped. Line 12:', 'Line 11:'],
      ['8 unchanged lines skipped. Line 25:', 'Line 25:'],
    ]);
    expect(screen.queryByText('Line text 5')).toBeNull();
    expect(screen.getAllByText('Line text 11')).toHaveLength(2);
  });

  it('shows the inline layout in one column, the old version of a changed line before the new one', () => {
    const { container } = renderWithIntl(<DiffView diff={diff} mode="inline" toggleHrefs={toggleHrefs} />);
    expect(screen.getByRole('link', { name: 'side by side' }).getAttribute('href')).toBe(toggleHrefs.sideBySide);
    expect(screen.queryByRole('link', { name: 'inline' })).toBeNull();
    const castle = [...table().querySelectorAll('tr')].filter((row) => row.textContent?.includes('The castle'));
    expect(castle.map((row) => row.textContent)).toEqual([
      '−Changed line, before: The castle was built in 1200 by the count.',
      '+Changed line, after: The castle was built in 1250 by the count.',
    ]);
    expect(container.querySelector('del.diffchange')?.textContent).toBe('1200');
    expect(container.querySelector('ins.diffchange')?.textContent).toBe('1250');
    expect([...table().rows].every((row) => row.cells.length <= 2)).toBe(true);
    expect(screen.getByText('Line 12 (now 11):')).toBeTruthy();
    expect(screen.getByText(`(moved to line 27)`)).toBeTruthy();
  });

  it('links to the other layout from side by side', () => {
    renderWithIntl(<DiffView diff={diff} mode="side-by-side" toggleHrefs={toggleHrefs} />);
    expect(screen.getByRole('link', { name: 'inline' }).getAttribute('href')).toBe(toggleHrefs.inline);
    expect(screen.getByText('side by side').getAttribute('aria-current')).toBe('true');
  });

  it('says "No difference" for identical texts', () => {
    renderWithIntl(<DiffView diff={diffRevisions('same\n', 'same')} mode="side-by-side" toggleHrefs={toggleHrefs} />);
    expect(screen.getByText('(No difference)')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('DiffView in Italian', () => {
  it('speaks Italian to screen readers and keeps the −/+ markers', () => {
    renderWithIntl(<DiffView diff={diff} mode="side-by-side" toggleHrefs={toggleHrefs} />, { locale: 'it' });
    expect(screen.getByText('A brand new paragraph.').textContent).toBe('Riga aggiunta: A brand new paragraph.');
    const castle = screen.getByText('1200').closest('td');
    expect(castle?.textContent).toBe('Riga modificata, prima: The castle was built in 1200 by the count.');
    expect(table().querySelector('caption')?.textContent).toContain('Differenze tra Vecchia versione (a sinistra) e Nuova versione (a destra)');
    const headers = [...table().querySelectorAll<HTMLTableRowElement>('tr.diff-lineno')].map((row) => row.cells[0]!.textContent);
    expect(headers).toEqual(['Riga 1:', '8 righe invariate omesse. Riga 12:', '8 righe invariate omesse. Riga 25:']);
    expect(screen.getByRole('link', { name: 'in linea' }).getAttribute('href')).toBe(toggleHrefs.inline);
    const markers = [...table().querySelectorAll('.diff-marker')].map((cell) => cell.textContent).filter((text) => text !== '');
    expect(markers.sort()).toEqual(['+', '+', '+', '−', '−']);
  });

  it('says "Nessuna differenza" for identical texts', () => {
    renderWithIntl(<DiffView diff={diffRevisions('same\n', 'same')} mode="inline" toggleHrefs={toggleHrefs} />, { locale: 'it' });
    expect(screen.getByText('(Nessuna differenza)')).toBeTruthy();
  });
});

describe('the diff page headers', () => {
  const revision = {
    id: 8,
    pageId: 1,
    parentId: 7,
    author: { id: 2, name: 'Fan' },
    summary: 'a fan note',
    minor: false,
    size: 1234,
    sha1: 'a'.repeat(40),
    createdAt: new Date('2026-12-05T14:07:00Z'),
  };
  const newerEdit = <a href="/wiki/ECPAT?diff=next&oldid=8">Newer edit →</a>;

  it('calls the current revision "Latest revision as of" (MediaWiki), any other "Revision as of"', () => {
    const { unmount } = renderWithIntl(<DiffSideHeader side="newer" revision={revision} latest path="/wiki/ECPAT" navigation={newerEdit} />);
    expect(screen.getByRole('link', { name: 'Latest revision as of Dec 5, 2026, 14:07' }).getAttribute('href')).toBe('/wiki/ECPAT?oldid=8');
    unmount();
    renderWithIntl(<DiffSideHeader side="older" revision={revision} latest={false} path="/wiki/ECPAT" navigation={newerEdit} />, { locale: 'it' });
    expect(screen.getByRole('link', { name: 'Versione del 5 dic 2026, 14:07' })).toBeTruthy();
  });

  it('heads the rendered revision with its date and time, worded as its side of the diff', () => {
    const { container } = renderWithIntl(
      <h2>
        <RevisionAsOf createdAt={revision.createdAt} latest />
      </h2>,
      { locale: 'it' },
    );
    expect(container.textContent).toBe('Versione attuale del 5 dic 2026, 14:07');
  });

  it("keeps each side's navigation with its revision, in a block that may hold the rollback form", () => {
    const { container } = renderWithIntl(<DiffSideHeader side="newer" revision={revision} latest path="/wiki/ECPAT" navigation={newerEdit} />);
    const navigation = screen.getByRole('link', { name: 'Newer edit →' }).parentElement!;
    expect(navigation.tagName).toBe('DIV');
    expect(navigation.closest('p')).toBeNull();
    expect(container.querySelector('.diff-side-header')?.lastElementChild).toBe(navigation);
  });

  it('offers "(thank)" beside the author only when the loader allows it', () => {
    const { unmount } = renderWithIntl(<DiffSideHeader side="newer" revision={revision} latest path="/wiki/ECPAT" navigation={newerEdit} thankable />);
    expect(screen.getByRole('link', { name: 'thank' }).getAttribute('href')).toBe('/wiki/Special:Thanks/8');
    unmount();
    renderWithIntl(<DiffSideHeader side="newer" revision={revision} latest path="/wiki/ECPAT" navigation={newerEdit} />);
    expect(screen.queryByRole('link', { name: 'thank' })).toBeNull();
  });
});

describe('ArticleBody', () => {
  it("shows a missing image in the reader's language, and keeps the notice out of the stored rendering", () => {
    const { html } = renderMarkdown('![Logo della ECPAT]()\n\nRafto Prize.');
    expect(html).not.toContain('Image not available');
    const { container, unmount } = renderWithIntl(<ArticleBody html={html} />, { locale: 'it' });
    expect(screen.getByRole('img', { name: 'Logo della ECPAT' }).textContent).toBe('Immagine non disponibile');
    expect(container.textContent).not.toContain('Image not available');
    unmount();
    renderWithIntl(<ArticleBody html={html} />);
    expect(screen.getByRole('img', { name: 'Logo della ECPAT' }).textContent).toBe('Image not available');
  });
});
