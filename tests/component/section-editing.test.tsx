import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ArticleView } from '@/components/ArticleView';
import { HistoryList, type ListNavigationProps } from '@/components/HistoryList';
import { ChangesList } from '@/components/ChangesList';
import { DiffSideHeader } from '@/components/DiffSideHeader';
import type { ChangeRow } from '@/lib/domain/history';
import { parseTitle } from '@/lib/domain/titles';
import { articleShowing } from '../support/article-fixture';
import { renderWithIntl } from '../support/intl';

const access = (mayEdit: boolean) => ({ mayEdit, mayProtect: false, mayDelete: false, mayMove: false, lock: null });
const SOURCE = 'Lead.\n\n## ECPAT Philippines\n\nText.\n\n> ## Quoted\n\n### Perché è nata\n\nMore.';

describe('section "edit" links', () => {
  it('stand beside each top-level heading for readers who may edit, named after the section', () => {
    renderWithIntl(<ArticleView article={articleShowing(SOURCE)} access={access(true)} />);
    const links = screen.getAllByRole('link', { name: /^Edit section: / });
    expect(links.map((link) => [link.getAttribute('aria-label'), link.textContent, link.getAttribute('href')])).toEqual([
      ['Edit section: ECPAT Philippines', 'edit', '/wiki/ECPAT?action=edit&section=1'],
      ['Edit section: Perché è nata', 'edit', '/wiki/ECPAT?action=edit&section=2'],
    ]);
    // The heading keeps its own name; the link sits beside it in MediaWiki's wrapper.
    const heading = screen.getByRole('heading', { level: 2, name: 'ECPAT Philippines' });
    expect(heading.parentElement?.className).toBe('mw-heading mw-heading2');
    expect(links[0]!.closest('.mw-editsection')?.parentElement).toBe(heading.parentElement);
  });

  it('are absent for readers who may not edit', () => {
    renderWithIntl(<ArticleView article={articleShowing(SOURCE)} access={access(false)} />);
    expect(screen.queryAllByRole('link', { name: /Edit section/ })).toHaveLength(0);
    expect(document.querySelector('.mw-editsection')).toBeNull();
  });

  it('read in Italian', () => {
    renderWithIntl(<ArticleView article={articleShowing(SOURCE)} access={access(true)} />, { locale: 'it' });
    const link = screen.getByRole('link', { name: 'Modifica sezione: ECPAT Philippines' });
    expect(link.textContent).toBe('modifica');
  });
});

const title = parseTitle('Rock & roll');
const navigation: ListNavigationProps = { limit: 50, firstPage: true, newestHref: '/h', newerHref: null, olderHref: null, limits: [] };

function row(summary: string): ChangeRow {
  return {
    pageId: 1,
    revisionId: 12,
    parentId: 11,
    title,
    createdAt: new Date('2026-11-28T09:05:00Z'),
    author: { id: 3, name: 'Jane Doe' },
    summary,
    minor: false,
    size: 100,
    delta: 4,
    isCreation: false,
    isLatest: true,
  };
}

describe('autocomments in lists of changes', () => {
  it('show "/* Section */ rest" as a link to the section, then the rest, in the history', () => {
    renderWithIntl(<HistoryList title={title} rows={[row('/* ECPAT Philippines */ fixed a typo')]} latestRevisionId={12} navigation={navigation} />);
    const link = screen.getByRole('link', { name: '→ECPAT Philippines' });
    expect(link.getAttribute('href')).toBe('/wiki/Rock_%26_roll#ecpat-philippines');
    expect(link.closest('.comment')?.textContent).toBe('(→ECPAT Philippines: fixed a typo)');
  });

  it('show a bare autocomment without a colon, and other summaries as written', () => {
    renderWithIntl(<ChangesList rows={[row('/* Perché è nata */'), { ...row('fixed /* x */'), revisionId: 13 }]} variant="recent" />);
    const link = screen.getByRole('link', { name: '→Perché è nata' });
    expect(link.getAttribute('href')).toBe('/wiki/Rock_%26_roll#perché-è-nata');
    expect(link.closest('.comment')?.textContent).toBe('(→Perché è nata)');
    expect(screen.getByText('(fixed /* x */)')).toBeTruthy();
  });

  it('link to the section in contributions and in a diff header too', () => {
    renderWithIntl(
      <>
        <ChangesList rows={[row('/* Storia */ fonte')]} variant="contributions" />
        <DiffSideHeader
          side="newer"
          latest
          path="/wiki/Rock_%26_roll"
          navigation={null}
          revision={{ ...row('/* Storia */ fonte'), id: 12, pageId: 1, sha1: '0'.repeat(40) }}
        />
      </>,
    );
    const links = screen.getAllByRole('link', { name: '→Storia' });
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/wiki/Rock_%26_roll#storia', '/wiki/Rock_%26_roll#storia']);
    expect(within(document.querySelector('.diff-summary')!).getByRole('link').parentElement?.textContent).toBe('→Storia: ');
  });
});
